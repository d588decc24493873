package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.Waiter;
import io.github.concurrent4j.internal.Truth;
import io.github.concurrent4j.threading.Held;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The equivalent of Python's {@code asyncio.Condition}: tasks wait, holding its {@link Lock},
 * until another task signals them.
 *
 * <p>As in CPython 3.13, a waiter re-acquires the lock before {@link #await()} returns or
 * throws, also when it is cancelled; a waiter that was signalled and is then cancelled (or
 * fails) while re-acquiring passes the signal on to the next waiter, so no wake-up is lost
 * (gh-112202). Signals go to waiters in arrival order.
 *
 * <p><b>Differences from Python.</b> {@code wait()} / {@code wait_for(predicate)} /
 * {@code notify(n)} / {@code notify_all()} are {@link #await()} / {@link #awaitFor} /
 * {@link #signal(int)} / {@link #signalAll()} ({@code Object.wait/notify} are final).
 * Errors are {@link IllegalStateException} (Python's {@code RuntimeError}).
 *
 * <p><b>Thread safety.</b> Used from tasks of one loop.
 *
 * <p><b>Memory consistency effects.</b> Actions before a signal happen-before the actions of a
 * task after it returns from {@link #await()} (which re-acquires the lock).
 */
public final class Condition {
    private final Bound bound = new Bound();
    private final Lock lock;
    private final Waiters waiters = new Waiters();

    /** A condition with a new lock. */
    public Condition() {
        this(new Lock());
    }

    /** A condition over {@code lock} ({@code Condition(lock)}). */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /** Acquires the underlying lock. */
    public boolean acquire() {
        return lock.acquire();
    }

    /** Releases the underlying lock. */
    public void release() {
        lock.release();
    }

    /** Whether the underlying lock is held. */
    public boolean locked() {
        return lock.locked();
    }

    /** Acquires the lock; closing the handle releases it ({@code async with cond:}). */
    public Held hold() {
        return lock.hold();
    }

    /**
     * Releases the lock, suspends until signalled, and re-acquires the lock before returning
     * (also when cancelled), as {@code await cond.wait()} does; returns true. Like Python's,
     * it may return without a signal (when another waiter passed a signal on), so callers
     * re-check their predicate ({@link #awaitFor}).
     *
     * @throws IllegalStateException if the lock is not held
     */
    public boolean await() {
        if (!locked()) throw new IllegalStateException("cannot wait on un-acquired lock");
        Loop l = bound.forWait(this);
        release();
        try {
            try {
                Waiter w = waiters.add(l);
                try {
                    l.suspend(w);
                    return true;
                } finally {
                    waiters.remove(w);
                }
            } finally {
                // must re-acquire the lock even if cancelled; only cancellations are kept
                // for after (another error would make this spin)
                CancelledException err = null;
                for (;;) {
                    try {
                        lock.acquire();
                        break;
                    } catch (CancelledException e) {
                        err = e;
                    }
                }
                if (err != null) throw err;   // the most recent one, as Python re-raises it
            }
        } catch (RuntimeException | Error e) {
            // we may have been signalled and lost the wake-up: pass it on (gh-112202)
            notify(l, 1);
            throw e;
        }
    }

    /**
     * Waits until {@code predicate} is true, re-checking after every wake-up, and returns its
     * value ({@code wait_for}).
     */
    public boolean awaitFor(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "predicate");
        boolean result = predicate.getAsBoolean();
        while (!result) {
            await();
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /**
     * Waits until {@code predicate} returns a value that counts as true (not null, not
     * {@code false}, not an empty {@code Optional}) and returns that value, as Python's
     * {@code wait_for} returns the predicate's last value.
     */
    public <T> T awaitFor(Supplier<T> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        T result = predicate.get();
        while (!Truth.test(result)) {
            await();
            result = predicate.get();
        }
        return result;
    }

    /**
     * Wakes up to {@code n} waiting tasks, in arrival order ({@code notify(n)}).
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void signal(int n) {
        if (!locked()) throw new IllegalStateException("cannot notify on un-acquired lock");
        if (!waiters.isEmpty()) notify(bound.forWake(this), n);
    }

    private void notify(Loop l, int n) {
        waiters.wakeUpTo(l, n, Boolean.FALSE);
    }

    /** Wakes one waiting task ({@code notify()}). */
    public void signal() {
        signal(1);
    }

    /** Wakes every waiting task ({@code notify_all()}). */
    public void signalAll() {
        signal(waiters.size());
    }

    /** {@code <asyncio.Condition [locked, waiters:1]>}, as Python's repr. */
    /** The waiting tasks' futures (CPython's {@code _waiters}), for the ported CPython tests. */
    Waiters waiters() {
        return waiters;
    }

    @Override
    public String toString() {
        return "<asyncio.Condition [" + (locked() ? "locked" : "unlocked") + Lock.waiterCount(waiters) + "]>";
    }
}
