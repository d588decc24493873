package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.Waiter;

/**
 * The equivalent of Python's {@code asyncio.Event}: a flag that tasks wait for. {@link #set()}
 * wakes every waiting task; {@link #clear()} resets it. A waiter woken by a {@code set()}
 * returns true even if the flag was cleared again before it ran. {@code set}, {@code clear}
 * and {@code isSet} need no running loop (as in Python 3.10+).
 *
 * <p><b>Differences from Python.</b> {@code wait()} is {@link #await()} ({@code Object.wait}
 * is final). No timeout parameter, as in asyncio: use {@link Asyncio#waitFor} or
 * {@link Asyncio#timeout}.
 *
 * <p><b>Thread safety.</b> Used from tasks of one loop (the first that waits on it).
 *
 * <p><b>Memory consistency effects.</b> Actions before {@link #set()} happen-before the
 * actions after {@link #await()} returns.
 */
public final class Event {
    private final Bound bound = new Bound();
    private final Waiters waiters = new Waiters();
    private boolean flag;

    /** A new, clear event. */
    public Event() {}

    /** Sets the flag and wakes every waiter ({@code set()}). */
    public void set() {
        if (!flag) {
            Loop l = waiters.isEmpty() ? null : bound.forWake(this);   // refuse before any change
            flag = true;
            if (l != null) waiters.wakeAll(l, Boolean.TRUE);
        }
    }

    /** Resets the flag ({@code clear()}). */
    public void clear() {
        flag = false;
    }

    /** Refuses, as {@link #set()} would, a caller that could not wake this event's waiters (checked before a change). */
    void checkCanWake() {
        if (!waiters.isEmpty()) bound.forWake(this);
    }

    /** Whether the flag is set ({@code is_set()}). */
    public boolean isSet() {
        return flag;
    }

    /** Suspends until the flag is set; returns true ({@code await event.wait()}). */
    public boolean await() {
        if (flag) return true;
        Loop l = bound.forWait(this);
        Waiter w = waiters.add(l);
        try {
            l.suspend(w);
            return true;
        } finally {
            waiters.remove(w);
        }
    }

    /** {@code <asyncio.Event [unset, waiters:1]>}, as Python's repr. */
    /** The waiting tasks' futures (CPython's {@code _waiters}), for the ported CPython tests. */
    Waiters waiters() {
        return waiters;
    }

    @Override
    public String toString() {
        return "<asyncio.Event [" + (flag ? "set" : "unset") + Lock.waiterCount(waiters) + "]>";
    }
}
