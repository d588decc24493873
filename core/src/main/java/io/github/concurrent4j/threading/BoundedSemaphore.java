package io.github.concurrent4j.threading;

/**
 * The equivalent of Python's {@code threading.BoundedSemaphore}: a {@link Semaphore} whose
 * count may never exceed its initial value. A {@code release} that would exceed it throws
 * {@link IllegalStateException} ("Semaphore released too many times", Python's
 * {@code ValueError}) and leaves the count unchanged: it catches a release without a matching
 * acquire.
 *
 * <p>Thread-safe. Memory consistency effects: as for {@link Semaphore}.
 */
public final class BoundedSemaphore extends Semaphore {
    /**
     * A bounded semaphore with {@code value} permits, which is also its upper bound.
     *
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public BoundedSemaphore(int value) {
        super(value, value);
    }

    /** A bounded semaphore with one permit, Python's {@code BoundedSemaphore()}. */
    public BoundedSemaphore() {
        this(1);
    }
}
