package io.github.concurrent4j.multiprocessing;

/**
 * A process could not be started or handed its task: the equivalent of Python's
 * {@code multiprocessing.ProcessError}. The message says what failed (the child JVM's own
 * error output, if any, has been forwarded to this process's stderr).
 */
public class ProcessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProcessException(String message) {
        super(message);
    }

    public ProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
