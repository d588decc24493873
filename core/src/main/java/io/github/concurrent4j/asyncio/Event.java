package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.WaitQueue;

/**
 * The equivalent of Python's {@code asyncio.Event}: a flag that tasks wait for. {@link #set()}
 * wakes every waiting task; {@link #clear()} resets it.
 *
 * <p><b>Differences from Python.</b> {@code wait()} is {@link #await()} ({@code Object.wait}
 * is final). No timeout parameter, as in asyncio: use {@link Asyncio#waitFor} or
 * {@link Asyncio#timeout}.
 *
 * <p><b>Thread safety.</b> Used from tasks of one loop (the first that uses it).
 *
 * <p><b>Memory consistency effects.</b> Actions before {@link #set()} happen-before the
 * actions after {@link #await()} returns.
 */
public final class Event {
    private final Bound bound = new Bound();
    private final WaitQueue waiters = new WaitQueue();
    private boolean flag;

    /** A new, clear event. */
    public Event() {}

    /** Sets the flag and wakes every waiter ({@code set()}). */
    public void set() {
        Loop l = bound.loop(this);
        if (!flag) {
            flag = true;
            waiters.wakeAll(l);
        }
    }

    /** Resets the flag ({@code clear()}). */
    public void clear() {
        bound.loop(this);
        flag = false;
    }

    /** Whether the flag is set ({@code is_set()}). */
    public boolean isSet() {
        return flag;
    }

    /** Suspends until the flag is set; returns true ({@code await event.wait()}). */
    public boolean await() {
        Loop l = bound.loop(this);
        if (flag) return true;
        waiters.await(l, -1, null);
        return true;
    }

    @Override
    public String toString() {
        return "<asyncio.Event " + (flag ? "set" : "unset") + ">";
    }
}
