package io.github.concurrent4j.threading;

import io.github.concurrent4j.Timeouts;
import java.time.Duration;
import java.util.Objects;

/**
 * The equivalent of Python's {@code threading.Timer}: a thread that runs a function once,
 * after an interval, unless it is cancelled first.
 *
 * <pre>{@code
 * Timer t = new Timer(Duration.ofSeconds(2), () -> System.out.println("ding"));
 * t.start();
 * t.cancel();            // before the 2 s are up: "ding" is never printed
 * }</pre>
 *
 * <p>This class shadows {@link java.util.Timer}, which is a scheduler for many tasks; this one
 * is Python's: one thread per timer, started through {@link Threading} (so it is listed by
 * {@link Threading#enumerate()} while it waits), named {@code Thread-N} unless named, with the
 * daemon flag of the creating thread unless set. {@link #cancel()} only prevents a function
 * that has not started yet; an exception thrown by the function goes to
 * {@link Threading#excepthook()}.
 *
 * <p>Thread-safe. Memory consistency effects: actions before {@link #start()}
 * <i>happen-before</i> the function runs; its actions happen-before a {@link #join()} that
 * returns after it.
 */
public final class Timer {
    private final Duration interval;
    private final Runnable function;
    private final Event finished = new Event();
    private final Threading.Builder builder = Threading.thread();
    private Thread thread;

    /**
     * A timer that will run {@code function} once {@code interval} after {@link #start()}.
     *
     * @throws IllegalArgumentException if the interval is negative
     */
    public Timer(Duration interval, Runnable function) {
        Timeouts.toNanos(interval);
        this.interval = interval;
        this.function = Objects.requireNonNull(function, "function");
    }

    /** Names the timer's thread; call before {@link #start()}. */
    public synchronized Timer name(String name) {
        checkNotStarted();
        builder.name(name);
        return this;
    }

    /** Makes the timer's thread a daemon thread or not; call before {@link #start()}. */
    public synchronized Timer daemon(boolean daemon) {
        checkNotStarted();
        builder.daemon(daemon);
        return this;
    }

    /**
     * Starts the timer's thread.
     *
     * @throws IllegalStateException if the timer was already started ("threads can only be
     *         started once")
     */
    public synchronized void start() {
        checkNotStarted();
        thread = builder.start(this::run);
    }

    private void run() {
        if (!finished.await(interval)) {
            function.run();
        }
        finished.set();
    }

    /**
     * Stops the timer: if the function has not started yet, it never will. Has no effect
     * after it has started or run. May be called from any thread, before or after
     * {@link #start()}.
     */
    public void cancel() {
        finished.set();
    }

    /** Waits until the timer's thread has ended (after the function ran, or the cancel). */
    public void join() {
        Threading.join(started());
    }

    /** Waits at most {@code timeout} for the timer's thread to end; returns whether it did. */
    public boolean join(Duration timeout) {
        return Threading.join(started(), timeout);
    }

    /** Whether the timer's thread is alive (waiting, or running the function). */
    public synchronized boolean isAlive() {
        return thread != null && thread.isAlive();
    }

    /** The timer's thread, once started. */
    public synchronized Thread thread() {
        return started();
    }

    private synchronized Thread started() {
        if (thread == null) {
            throw new IllegalStateException("timer not started");
        }
        return thread;
    }

    private void checkNotStarted() {
        if (thread != null) {
            throw new IllegalStateException("threads can only be started once");
        }
    }

    @Override
    public synchronized String toString() {
        return "Timer[" + interval + (thread == null ? ", initial]" : finished.isSet() ? ", finished]" : ", waiting]");
    }
}
