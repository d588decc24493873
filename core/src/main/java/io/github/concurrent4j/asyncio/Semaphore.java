package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.Waiter;
import io.github.concurrent4j.threading.Held;

/**
 * The equivalent of Python's {@code asyncio.Semaphore} and {@code asyncio.BoundedSemaphore}
 * ({@link #bounded}).
 *
 * <p>Fair, as CPython 3.13's: waiting tasks are served in arrival order, and a task that
 * arrives while others wait queues behind them even if a permit is free, also behind tasks
 * that were woken but have not run yet. {@link #release()} hands the permit to the first
 * waiter; a waiter cancelled after it was handed one gives it back to the next. A bounded
 * semaphore refuses to be released above its initial value. Creating one, acquiring a free
 * permit and releasing need no running loop.
 *
 * <p><b>Differences from Python.</b> Shadows {@link java.util.concurrent.Semaphore} by name.
 * {@code async with sem:} is {@code try (var held = sem.hold()) { ... }}.
 * {@code BoundedSemaphore(n)} is {@link #bounded(int) Semaphore.bounded(n)}. Errors are
 * {@link IllegalArgumentException} / {@link IllegalStateException} (Python's
 * {@code ValueError}).
 *
 * <p><b>Thread safety.</b> Used from tasks of one loop.
 *
 * <p><b>Memory consistency effects.</b> Actions before {@link #release()} happen-before the
 * actions after the {@link #acquire()} that receives that permit.
 */
public final class Semaphore {
    private final Bound bound = new Bound();
    private final Waiters waiters = new Waiters();
    private final Held held = this::release;
    /** The initial value of a bounded semaphore, -1 for an unbounded one. */
    private final int bound_;
    private int value;

    /** A semaphore with one permit ({@code Semaphore()}). */
    public Semaphore() {
        this(1);
    }

    /**
     * A semaphore with {@code value} permits ({@code Semaphore(value)}).
     *
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public Semaphore(int value) {
        this(value, -1);
    }

    private Semaphore(int value, int bound) {
        if (value < 0) throw new IllegalArgumentException("Semaphore initial value must be >= 0: " + value);
        this.value = value;
        this.bound_ = bound;
    }

    /** A bounded semaphore with one permit ({@code BoundedSemaphore()}). */
    public static Semaphore bounded() {
        return bounded(1);
    }

    /** A semaphore that may not be released above {@code value} ({@code BoundedSemaphore(value)}). */
    public static Semaphore bounded(int value) {
        return new Semaphore(value, value);
    }

    /** Whether a permit cannot be taken at once: none is free, or tasks wait their turn ({@code locked()}). */
    public boolean locked() {
        return value == 0 || waiters.anyNotCancelled();
    }

    /** Takes a permit, suspending while none is free ({@code await sem.acquire()}); returns true. */
    public boolean acquire() {
        if (!locked()) {
            value--;   // FIFO: otherwise wait for the others to start, even if value > 0
            return true;
        }
        Loop l = bound.forWait(this);
        Waiter w = waiters.add(l);
        try {
            try {
                l.suspend(w);
            } finally {
                waiters.remove(w);
            }
        } catch (RuntimeException e) {
            // woken (value already taken for us) but not about to acquire: undo, so that
            // the loop below wakes somebody else
            if (w.done() && !w.failed()) value++;
            throw e;
        } finally {
            // new waiters may have arrived but had to wait for FIFO: wake as many as allowed
            while (value > 0) {
                if (!wakeUpNext(l)) break;
            }
        }
        return true;
    }

    /**
     * Returns a permit, handing it to the first waiting task if any ({@code release()}).
     *
     * @throws IllegalStateException if a bounded semaphore would exceed its initial value
     *                               ("BoundedSemaphore released too many times")
     */
    public void release() {
        if (bound_ >= 0 && value >= bound_) throw new IllegalStateException("BoundedSemaphore released too many times");
        Loop l = waiters.hasPending() ? bound.forWake(this) : null;   // refuse before any change
        value++;
        if (l != null) wakeUpNext(l);
    }

    /** Wakes the first waiter that is not done, giving it a permit; whether there was one. */
    private boolean wakeUpNext(Loop l) {
        if (waiters.isEmpty() || !waiters.hasPending()) return false;
        value--;
        waiters.wakeNext(l != null ? l : bound.forWake(this), Boolean.TRUE);
        return true;
    }

    /** The number of free permits (CPython's {@code _value}), for the ported CPython tests. */
    int value() {
        return value;
    }

    /** Acquires a permit; closing the handle releases it ({@code async with sem:}). */
    public Held hold() {
        acquire();
        return held;
    }

    /** {@code <asyncio.Semaphore [unlocked, value:2]>} or {@code <asyncio.BoundedSemaphore [locked, waiters:1]>}. */
    /** The waiting tasks' futures (CPython's {@code _waiters}), for the ported CPython tests. */
    Waiters waiters() {
        return waiters;
    }

    @Override
    public String toString() {
        return "<asyncio." + (bound_ >= 0 ? "BoundedSemaphore" : "Semaphore") + " ["
                + (locked() ? "locked" : "unlocked, value:" + value) + Lock.waiterCount(waiters) + "]>";
    }
}
