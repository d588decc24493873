package io.github.concurrent4j.green;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.WaitQueue;
import java.time.Duration;

/**
 * The equivalent of Python's {@code gevent.event.Event}: a flag that greenlets wait for
 * cooperatively. {@link #set()} wakes every waiter; {@link #clear()} resets the flag.
 *
 * <p><b>Differences from gevent.</b> {@code wait()} is {@link #await()} ({@code Object.wait}
 * is final in Java), and returns the flag as gevent's does.
 *
 * <p><b>Thread safety.</b> Used from greenlets of one hub only.
 *
 * <p><b>Memory consistency effects.</b> Actions of a greenlet before {@link #set()}
 * happen-before the actions of a greenlet that returns {@code true} from {@link #await()}.
 */
public final class Event {
    private final WaitQueue waiters = new WaitQueue();
    private boolean flag;
    private Loop loop;

    /** A new, clear event. */
    public Event() {}

    private Loop loop() {
        Loop l = Hub.get().loop;
        if (loop == null) loop = l;
        else if (loop != l) throw new IllegalStateException("this event belongs to " + loop + ", not to " + l);
        return l;
    }

    /** Sets the flag and wakes every waiting greenlet. */
    public void set() {
        Loop l = loop();
        flag = true;
        waiters.wakeAll(l);
    }

    /** Resets the flag. */
    public void clear() {
        loop();
        flag = false;
    }

    /** Whether the flag is set ({@code is_set}). */
    public boolean isSet() {
        return flag;
    }

    /** Waits until the flag is set; returns true ({@code wait()}). */
    public boolean await() {
        Loop l = loop();
        while (!flag) waiters.await(l, -1, null);
        return true;
    }

    /** Waits at most {@code timeout} for the flag; returns it ({@code wait(timeout)}). */
    public boolean await(Duration timeout) {
        Loop l = loop();
        long t = Timeouts.toNanos(timeout);
        if (flag) return true;
        waiters.await(l, t, null);
        return flag;
    }
}
