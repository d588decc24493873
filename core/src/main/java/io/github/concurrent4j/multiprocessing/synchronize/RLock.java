package io.github.concurrent4j.multiprocessing.synchronize;

/**
 * The equivalent of Python's {@code multiprocessing.RLock}: a reentrant lock in shared memory,
 * usable from any thread of any process it is passed to. Only the thread that holds it may
 * release it, once per acquire.
 *
 * <p>Differences from Python, as for {@link Lock}: a dead holder process is detected
 * ({@link OwnerDiedException}, or a takeover when {@code robust}); owner and waiters are seen
 * by {@code threading.Deadlocks}; waits are interruptible. Linux on x86-64 only.
 *
 * <p>Thread-safe. Memory consistency effects: actions of a thread before its last
 * {@code release()} happen-before the actions of the thread that acquires the lock next.
 */
public final class RLock extends SharedMutex {

    /** A new free reentrant lock. */
    public RLock() {
        this(null, false);
    }

    /** A new free reentrant lock named {@code name} (null: derived), robust as {@link Lock#Lock(String, boolean)}. */
    public RLock(String name, boolean robust) {
        super(SyncForm.RLOCK, "RLock", name, robust, null);
    }

    RLock(SyncForm form) {
        super(SyncForm.RLOCK, "RLock", null, false, form);
    }

    /** At once, one level deeper, if this thread holds the lock. */
    @Override
    boolean acquireNanos(long nanos) {
        if (core.lock.isHeldByCurrentThread()) {
            core.setDepth(core.depth() + 1);
            return true;
        }
        if (!core.acquire(nanos)) return false;
        core.setDepth(1);
        return true;
    }

    /**
     * Releases one level of the calling thread's hold.
     *
     * @throws IllegalStateException if the calling thread does not hold the lock
     */
    @Override
    public void release() {
        if (!core.lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("cannot release un-acquired lock " + core.describe());
        }
        long d = core.depth() - 1;
        core.setDepth(d);
        if (d == 0) core.lock.release();
    }

    /** Whether the calling thread holds the lock. */
    public boolean isHeldByCurrentThread() {
        return core.lock.isHeldByCurrentThread();
    }

    /** How many times the calling thread holds the lock (0 if it does not). */
    public int holdCount() {
        return isHeldByCurrentThread() ? (int) core.depth() : 0;
    }
}
