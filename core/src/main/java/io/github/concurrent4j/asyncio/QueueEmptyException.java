package io.github.concurrent4j.asyncio;

/**
 * The equivalent of Python's {@code asyncio.QueueEmpty}: {@link Queue#getNowait()} on an empty queue.
 *
 * <p>Unchecked.
 */
public final class QueueEmptyException extends RuntimeException {
    /** Creates the exception with {@code message}. */
    public QueueEmptyException(String message) {
        super(message);
    }

    /** Creates the exception with {@code message} and {@code cause}. */
    public QueueEmptyException(String message, Throwable cause) {
        super(message, cause);
    }
}
