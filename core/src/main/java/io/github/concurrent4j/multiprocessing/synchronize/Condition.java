package io.github.concurrent4j.multiprocessing.synchronize;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.multiprocessing.synchronize.internal.SharedSegment;
import io.github.concurrent4j.multiprocessing.synchronize.internal.Waits;
import io.github.concurrent4j.threading.Held;
import io.github.concurrent4j.transport.Transferable;
import io.github.concurrent4j.transport.shm.Pids;

/**
 * The equivalent of Python's {@code multiprocessing.Condition}: a condition variable over a
 * shared {@link Lock} or {@link RLock} (a new {@code RLock} by default), usable from any thread
 * of any process it is passed to. Python's {@code wait}, {@code wait_for}, {@code notify} and
 * {@code notify_all} are {@link #await}, {@link #awaitFor}, {@link #signal} and
 * {@link #signalAll}.
 *
 * <p>Each waiter takes a slot with its own futex word; {@code signal(n)} marks the {@code n}
 * longest-waiting live waiters signalled and wakes exactly them, so a waiter that times out at
 * the moment it is signalled either takes the signal (and returns {@code true}) or leaves it to
 * no one, never to a later waiter.
 *
 * <pre>
 *  payload offset  field
 *  0               tickets  i64   next arrival number (written under the lock)
 *  64 + 16 i       slot i   state i32 (0 free, 1 waiting, 2 signalled, 3 timed out: the futex word)
 *                           | pid i32 | ticket i64      (64 slots)
 * </pre>
 *
 * <p>Differences from Python: at most {@value #SLOTS} threads may wait on one condition at
 * once (the 65th gets an {@link IllegalStateException}); a waiter in a process that died is
 * skipped by {@code signal}; waits are interruptible, and a waiter interrupted (or whose lock
 * owner died while it waited: {@link OwnerDiedException}) holds the lock again when the
 * exception reaches it. Linux on x86-64 only.
 *
 * <p>Thread-safe. Memory consistency effects: those of the lock.
 */
public final class Condition implements Transferable {
    static final int SLOTS = 64;
    private static final long TICKETS = 0, BASE = 64, SLOT = 16;
    private static final int FREE = 0, WAITING = 1, SIGNALLED = 2, GONE = 3;
    private static final VarHandle INT = JAVA_INT.varHandle();

    private final SharedSegment segment;
    private final MemorySegment m;
    private final Object lock; // a Lock or an RLock
    private final MutexCore core;
    private boolean ownsLock; // made by this condition: closed with it

    /** A condition over a new {@link RLock} (Python's default). */
    public Condition() {
        this(new RLock());
        ownsLock = true;
    }

    /** A condition over {@code lock}. */
    public Condition(Lock lock) {
        this((Object) Objects.requireNonNull(lock, "lock"));
    }

    /** A condition over {@code lock}. */
    public Condition(RLock lock) {
        this((Object) Objects.requireNonNull(lock, "lock"));
    }

    private Condition(Object lock) {
        this.lock = lock;
        this.core = coreOf(lock);
        segment = SharedSegment.create(SyncForm.CONDITION, (int) (BASE + SLOT * SLOTS), this);
        m = segment.payload();
    }

    Condition(SyncForm form) {
        this.lock = form.lock();
        this.ownsLock = form.parties() == 1;
        this.core = coreOf(lock);
        segment = SharedSegment.attach(form.path(), SyncForm.CONDITION, form.lender(), this);
        m = segment.payload();
    }

    private static MutexCore coreOf(Object lock) {
        if (lock instanceof SharedMutex m) return m.core;
        throw new IllegalArgumentException("a condition's lock is a synchronize Lock or RLock, not " + lock);
    }

    /** The lock this condition is over ({@link Lock} or {@link RLock}). */
    public Object lock() {
        return lock;
    }

    /** Acquires the underlying lock. */
    public boolean acquire() {
        return lock instanceof Lock l ? l.acquire() : ((RLock) lock).acquire();
    }

    /** Acquires the underlying lock within {@code timeout}. */
    public boolean acquire(Duration timeout) {
        return lock instanceof Lock l ? l.acquire(timeout) : ((RLock) lock).acquire(timeout);
    }

    /** Releases the underlying lock. */
    public void release() {
        if (lock instanceof Lock l) l.release();
        else ((RLock) lock).release();
    }

    /** Acquires the underlying lock; closing the guard releases it ({@code with cond:}). */
    public Held hold() {
        return lock instanceof Lock l ? l.hold() : ((RLock) lock).hold();
    }

    /** Waits until signalled; returns {@code true}. */
    public boolean await() {
        return awaitNanos(Long.MAX_VALUE);
    }

    /** Waits until signalled or {@code timeout} passes; returns false on timeout. */
    public boolean await(Duration timeout) {
        return awaitNanos(Timeouts.toNanos(timeout));
    }

