package io.github.concurrent4j.asyncio;

/**
 * The equivalent of Python's {@code asyncio.BrokenBarrierError}: raised by
 * {@link Barrier#await()} when the barrier is broken ({@link Barrier#abort()}) or is reset
 * while the task waits.
 *
 * <p>Unchecked. A class of its own, as in Python (it is not {@code threading}'s).
 */
public final class BrokenBarrierException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with {@code message}. */
    public BrokenBarrierException(String message) {
        super(message);
    }
}
