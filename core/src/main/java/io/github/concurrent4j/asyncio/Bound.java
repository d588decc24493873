package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.coroutine.internal.Fiber;
import io.github.concurrent4j.coroutine.internal.Loop;

/**
 * The loop a primitive belongs to (asyncio's {@code _LoopBoundMixin}): the loop of the first
 * task that <i>waits</i> on it. As in Python 3.10+, creating a primitive and its non-blocking
 * operations ({@code putNowait}, {@code set}, {@code release} with nobody waiting) need no
 * loop at all; only waking a waiter does, and it must happen in the waiter's loop.
 */
final class Bound {
    private Loop loop;

    /** The running loop, to which the primitive is bound from its first wait on ({@code _get_loop}). */
    Loop forWait(Object owner) {
        Loop l = EventLoop.running().rt;
        if (loop == null) loop = l;
        else if (loop != l) throw new IllegalStateException(owner + " is bound to a different event loop");
        return l;
    }

    /**
     * The loop whose tasks wait on the primitive, for waking them; the caller must run in that
     * loop (a task or callback of it): waking a task is a change of the loop's state.
     */
    Loop forWake(Object owner) {
        Loop l = loop;
        Fiber f = Loop.currentFiber();
        if (l == null || f == null || f.loop() != l || l.isClosed()) {
            throw new IllegalStateException(owner + " has tasks waiting in " + l + "; wake them from a task or"
                    + " callback of that loop (from another thread: EventLoop.callSoonThreadsafe)");
        }
        return l;
    }
}
