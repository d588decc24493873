package io.github.concurrent4j.multiprocessing.synchronize;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.time.Duration;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.multiprocessing.synchronize.internal.SharedSegment;
import io.github.concurrent4j.multiprocessing.synchronize.internal.Waits;
import io.github.concurrent4j.threading.Held;
import io.github.concurrent4j.transport.Transferable;

/**
 * The equivalent of Python's {@code multiprocessing.Semaphore}: a counter in shared memory
 * that {@link #acquire()} decrements, waiting while it is zero, and {@link #release()}
 * increments, usable from any thread of any process it is passed to.
 *
 * <pre>
 *  payload offset  field
 *  0               value     i32   the counter; the futex word waiters sleep on while it is 0
 *  4               sleepers  i32   threads that may sleep on it: release wakes only if > 0
 *  8               bound     i32   BoundedSemaphore: the most the value may reach
 *  12              bounded   i32   1 for a BoundedSemaphore
 * </pre>
 *
 * A waiter increments {@code sleepers} and then sleeps only while the value is still 0; a
 * releaser increments the value and then reads {@code sleepers}: one of the two sees the
 * other's write, so no wake-up is lost.
 *
 * <p>Differences from Python: a semaphore has no owner, so a process that dies holding a
 * permit does not give it back (as in Python); {@link #getValue()} works everywhere (Python's
 * raises on macOS). Linux on x86-64 only.
 *
 * <p>Thread-safe. Memory consistency effects: actions before a {@code release()} happen-before
 * actions after an {@code acquire()} that took the released permit, in any process.
 */
public sealed class Semaphore implements Transferable permits BoundedSemaphore {
    static final int PAYLOAD = 64;
    private static final long VALUE = 0, SLEEPERS = 4, BOUND = 8, BOUNDED = 12;
    private static final VarHandle INT = JAVA_INT.varHandle();

    final SharedSegment segment;
    private final MemorySegment m;
    private final Held held = this::release;

    /** A semaphore with {@code value} permits. */
    public Semaphore(int value) {
        this(SyncForm.SEMAPHORE, value, false);
    }

    /** A semaphore with one permit (Python's default). */
    public Semaphore() {
        this(1);
    }

    Semaphore(int kind, int value, boolean bounded) {
        if (value < 0) throw new IllegalArgumentException("semaphore initial value must be >= 0: " + value);
        segment = SharedSegment.create(kind, PAYLOAD, this);
        m = segment.payload();
        m.set(JAVA_INT, BOUND, value);
        m.set(JAVA_INT, BOUNDED, bounded ? 1 : 0);
        INT.setVolatile(m, VALUE, value);
    }

    Semaphore(SyncForm form) {
        segment = SharedSegment.attach(form.path(), form.kind(), form.lender(), this);
        m = segment.payload();
    }

    /** Blocks until a permit is available and takes it; returns {@code true}. */
    public final boolean acquire() {
        return acquireNanos(Long.MAX_VALUE);
    }

    /** With {@code block} false, takes a permit only if one is available now. */
    public final boolean acquire(boolean block) {
        return acquireNanos(block ? Long.MAX_VALUE : 0);
    }

    /** Waits at most {@code timeout} for a permit; returns whether it took one. */
    public final boolean acquire(Duration timeout) {
        return acquireNanos(Timeouts.toNanos(timeout));
    }

    private boolean acquireNanos(long nanos) {
        if (tryTake()) return true;
        if (nanos == 0) return false;
        long deadline = Waits.deadline(nanos);
        if (Waits.spin(m, VALUE, 0) && tryTake()) return true;
        INT.getAndAdd(m, SLEEPERS, 1);
        try {
            while (true) {
                if (tryTake()) return true;
                if (!Waits.sleep(m, VALUE, 0, deadline, "a semaphore")) return tryTake();
            }
        } finally {
            INT.getAndAdd(m, SLEEPERS, -1);
        }
    }

    private boolean tryTake() {
        int v;
        while ((v = (int) INT.getVolatile(m, VALUE)) > 0) {
            if (INT.compareAndSet(m, VALUE, v, v - 1)) return true;
        }
        return false;
    }

    /** Gives one permit back. @throws IllegalStateException for a {@link BoundedSemaphore} released too many times */
    public final void release() {
        release(1);
    }

    /** Gives {@code n} permits back (Python 3.9's {@code release(n)}). */
    public final void release(int n) {
        if (n < 1) throw new IllegalArgumentException("n must be one or more: " + n);
        if ((m.get(JAVA_INT, BOUNDED)) != 0) {
            int bound = m.get(JAVA_INT, BOUND);
            int v;
            do {
                v = (int) INT.getVolatile(m, VALUE);
                if (v + n > bound) throw new IllegalStateException("semaphore or lock released too many times");
            } while (!INT.compareAndSet(m, VALUE, v, v + n));
        } else {
            INT.getAndAdd(m, VALUE, n);
        }
        if ((int) INT.getVolatile(m, SLEEPERS) > 0) Waits.wake(m, VALUE, n);
    }

    /** Acquires a permit; closing the guard releases it ({@code with sem:}). */
    public final Held hold() {
        acquire();
        return held;
    }

    /** The number of permits now (Python's {@code get_value()}). */
    public final int getValue() {
        return (int) INT.getVolatile(m, VALUE);
    }

    /** Releases this process's handle to the shared file now, rather than when garbage-collected. */
    public final void close() {
        segment.close();
    }

    /** For the library's codec: what this semaphore travels as. */
    @Override
    public final Transferable.Form transferOut() {
        int kind = this instanceof BoundedSemaphore ? SyncForm.BOUNDED : SyncForm.SEMAPHORE;
        return new SyncForm(kind, segment.path(), segment.lend(), "", null, null, 0, 0);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[value=" + getValue() + "]";
    }
}
