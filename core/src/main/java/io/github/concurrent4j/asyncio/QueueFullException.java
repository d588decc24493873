package io.github.concurrent4j.asyncio;

/**
 * The equivalent of Python's {@code asyncio.QueueFull}: {@link Queue#putNowait} on a full queue.
 *
 * <p>Unchecked.
 */
public final class QueueFullException extends RuntimeException {
    /** Creates the exception with {@code message}. */
    public QueueFullException(String message) {
        super(message);
    }

    /** Creates the exception with {@code message} and {@code cause}. */
    public QueueFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
