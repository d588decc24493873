package io.github.concurrent4j.threading;

import java.util.Objects;

/**
 * The equivalent of Python's {@code threading.RLock}: a reentrant lock, owned by the thread
 * that acquired it, which must release it as many times as it acquired it.
 *
 * <pre>{@code
 * RLock noodleAndFork = new RLock("noodle+fork");
 * try (var _ = noodleAndFork.hold()) {        // with noodle_lock:
 *     try (var _ = noodleAndFork.hold()) {    //     with fork_lock:  (the same RLock)
 *         eat();
 *     }
 * }
 * }</pre>
 *
 * <p>Like {@link java.util.concurrent.locks.ReentrantLock} (non-fair), with Python's names and
 * errors: releasing an RLock that the calling thread does not hold throws
 * {@link IllegalMonitorStateException} ("cannot release un-acquired lock"), like Python's
 * {@code RuntimeError}. Waits are interruptible ({@link
 * io.github.concurrent4j.InterruptedRuntimeException}). The owner is recorded for
 * {@link #owner()}, {@code toString()} and {@link Deadlocks}.
 *
 * <p>Thread-safe. Memory consistency effects: actions in a thread prior to the final
 * {@code release()} (the one that frees the lock) <i>happen-before</i> actions following a
 * subsequent successful {@code acquire()} in another thread.
 */
public final class RLock extends SyncLock {
    /** An RLock named {@code RLock@<identity hash>} in reports. */
    public RLock() {
        super(new RSync(), "RLock", null);
    }

    /** An RLock named {@code RLock '<name>'} in reports. */
    public RLock(String name) {
        super(new RSync(), "RLock", Objects.requireNonNull(name, "name"));
    }

    /** Whether the calling thread holds this lock. */
    public boolean isHeldByCurrentThread() {
        return sync.ownerThread() == Thread.currentThread();
    }

    /** How many times the calling thread holds this lock (0 if it does not hold it). */
    public int holdCount() {
        return isHeldByCurrentThread() ? sync.state() : 0;
    }

    private static final class RSync extends Sync {
        @Override
        protected boolean tryAcquire(int acquires) {
            Thread current = Thread.currentThread();
            int c = getState();
            if (c == 0) {
                if (compareAndSetState(0, acquires)) {
                    setExclusiveOwnerThread(current);
                    return true;
                }
            } else if (getExclusiveOwnerThread() == current) {
                int next = c + acquires;
                if (next < 0) {
                    throw new Error("maximum RLock hold count exceeded");
                }
                setState(next);
                return true;
            }
            return false;
        }

        @Override
        protected boolean tryRelease(int releases) {
            if (getExclusiveOwnerThread() != Thread.currentThread()) {
                throw new IllegalMonitorStateException("cannot release un-acquired lock");
            }
            int c = getState() - releases;
            boolean free = c == 0;
            if (free) {
                setExclusiveOwnerThread(null);
            }
            setState(c);
            return free;
        }
    }
}
