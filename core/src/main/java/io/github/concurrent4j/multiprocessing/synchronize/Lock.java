package io.github.concurrent4j.multiprocessing.synchronize;

/**
 * The equivalent of Python's {@code multiprocessing.Lock}: a non-reentrant lock in shared
 * memory that every process it is passed to (through {@code new Process(target)}, a pipe or a
 * queue) can take, from any of its threads.
 *
 * <pre>{@code
 * Lock lock = new Lock();
 * new Process(() -> { try (var _ = lock.hold()) { buyTicket(); } }).start();
 * }</pre>
 *
 * <p>As in Python, any thread of any process may release it, and releasing a free lock throws
 * {@link IllegalStateException}. Differences from Python: a lock whose holder process died is
 * not locked forever: the next acquire (within about 25 ms of the death, plus a {@code /proc}
 * read) throws {@link OwnerDiedException} and leaves the lock free, or, for a lock made with
 * {@code robust} set, takes it over and succeeds ({@link #ownerDiedCount()}); the lock records
 * its holder's pid and thread ({@link #owner()}) and its waiters, so {@code
 * threading.Deadlocks.report()} in any process names a cycle through several processes; waits
 * are interruptible. Built on a futex: an uncontended acquire and release is two atomic
 * instructions, a waiter spins about 10 µs then sleeps in the kernel. Linux on x86-64 only
 * (elsewhere the constructor throws {@link UnsupportedOperationException}).
 *
 * <p>The lock lives in a 0600 file in the family's private shared-memory directory, removed
 * when the last process holding a handle closes it, lets it be garbage-collected, or dies.
 *
 * <p>Thread-safe. Memory consistency effects: actions of a thread, in any process, before it
 * releases the lock happen-before the actions of the thread that acquires it next.
 */
public final class Lock extends SharedMutex {

    /** A new free lock. */
    public Lock() {
        this(null, false);
    }

    /**
     * A new free lock named {@code name} in reports (null: a name derived from its file), taken
     * over without {@link OwnerDiedException} when its holder died if {@code robust}.
     */
    public Lock(String name, boolean robust) {
        super(SyncForm.LOCK, "Lock", name, robust, null);
    }

    Lock(SyncForm form) {
        super(SyncForm.LOCK, "Lock", null, false, form);
    }

    @Override
    boolean acquireNanos(long nanos) {
        return core.acquire(nanos);
    }

    /**
     * Releases the lock, whoever holds it (as Python allows).
     *
     * @throws IllegalStateException if the lock is not locked
     */
    @Override
    public void release() {
        try {
            core.lock.releaseAny();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("release unlocked lock: " + core.name(), e);
        }
    }
}
