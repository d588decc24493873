package io.github.concurrent4j.asyncio;

/**
 * The equivalent of Python's {@code asyncio.InvalidStateError}: an operation is not allowed in the future's current state (the result of a pending future, a second {@code setResult}).
 *
 * <p>Unchecked.
 */
public final class InvalidStateException extends RuntimeException {
    /** Creates the exception with {@code message}. */
    public InvalidStateException(String message) {
        super(message);
    }

    /** Creates the exception with {@code message} and {@code cause}. */
    public InvalidStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
