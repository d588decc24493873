package io.github.concurrent4j.futures;

/**
 * The equivalent of Python's {@code concurrent.futures.thread.BrokenThreadPool}: a worker
 * thread of a {@link ThreadPoolExecutor} failed to initialize (its initializer threw), so the
 * executor is broken: the futures still queued fail with this exception, and later
 * {@code submit}s throw it. Its cause is the initializer's exception.
 */
public class BrokenThreadPoolException extends BrokenExecutorException {
    private static final long serialVersionUID = 1L;

    public BrokenThreadPoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
