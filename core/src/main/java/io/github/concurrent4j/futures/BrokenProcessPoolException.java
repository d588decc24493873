package io.github.concurrent4j.futures;

/**
 * The equivalent of Python's {@code concurrent.futures.process.BrokenProcessPool}: a worker
 * process of a process pool executor ended abruptly (killed, crashed, {@code System.exit}) or
 * failed to initialize, so the executor is broken: every future not finished fails with this
 * exception, and later {@code submit}s throw it at once.
 */
public class BrokenProcessPoolException extends BrokenExecutorException {
    private static final long serialVersionUID = 1L;

    public BrokenProcessPoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
