package io.github.concurrent4j.asyncio;

/**
 * The equivalent of Python's {@code asyncio.CancelledError}: raised in a task at its next suspension point after {@link Task#cancel()}, and by awaiting a cancelled future. A task that ends with it is {@linkplain Future#cancelled() cancelled}. As in Python, a task may catch it to clean up, and should then rethrow it.
 *
 * <p>Unchecked.
 */
public final class CancelledException extends RuntimeException {
    /** Creates the exception with {@code message}. */
    public CancelledException(String message) {
        super(message);
    }

    /** Creates the exception with {@code message} and {@code cause}. */
    public CancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}
