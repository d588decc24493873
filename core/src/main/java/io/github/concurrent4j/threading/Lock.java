package io.github.concurrent4j.threading;

import java.util.Objects;

/**
 * The equivalent of Python's {@code threading.Lock}: a non-reentrant mutual-exclusion lock
 * that any thread may release.
 *
 * <pre>{@code
 * Lock lock = new Lock("money");
 * try (var _ = lock.hold()) {          // with lock:
 *     money += n;
 * }
 * lock.acquire();                      // or explicitly, as the seeds do
 * try { money -= n; } finally { lock.release(); }
 * }</pre>
 *
 * <p>This class shadows {@link java.util.concurrent.locks.Lock}, because {@code Lock} is the
 * name a Python programmer looks for; it is not that interface. Differences from
 * {@link java.util.concurrent.locks.ReentrantLock}, which are Python's behaviour:
 * <ul>
 *   <li>not reentrant: a thread that acquires a lock it already holds blocks forever (the
 *       deadlock report shows this as a cycle of one thread);</li>
 *   <li>{@link #release()} may be called by any thread, not only the one that acquired the
 *       lock, so a lock can be handed over between threads;</li>
 *   <li>releasing a lock that is not locked throws {@link IllegalStateException}
 *       ("release unlocked lock"), like Python's {@code RuntimeError}.</li>
 * </ul>
 * Differences from Python: waits are interruptible ({@link
 * io.github.concurrent4j.InterruptedRuntimeException}); the lock records the thread that
 * acquired it, shown by {@link #owner()}, {@code toString()} and {@link Deadlocks}; a lock may
 * have a name for those reports. The lock is not fair: a thread that arrives when the lock is
 * free may take it before threads that have been waiting, as in Python.
 *
 * <p>Thread-safe. Memory consistency effects: actions in a thread prior to {@code release()}
 * <i>happen-before</i> actions following a subsequent successful {@code acquire()} of the same
 * lock in another thread.
 */
public final class Lock extends SyncLock {
    /** A lock named {@code Lock@<identity hash>} in reports. */
    public Lock() {
        super(new LockSync(), "Lock", null);
    }

    /** A lock named {@code Lock '<name>'} in reports. */
    public Lock(String name) {
        super(new LockSync(), "Lock", Objects.requireNonNull(name, "name"));
    }

    private static final class LockSync extends Sync {
        @Override
        protected boolean tryAcquire(int unused) {
            if (compareAndSetState(0, 1)) {
                setExclusiveOwnerThread(Thread.currentThread());
                return true;
            }
            return false;
        }

        @Override
        protected boolean tryRelease(int unused) {
            // Any thread may release. The owner is cleared before the state: once the state is
            // 0 another thread may acquire and record itself, which we must not overwrite.
            setExclusiveOwnerThread(null);
            if (!compareAndSetState(1, 0)) {
                throw new IllegalStateException("release unlocked lock");
            }
            return true;
        }
    }
}
