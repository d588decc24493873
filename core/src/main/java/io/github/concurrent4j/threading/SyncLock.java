package io.github.concurrent4j.threading;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.InterruptedRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * What {@link Lock} and {@link RLock} share: acquire/release over an
 * {@link AbstractQueuedSynchronizer}, the {@code with} guard, the name and the owner record.
 *
 * <p>Implementation notes. Each lock has its own AQS subclass ({@link Sync}) rather than
 * wrapping a {@link java.util.concurrent.locks.ReentrantLock}, for three reasons: a Python
 * {@code Lock} may be released by any thread, which {@code ReentrantLock} forbids; the owner is
 * recorded with {@code setExclusiveOwnerThread}, which the JVM's own thread dumps and
 * {@code ThreadMXBean} read (so jstack shows our locks with their owners); and a thread
 * blocked on one of our locks is parked with the {@code Sync} as its blocker, which lets
 * {@link Deadlocks} map it back to the named lock, also for virtual threads, which
 * {@code ThreadMXBean} does not list.
 */
abstract sealed class SyncLock implements Mutex permits Lock, RLock {
    static {
        Deadlocks.watchFromSystemProperty();
    }

    final Sync sync;
    private final String kind;
    private final String userName;
    private final Held held = this::release;

    /** {@code userName} null means "no name given": reports then use the identity hash. */
    SyncLock(Sync sync, String kind, String userName) {
        this.sync = sync;
        this.kind = kind;
        this.userName = userName;
        sync.lock = this;
    }

    /** The synchronizer of one lock; it knows its lock for the deadlock report. */
    abstract static class Sync extends AbstractQueuedSynchronizer {
        private SyncLock lock;

        final SyncLock lock() {
            return lock;
        }

        /** One non-blocking attempt (AQS's protected tryAcquire, reachable from this package). */
        final boolean tryAcquireOnce() {
            return tryAcquire(1);
        }

        final int state() {
            return getState();
        }

        final Thread ownerThread() {
            return getExclusiveOwnerThread();
        }

        final ConditionObject newConditionObject() {
            return new ConditionObject();
        }

        @Override
        protected final boolean isHeldExclusively() {
            return getExclusiveOwnerThread() == Thread.currentThread();
        }
    }

    /**
     * Blocks until the lock is acquired (Python's {@code acquire()}).
     *
     * @throws InterruptedRuntimeException if the thread is interrupted while waiting
     */
    @Override
    public final void acquire() {
        if (!sync.tryAcquireOnce()) {
            try {
                sync.acquireInterruptibly(1);
            } catch (InterruptedException e) {
                throw new InterruptedRuntimeException(e);
            }
        }
    }

    /**
     * Python's {@code acquire(blocking)}: with {@code blocking} true, as {@link #acquire()};
     * with false, takes the lock only if it is free now.
     *
     * @return whether the lock was acquired
     */
    @Override
    public final boolean acquire(boolean blocking) {
        if (blocking) {
            acquire();
            return true;
        }
        return sync.tryAcquireOnce();
    }

    /**
     * Python's {@code acquire(timeout=t)}: waits at most {@code timeout} for the lock.
     *
     * @return whether the lock was acquired (false after the timeout)
     * @throws IllegalArgumentException if the timeout is negative
     * @throws InterruptedRuntimeException if the thread is interrupted while waiting
     */
    @Override
    public final boolean acquire(Duration timeout) {
        long nanos = Timeouts.toNanos(timeout);
        if (sync.tryAcquireOnce()) {
            return true;
        }
        try {
            return sync.tryAcquireNanos(1, nanos);
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        }
    }

    /** Releases the lock once; what is allowed depends on the lock kind (see the subclass). */
    @Override
    public final void release() {
        sync.release(1);
    }

    /**
     * Acquires the lock and returns the guard whose {@code close()} releases it: Python's
     * {@code with lock:} is {@code try (var _ = lock.hold()) { ... }}.
     *
     * @throws InterruptedRuntimeException if the thread is interrupted while waiting
     */
    @Override
    public final Held hold() {
        acquire();
        return held;
    }

    /** Whether some thread holds the lock now. */
    @Override
    public final boolean locked() {
        return sync.state() != 0;
    }

    /**
     * The name shown in reports: {@code Lock 'fork'} for a lock made with a name,
     * {@code Lock@1b6d3586} (the identity hash, as jstack prints it) otherwise.
     */
    @Override
    public final String name() {
        return userName != null
                ? kind + " '" + userName + "'"
                : kind + "@" + Integer.toHexString(System.identityHashCode(this));
    }

    @Override
    public final Optional<ThreadRef> owner() {
        Thread t = sync.ownerThread();
        return t == null ? Optional.empty() : Optional.of(ThreadRef.of(t));
    }

    @Override
    public final List<ThreadRef> waiters() {
        return sync.getQueuedThreads().stream().map(ThreadRef::of).toList();
    }

    /**
     * {@code Lock 'fork' [locked by "henry" (tid 31)]}, {@code Lock 'fork' [unlocked]}; an
     * RLock adds its count, as Python's repr does: {@code RLock@1b6d3586 [locked by "main"
     * (tid 1), count=2]}.
     */
    @Override
    public final String toString() {
        Thread t = sync.ownerThread();
        String state = t != null ? "locked by " + ThreadRef.of(t) : locked() ? "locked" : "unlocked";
        if (this instanceof RLock) state += ", count=" + sync.state();
        return name() + " [" + state + "]";
    }
}
