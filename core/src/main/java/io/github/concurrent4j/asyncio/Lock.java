package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.WaitQueue;

/**
 * The equivalent of Python's {@code asyncio.Lock}: mutual exclusion between tasks of one loop,
 * needed only around code that crosses a suspension point while shared state is inconsistent.
 * Fair: waiting tasks get the lock in arrival order, and a newcomer does not barge in ahead
 * of them. Any task may release it (as in Python); releasing an unlocked lock is an error.
 *
 * <p><b>Differences from Python.</b> Shadows {@link java.util.concurrent.locks.Lock} by name.
 * {@code async with lock:} is {@code try (var held = lock.hold()) { ... }}.
 *
 * <p><b>Thread safety.</b> Used from tasks of one loop.
 *
 * <p><b>Memory consistency effects.</b> Actions before {@link #release()} happen-before the
 * actions after the {@link #acquire()} that next obtains the lock.
 */
public final class Lock {
    private final Bound bound = new Bound();
    private final WaitQueue waiters = new WaitQueue();
    private boolean locked;

    /** A new, unlocked lock. */
    public Lock() {}

    /** Acquires the lock, suspending while it is held ({@code await lock.acquire()}); returns true. */
    public boolean acquire() {
        Loop l = bound.loop(this);
        if (!locked && !waiters.hasWaiters()) {
            locked = true;
            return true;
        }
        // release() passes the lock straight to the oldest waiter (it stays locked)
        waiters.await(l, -1, this::release);
        return true;
    }

    /**
     * Releases the lock, passing it to the oldest waiting task if there is one.
     *
     * @throws IllegalStateException if it is not locked ("Lock is not acquired.")
     */
    public void release() {
        Loop l = bound.loop(this);
        if (!locked) throw new IllegalStateException("Lock is not acquired.");
        if (!waiters.wakeOne(l)) locked = false;
    }

    /** Whether it is held ({@code locked()}). */
    public boolean locked() {
        return locked;
    }

    /** Acquires the lock; closing the handle releases it ({@code async with lock:}). */
    public AutoCloseable hold() {
        acquire();
        return releaser(this::release);
    }

    static AutoCloseable releaser(Runnable release) {
        return new AutoCloseable() {
            private boolean done;

            @Override
            public void close() {
                if (!done) {
                    done = true;
                    release.run();
                }
            }
        };
    }

    @Override
    public String toString() {
        return "<asyncio.Lock " + (locked ? "locked" : "unlocked") + ">";
    }
}
