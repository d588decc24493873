package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.WaitQueue;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The equivalent of Python's {@code asyncio.Condition}: tasks wait, holding its {@link Lock},
 * until another task signals them.
 *
 * <p><b>Differences from Python.</b> {@code wait()} / {@code wait_for(predicate)} /
 * {@code notify(n)} / {@code notify_all()} are {@link #await()} / {@link #awaitFor} /
 * {@link #signal(int)} / {@link #signalAll()} ({@code Object.wait/notify} are final).
 *
 * <p><b>Thread safety.</b> Used from tasks of one loop.
 *
 * <p><b>Memory consistency effects.</b> Actions before a signal happen-before the actions of a
 * task after it returns from {@link #await()} (which re-acquires the lock).
 */
public final class Condition {
    private final Bound bound = new Bound();
    private final Lock lock;
    private final WaitQueue waiters = new WaitQueue();

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
    public AutoCloseable hold() {
        return lock.hold();
    }

    /**
     * Releases the lock, suspends until signalled, and re-acquires the lock before returning
     * (also when cancelled), as {@code await cond.wait()} does.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public boolean await() {
        Loop l = bound.loop(this);
        if (!lock.locked()) throw new IllegalStateException("cannot wait on un-acquired lock");
        lock.release();
        RuntimeException err = null;
        try {
            waiters.await(l, -1, null);
        } catch (RuntimeException e) {
            err = e;
        }
        // re-acquire even if cancelled; further cancellations are kept for after
        for (;;) {
            try {
                lock.acquire();
                break;
            } catch (CancelledException e) {
                if (err == null) err = e;
            }
        }
        if (err != null) throw err;
        return true;
    }

    /** Waits until {@code predicate} is true, re-checking after every signal ({@code wait_for}). */
    public boolean awaitFor(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "predicate");
        boolean r = predicate.getAsBoolean();
        while (!r) {
            await();
            r = predicate.getAsBoolean();
        }
        return true;
    }

    /**
     * Wakes up to {@code n} waiting tasks ({@code notify(n)}).
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void signal(int n) {
        Loop l = bound.loop(this);
        if (!lock.locked()) throw new IllegalStateException("cannot notify on un-acquired lock");
        for (int i = 0; i < n && waiters.wakeOne(l); i++) {
            // woken in arrival order
        }
    }

    /** Wakes one waiting task ({@code notify()}). */
    public void signal() {
        signal(1);
    }

    /** Wakes every waiting task ({@code notify_all()}). */
    public void signalAll() {
        Loop l = bound.loop(this);
        if (!lock.locked()) throw new IllegalStateException("cannot notify on un-acquired lock");
        waiters.wakeAll(l);
    }
}
