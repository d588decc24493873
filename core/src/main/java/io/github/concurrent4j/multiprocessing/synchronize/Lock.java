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
public final class Lock implements OwnedLock, Transferable {
    final MutexCore core;
    private final Held held = this::release;

    /** A new free lock. */
    public Lock() {
        this(null, false);
    }

    /**
     * A new free lock named {@code name} in reports (null: a name derived from its file), taken
     * over without {@link OwnerDiedException} when its holder died if {@code robust}.
     */
    public Lock(String name, boolean robust) {
        core = new MutexCore(this, SyncForm.LOCK, "Lock", name, robust, null);
    }

    Lock(SyncForm form) {
        core = new MutexCore(this, SyncForm.LOCK, "Lock", null, false, form);
    }

    /** Blocks until the lock is acquired; returns {@code true}. @throws OwnerDiedException see the class comment */
    public boolean acquire() {
        return core.acquire(Long.MAX_VALUE);
    }

    /** With {@code block} false, takes the lock only if it is free now; returns whether it did. */
    public boolean acquire(boolean block) {
        return core.acquire(block ? Long.MAX_VALUE : 0);
    }

    /** Waits at most {@code timeout}; returns whether the lock was acquired. */
    public boolean acquire(Duration timeout) {
        return core.acquire(Timeouts.toNanos(timeout));
    }

    /**
     * Releases the lock, whoever holds it (as Python allows).
     *
     * @throws IllegalStateException if the lock is not locked
     */
    public void release() {
        try {
            core.lock.releaseAny();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("release unlocked lock: " + core.name(), e);
        }
    }

    /** Acquires the lock; closing the guard releases it ({@code with lock:}). */
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
        return new SyncForm(SyncForm.LOCK, core.segment.path(), core.segment.lend(), core.name(), null, null, 0, 0);
    }

    @Override
    public String toString() {
        return core.describe();
    }
}
