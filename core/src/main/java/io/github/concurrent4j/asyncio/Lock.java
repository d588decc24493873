package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.Waiter;
import io.github.concurrent4j.threading.Held;

/**
 * The equivalent of Python's {@code asyncio.Lock}: mutual exclusion between tasks of one loop,
 * needed only around code that crosses a suspension point while shared state is inconsistent.
 *
 * <p>Fair, as CPython 3.13's: waiting tasks get the lock in arrival order, and a task that
 * arrives while others wait queues behind them. {@link #release()} unlocks the lock and wakes
 * the first waiter, which takes the lock when it runs: until then {@link #locked()} is false
 * (and a newcomer still queues behind it). A woken waiter that is cancelled before it runs
 * passes the wake-up on to the next one. Any task may release the lock (as in Python);
 * releasing an unlocked lock is an error. Creating a lock and acquiring a free one need no
 * running loop; the lock is bound to the loop of its first waiting task.
 *
 * <p><b>Differences from Python.</b> Shadows {@link java.util.concurrent.locks.Lock} by name.
 * {@code async with lock:} is {@code try (var held = lock.hold()) { ... }}; errors are
 * {@link IllegalStateException} (Python's {@code RuntimeError}).
 *
 * <p><b>Thread safety.</b> Used from tasks of one loop.
 *
 * <p><b>Memory consistency effects.</b> Actions before {@link #release()} happen-before the
 * actions after the {@link #acquire()} that next obtains the lock.
 */
public final class Lock {
    private final Bound bound = new Bound();
    private final Waiters waiters = new Waiters();
    private final Held held = this::release;
    private boolean locked;

    /** A new, unlocked lock. */
    public Lock() {}

    /** Acquires the lock, suspending while it is held ({@code await lock.acquire()}); returns true. */
    public boolean acquire() {
        // fair: a newcomer waits its turn; jumping the queue when every waiter was cancelled
        // is CPython's optimisation
        if (!locked && waiters.allCancelled()) {
            locked = true;
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
            // the lock invariant: if it is not taken (nor about to be, by us), the waiter at
            // the head must run
            if (!locked) wakeUpFirst(l);
            throw e;
        }
        locked = true;
        return true;
    }

    /**
     * Releases the lock and wakes the first waiting task, if any.
     *
     * @throws IllegalStateException if it is not locked ("Lock is not acquired.")
     */
    public void release() {
        if (!locked) throw new IllegalStateException("Lock is not acquired.");
        Loop l = waiters.isEmpty() ? null : bound.forWake(this);   // refuse before any change
        locked = false;
        if (l != null) wakeUpFirst(l);
    }

    private void wakeUpFirst(Loop l) {
        waiters.wakeFirst(l, Boolean.TRUE);
    }

    /** Whether it is held ({@code locked()}). */
    public boolean locked() {
        return locked;
    }

    /** Acquires the lock; closing the handle releases it ({@code async with lock:}). */
    public Held hold() {
        acquire();
        return held;
    }

    /** {@code <asyncio.Lock [locked, waiters:2]>}, as Python's repr. */
    /** The waiting tasks' futures (CPython's {@code _waiters}), for the ported CPython tests. */
    Waiters waiters() {
        return waiters;
    }

    @Override
    public String toString() {
        return "<asyncio.Lock [" + (locked ? "locked" : "unlocked") + waiterCount(waiters) + "]>";
    }

    static String waiterCount(Waiters w) {
        return w.isEmpty() ? "" : ", waiters:" + w.size();
    }
}
