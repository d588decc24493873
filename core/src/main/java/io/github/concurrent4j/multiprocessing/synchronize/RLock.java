package io.github.concurrent4j.multiprocessing.synchronize;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.threading.Held;
import io.github.concurrent4j.threading.OwnedLock;
import io.github.concurrent4j.threading.ThreadRef;
import io.github.concurrent4j.transport.Transferable;

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
public final class RLock implements OwnedLock, Transferable {
    final MutexCore core;
    private final Held held = this::release;

    /** A new free reentrant lock. */
    public RLock() {
        this(null, false);
    }

    /** A new free reentrant lock named {@code name} (null: derived), robust as {@link Lock#Lock(String, boolean)}. */
    public RLock(String name, boolean robust) {
        core = new MutexCore(this, SyncForm.RLOCK, "RLock", name, robust, null);
    }

    RLock(SyncForm form) {
        core = new MutexCore(this, SyncForm.RLOCK, "RLock", null, false, form);
    }

    /** Blocks until the lock is acquired (at once if this thread holds it); returns {@code true}. */
    public boolean acquire() {
        return acquireNanos(Long.MAX_VALUE);
    }

    /** With {@code block} false, takes the lock only if this thread can now. */
    public boolean acquire(boolean block) {
        return acquireNanos(block ? Long.MAX_VALUE : 0);
    }

    /** Waits at most {@code timeout}; returns whether the lock was acquired. */
    public boolean acquire(Duration timeout) {
        return acquireNanos(Timeouts.toNanos(timeout));
    }

    private boolean acquireNanos(long nanos) {
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
    public void release() {
        if (!core.lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("cannot release un-acquired lock " + core.describe());
        }
        long d = core.depth() - 1;
        core.setDepth(d);
        if (d == 0) core.lock.release();
    }

    /** Acquires the lock; closing the guard releases one level ({@code with rlock:}). */
    public Held hold() {
        acquire();
        return held;
    }

    /** Whether the calling thread holds the lock. */
    public boolean isHeldByCurrentThread() {
        return core.lock.isHeldByCurrentThread();
    }

    /** How many times the calling thread holds the lock (0 if it does not). */
    public int holdCount() {
        return isHeldByCurrentThread() ? (int) core.depth() : 0;
    }

    /** Whether some thread of some process holds the lock. */
    public boolean locked() {
        return core.lock.isLocked();
    }

    /** How many times the lock was taken over from a holder process that had died. */
    public long ownerDiedCount() {
        return core.ownerDiedCount();
    }

    /** Releases this process's handle to the shared file now, rather than when garbage-collected. */
    public void close() {
        core.segment.close();
    }

    @Override
    public String name() {
        return core.name();
    }

    @Override
    public Optional<ThreadRef> owner() {
        return core.owner();
    }

    @Override
    public List<ThreadRef> waiters() {
        return core.waiters();
    }

    /** For the library's codec: what this lock travels as. */
    @Override
    public Transferable.Form transferOut() {
        return new SyncForm(SyncForm.RLOCK, core.segment.path(), core.segment.lend(), core.name(), null, null, 0, 0);
    }

    @Override
    public String toString() {
        return core.describe();
    }
}
