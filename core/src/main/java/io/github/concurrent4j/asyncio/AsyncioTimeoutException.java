package io.github.concurrent4j.asyncio;

/**
 * The equivalent of Python's {@code TimeoutError} as raised by {@code asyncio.wait_for},
 * {@code asyncio.timeout} and {@code as_completed}: the operation did not finish in time. Its cause is the {@link CancelledException} with which the timed-out work was cancelled, when there is one. (Named apart from the checked {@code java.util.concurrent.TimeoutException}.)
 *
 * <p>Unchecked.
 */
public final class AsyncioTimeoutException extends RuntimeException {
    /** Creates the exception with {@code message}. */
    public AsyncioTimeoutException(String message) {
        super(message);
    }

    /** Creates the exception with {@code message} and {@code cause}. */
    public AsyncioTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
