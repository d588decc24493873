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
 * What the two shared locks show alike: Python's {@code acquire(block, timeout)} forms,
 * {@code with} ({@link #hold()}), the owner and waiters that deadlock reports read, the
 * shared file's handle and the form the lock travels as. {@link Lock} and {@link RLock} say
 * only how they acquire and release.
 */
abstract sealed class SharedMutex implements OwnedLock, Transferable permits Lock, RLock {
    final MutexCore core;
    private final int kind;
    private final Held held = this::release;

    SharedMutex(int kind, String kindName, String name, boolean robust, SyncForm form) {
        this.kind = kind;
        core = new MutexCore(this, kind, kindName, name, robust, form);
    }

    /** Acquires within {@code nanos} (0: try once, {@code Long.MAX_VALUE}: forever). */
    abstract boolean acquireNanos(long nanos);

    /** Releases the lock (Python's rules for who may: see the class). */
    public abstract void release();

    /** Blocks until the lock is acquired; returns {@code true}. @throws OwnerDiedException see the class comment */
    public boolean acquire() {
        return acquireNanos(Long.MAX_VALUE);
    }

    /** With {@code block} false, takes the lock only if it can now; returns whether it did. */
    public boolean acquire(boolean block) {
        return acquireNanos(block ? Long.MAX_VALUE : 0);
    }

    /** Waits at most {@code timeout}; returns whether the lock was acquired. */
    public boolean acquire(Duration timeout) {
        return acquireNanos(Timeouts.toNanos(timeout));
    }

    /** Acquires the lock; closing the guard releases it once ({@code with lock:}). */
    public Held hold() {
        acquire();
        return held;
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
        return new SyncForm(kind, core.segment.path(), core.segment.lend(), core.name(), null, null, 0, 0);
    }

    @Override
    public String toString() {
        return core.describe();
    }
}
