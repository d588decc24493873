package io.github.concurrent4j.asyncio;

/**
 * The equivalent of Python's {@code asyncio.QueueShutDown}: (Python 3.13) a {@code put} on a queue that was shut down, or a {@code get} on one that was shut down and is empty (or was shut down immediately).
 *
 * <p>Unchecked.
 */
public final class QueueShutDownException extends RuntimeException {
    /** Creates the exception with {@code message}. */
    public QueueShutDownException(String message) {
        super(message);
    }

    /** Creates the exception with {@code message} and {@code cause}. */
    public QueueShutDownException(String message, Throwable cause) {
        super(message, cause);
    }
}
