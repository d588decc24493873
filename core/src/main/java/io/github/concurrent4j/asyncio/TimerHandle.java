package io.github.concurrent4j.asyncio;

/**
 * The equivalent of Python's {@code asyncio.TimerHandle} (and {@code Handle}): a callback
 * scheduled with {@link EventLoop#callSoon} or {@link EventLoop#callLater}, which can be
 * cancelled until it runs.
 *
 * <p><b>Thread safety.</b> Used from its loop only. <b>Memory consistency effects.</b> None
 * beyond those of the loop.
 */
public final class TimerHandle {
    private final Runnable callback;
    private final double when;
    private boolean cancelled;
    private io.github.concurrent4j.coroutine.internal.Timer timer;

    TimerHandle(Runnable callback, double when) {
        this.callback = callback;
        this.when = when;
    }

    void timer(io.github.concurrent4j.coroutine.internal.Timer t) {
        this.timer = t;
    }

    void run() {
        if (!cancelled) callback.run();
    }

    /** Cancels the callback if it has not run ({@code cancel()}). */
    public void cancel() {
        cancelled = true;
        if (timer != null) timer.cancel();
    }

    /** Whether it was cancelled ({@code cancelled()}). */
    public boolean cancelled() {
        return cancelled;
    }

    /** When it is due, in {@link EventLoop#time()} seconds ({@code when()}). */
    public double when() {
        return when;
    }
}
