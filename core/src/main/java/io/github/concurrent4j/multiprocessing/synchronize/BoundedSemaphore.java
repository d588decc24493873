package io.github.concurrent4j.multiprocessing.synchronize;

/**
 * The equivalent of Python's {@code multiprocessing.BoundedSemaphore}: a {@link Semaphore}
 * whose {@code release()} throws {@link IllegalStateException} (Python's {@code ValueError})
 * when it would raise the value above the initial one.
 *
 * <p>Thread-safe; memory consistency effects as {@link Semaphore}.
 */
public final class BoundedSemaphore extends Semaphore {
    /** A bounded semaphore with {@code value} permits, never more. */
    public BoundedSemaphore(int value) {
        super(SyncForm.BOUNDED, value, true);
    }

    /** A bounded semaphore with one permit. */
    public BoundedSemaphore() {
        this(1);
    }

    BoundedSemaphore(SyncForm form) {
        super(form);
    }
}
