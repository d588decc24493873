package io.github.concurrent4j.coroutine.internal;

/**
 * One suspension of one fiber: the fiber parks on it and whoever resolves it (a timer, a
 * queue, a socket becoming ready, a kill) decides what the suspended call returns or throws.
 *
 * <p>A waiter is resolved at most once; later attempts are ignored. That is what makes it safe
 * for several wakers to race (a timeout and an item arriving, a kill and a socket becoming
 * readable): the first wins, the others see {@link #done()} and do nothing. Only the loop's
 * baton holder touches a waiter, so its fields need no synchronization.
 */
public final class Waiter {
    final Fiber fiber;
    /** A direct greenlet switch (resumed by another switch, never by the run queue). */
    final boolean raw;
    boolean done;
    Object value;
    RuntimeException error;

    Waiter(Fiber fiber, boolean raw) {
        this.fiber = fiber;
        this.raw = raw;
    }

    /** The fiber that suspends (or suspended) on this waiter. */
    public Fiber fiber() {
        return fiber;
    }

    /** Whether this waiter has been resolved (its fiber is runnable again or has resumed). */
    public boolean done() {
        return done;
    }

    /**
     * Whether it was resolved with an exception (a cancellation, a kill, a timeout thrown into
     * its fiber): asyncio's {@code fut.cancelled()} for the futures its primitives wait on.
     */
    public boolean failed() {
        return done && error != null;
    }
}