    private boolean awaitNanos(long nanos) {
        requireOwned("wait on");
        long deadline = Waits.deadline(nanos);
        long s = claimSlot();
        long depth = core.depth();
        core.setDepth(0);
        core.lock.release();
        boolean notified = false;
        try {
            while (true) {
                int st = (int) INT.getVolatile(m, s);
                if (st == SIGNALLED) {
                    notified = true;
                    break;
                }
                if (!Waits.sleep(m, s, WAITING, deadline, "a condition")) {
                    notified = !INT.compareAndSet(m, s, WAITING, GONE);
                    break;
                }
            }
        } catch (RuntimeException e) {
            INT.compareAndSet(m, s, WAITING, GONE);
            throw e;
        } finally {
            try {
                core.acquire(Long.MAX_VALUE);
                core.setDepth(depth);
            } finally {
                INT.setVolatile(m, s, FREE);
            }
        }
        return notified;
    }

    /** Under the lock: a free slot (or one of a dead process), marked waiting with the next ticket. */
    private long claimSlot() {
        long ticket = m.get(JAVA_LONG, TICKETS);
        m.set(JAVA_LONG, TICKETS, ticket + 1);
        int self = (int) Pids.self();
        for (int i = 0; i < SLOTS; i++) {
            long s = BASE + SLOT * i;
            int st = (int) INT.getVolatile(m, s);
            int pid = m.get(JAVA_INT, s + 4);
            if (st == FREE || (pid != self && !Pids.alive(pid))) {
                m.set(JAVA_INT, s + 4, self);
                m.set(JAVA_LONG, s + 8, ticket);
                INT.setVolatile(m, s, WAITING);
                return s;
            }
        }
        throw new IllegalStateException("more than " + SLOTS + " threads wait on one condition");
    }

    /**
     * Waits until {@code predicate} is true (checked under the lock, first before any wait);
     * returns {@code true}.
     */
    public boolean awaitFor(BooleanSupplier predicate) {
        return awaitFor(predicate, Timeouts.MAX);
    }

    /** Waits at most {@code timeout} for {@code predicate}; returns its last value (Python's {@code wait_for}). */
    public boolean awaitFor(BooleanSupplier predicate, Duration timeout) {
        long nanos = Timeouts.toNanos(timeout);
        long deadline = Waits.deadline(nanos);
        boolean result = predicate.getAsBoolean();
        while (!result) {
            long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (left <= 0) break;
            awaitNanos(left);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /** Wakes the longest-waiting thread, if any. @throws IllegalStateException if the lock is not held */
    public void signal() {
        signal(1);
    }

    /** Wakes up to {@code n} waiting threads, longest-waiting first. */
    public void signal(int n) {
        requireOwned("notify on");
        int self = (int) Pids.self();
        for (int k = 0; k < n; k++) {
            long best = -1, bestTicket = Long.MAX_VALUE;
            for (int i = 0; i < SLOTS; i++) {
                long s = BASE + SLOT * i;
                if ((int) INT.getVolatile(m, s) != WAITING) continue;
                long t = m.get(JAVA_LONG, s + 8);
                if (t < bestTicket) {
                    int pid = m.get(JAVA_INT, s + 4);
                    if (pid != self && !Pids.alive(pid)) {
                        INT.compareAndSet(m, s, WAITING, GONE); // a dead waiter does not take a signal
                        continue;
                    }
                    best = s;
                    bestTicket = t;
                }
            }
            if (best < 0) return;
            if (INT.compareAndSet(m, best, WAITING, SIGNALLED)) Waits.wake(m, best, 1);
            else k--; // it timed out meanwhile: the signal goes to the next one
        }
    }

    /** Wakes every waiting thread. */
    public void signalAll() {
        signal(Integer.MAX_VALUE);
    }

    private void requireOwned(String what) {
        if (!core.lock.isHeldByCurrentThread()) throw new IllegalStateException("cannot " + what + " un-acquired lock " + core.name());
    }

    /**
     * Releases this process's handle to the shared file now, and the lock's if this condition
     * made its lock (a lock passed to the constructor is closed by its owner).
     */
    public void close() {
        segment.close();
        if (ownsLock) {
            if (lock instanceof Lock l) l.close();
            else ((RLock) lock).close();
        }
    }

    Condition owningLock() {
        ownsLock = true;
        return this;
    }

    /** For the library's codec: what this condition travels as (its lock travels with it). */
    @Override
    public Transferable.Form transferOut() {
        return new SyncForm(SyncForm.CONDITION, segment.path(), segment.lend(), "", lock, null, ownsLock ? 1 : 0, 0);
    }

    @Override
    public String toString() {
        return "Condition[" + core.describe() + "]";
    }
}
