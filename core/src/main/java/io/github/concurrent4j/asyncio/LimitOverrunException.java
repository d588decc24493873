package io.github.concurrent4j.asyncio;

/**
 * The equivalent of Python's {@code asyncio.LimitOverrunError}: {@link StreamReader#readUntil} or {@link StreamReader#readLine} found no separator within the reader's limit.
 *
 * <p>Unchecked.
 */
public final class LimitOverrunException extends RuntimeException {
    /** Creates the exception with {@code message}. */
    public LimitOverrunException(String message) {
        super(message);
    }

    /** Creates the exception with {@code message} and {@code cause}. */
    public LimitOverrunException(String message, Throwable cause) {
        super(message, cause);
    }
}
