package io.github.concurrent4j.green;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.coroutine.internal.Fiber;
import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.Timer;
import java.time.Duration;

/**
 * The equivalent of Python's {@code gevent.Timeout}: after a delay, raises an exception in the
 * greenlet that started it, at its next cooperative point (at once if it is waiting then).
 *
 * <pre>{@code
 * try (Timeout t = Timeout.start(Duration.ofSeconds(5))) {
 *     data = sock.recv(1024);          // raises GreenTimeoutException after 5 s
 * }
 * }</pre>
 *
 * <p><b>Differences from gevent.</b> The exception is a separate class,
 * {@link GreenTimeoutException}, whose {@link GreenTimeoutException#timeout()} names this
 * object (gevent raises the {@code Timeout} object itself). gevent's
 * {@code Timeout(seconds, False)} ("leave the block silently") is {@link Gevent#withTimeout}
 * with a default value, because a Java {@code close()} cannot swallow the block's exception.
 * As in gevent, a greenlet that never reaches a cooperative point (a plain blocking call, a
 * long computation) cannot be interrupted by it.
 *
 * <p><b>Thread safety.</b> Used from the greenlet that started it (or other greenlets of its hub).
 *
 * <p><b>Memory consistency effects.</b> None beyond those of the hub's baton.
 */
public final class Timeout implements AutoCloseable {
    private final Loop loop;
    private final Fiber fiber;
    private final Duration delay;
    private final RuntimeException custom;
    private Timer timer;
    private boolean expired;

    private Timeout(Loop loop, Fiber fiber, Duration delay, RuntimeException custom) {
        this.loop = loop;
        this.fiber = fiber;
        this.delay = delay;
        this.custom = custom;
    }

    /** Starts a timeout of {@code delay} for the calling greenlet ({@code Timeout.start_new(seconds)}). */
    public static Timeout start(Duration delay) {
        return start(delay, null);
    }

    /**
     * Starts a timeout that raises {@code exception} (null: a {@link GreenTimeoutException}) in
     * the calling greenlet after {@code delay}.
     */
    public static Timeout start(Duration delay, RuntimeException exception) {
        long nanos = Timeouts.toNanos(delay);
        Hub hub = Hub.get();
        Fiber f = hub.loop.current();
        Timeout t = new Timeout(hub.loop, f, delay, exception);
        t.timer = hub.loop.callLater(nanos, t::fire);
        return t;
    }

    private void fire() {
        expired = true;
        loop.interrupt(fiber, custom != null ? custom
                : new GreenTimeoutException(this, "timed out after " + delay + " (" + fiber + ")"));
    }

    /** Whether the timeout is armed: neither expired nor cancelled ({@code pending}). */
    public boolean pending() {
        return timer != null && timer.pending();
    }

    /** Whether it has expired (its exception was raised or is about to be). */
    public boolean expired() {
        return expired;
    }

    /** Disarms the timeout if it has not expired ({@code cancel()}); idempotent. */
    public void cancel() {
        if (timer != null) timer.cancel();
    }

    /** The same as {@link #cancel()}: leaving the {@code try} block disarms the timeout. */
    @Override
    public void close() {
        cancel();
    }

    /** The delay it was started with. */
    public Duration delay() {
        return delay;
    }

    @Override
    public String toString() {
        return "Timeout[" + delay + (expired ? ", expired" : pending() ? ", pending" : ", cancelled") + "]";
    }
}
