package io.github.concurrent4j.queue;

/**
 * The equivalent of Python's {@code queue.ShutDown} (Python 3.13): thrown by {@code put} on a
 * queue that was {@linkplain Queue#shutdown() shut down}, and by {@code get} once a shut-down
 * queue is empty (at once after {@code shutdown(true)}).
 */
public final class ShutDownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ShutDownException(String message) {
        super(message);
    }
}
