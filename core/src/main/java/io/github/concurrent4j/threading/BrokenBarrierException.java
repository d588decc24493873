package io.github.concurrent4j.threading;

/**
 * The equivalent of Python's {@code threading.BrokenBarrierError}: thrown by
 * {@link Barrier#await()} when the barrier is broken, or breaks while the thread waits
 * (a timeout, an {@link Barrier#abort()}, a {@link Barrier#reset()}, a failed action or an
 * interrupted party).
 *
 * <p>This class shadows {@link java.util.concurrent.BrokenBarrierException}, which is checked;
 * this one is unchecked, like every exception of concurrent4j.
 */
public final class BrokenBarrierException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BrokenBarrierException(String message) {
        super(message);
    }
}
