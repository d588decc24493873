package io.github.concurrent4j.coroutine.internal;

import java.util.ArrayDeque;

/**
 * A FIFO of fibers waiting for a condition of some primitive (a queue that is empty, a lock
 * that is held, an event that is clear). Owned by the loop's baton holder, like everything
 * the primitives hold.
 *
 * <p>{@link #wakeOne} resolves the oldest live waiter with {@code true}; what the wake-up
 * means (an item may be there, the lock is now yours) is the primitive's business. A waiter
 * that times out or is killed is removed lazily: {@code wakeOne} skips resolved waiters.
 */
public final class WaitQueue {
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    /**
     * Suspends the current fiber of {@code loop} until {@link #wakeOne}/{@link #wakeAll} picks it
     * (true) or {@code timeoutNanos} passes (false; negative: no timeout). An exception thrown
     * into the fiber while it waits propagates; if the fiber had already been woken, the wake-up
     * is not lost: {@code onLostWakeup} runs (it undoes what the wake-up granted, e.g. releases
     * a lock handed over), or, if it is null, the next waiter is woken instead.
     */
    public boolean await(Loop loop, long timeoutNanos, Runnable onLostWakeup) {
        Waiter w = loop.newWaiter();
        waiters.addLast(w);
        Timer t = timeoutNanos >= 0 ? loop.callLater(timeoutNanos, () -> loop.resolve(w, Boolean.FALSE)) : null;
        try {
            return (Boolean) loop.suspend(w);
        } catch (RuntimeException e) {
            if (w.done && w.value == Boolean.TRUE) {
                if (onLostWakeup != null) onLostWakeup.run();
                else wakeOne(loop);
            }
            throw e;
        } finally {
            if (t != null) t.cancel();
            if (waiters.size() > 64 && waiters.size() % 64 == 0) waiters.removeIf(x -> x.done);
        }
    }

    /** Wakes the oldest live waiter; false if there is none. */
    public boolean wakeOne(Loop loop) {
        Waiter w;
        while ((w = waiters.pollFirst()) != null) {
            if (loop.resolve(w, Boolean.TRUE)) return true;
        }
        return false;
    }

    /** Wakes every live waiter; returns how many. */
    public int wakeAll(Loop loop) {
        int n = 0;
        Waiter w;
        while ((w = waiters.pollFirst()) != null) {
            if (loop.resolve(w, Boolean.TRUE)) n++;
        }
        return n;
    }

    /** Whether some fiber is waiting (skipping the timed-out and killed ones). */
    public boolean hasWaiters() {
        Waiter w;
        while ((w = waiters.peekFirst()) != null && w.done) waiters.pollFirst();
        return w != null;
    }

    /** The number of live waiters (linear; for statistics and tests). */
    public int size() {
        int n = 0;
        for (Waiter w : waiters) if (!w.done) n++;
        return n;
    }
}
