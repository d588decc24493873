package io.github.concurrent4j.green;

import io.github.concurrent4j.coroutine.LoopExitException;
import io.github.concurrent4j.coroutine.StallReport;
import io.github.concurrent4j.internal.Config;

import io.github.concurrent4j.coroutine.internal.Fiber;
import io.github.concurrent4j.coroutine.internal.Loop;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The equivalent of Python's {@code gevent.hub.Hub} (what {@code gevent.get_hub()} returns):
 * the scheduler that runs greenlets, one at a time, in one thread's world.
 *
 * <p>Every thread that uses gevent functions gets a hub of its own on first use
 * ({@link #get()}); the thread itself is the hub's <i>main greenlet</i>. Greenlets spawned
 * there run on virtual threads, but never two at once: a single baton passes between them,
 * and only at cooperative points — {@link Gevent#sleep}, joining, the green {@link Queue},
 * {@link Lock}, {@link Event}, {@link Semaphore}, {@link GreenSocket} operations, explicit
 * {@link Greenlet#switchTo}. Shared data therefore needs no lock between greenlets of one hub,
 * as in gevent. A spawned greenlet starts when the running one (often the main greenlet)
 * reaches a cooperative point, as in gevent.
 *
 * <p><b>Differences from gevent.</b> There is no monkey-patching: what
 * {@code monkey.patch_all()} gives Python programs is had by calling this package's sleep,
 * sockets and queues. A plain blocking JDK call ({@code Thread.sleep}, a
 * {@code java.net.Socket} read, {@code BlockingQueue.take}) inside a greenlet keeps the baton,
 * so the whole hub waits for it — exactly what an unpatched call does in gevent. The hub
 * detects it: a greenlet that holds the baton longer than the {@linkplain #stallThreshold
 * stall threshold} (default 1 s; system property {@code c4j.green.stallThreshold} in ms) is
 * reported with its stack, like Netty's blocked-thread checker (see {@link StallReport}).
 * When every greenlet waits and nothing can wake any of them, the main greenlet gets a
 * {@link LoopExitException}, as in gevent.
 *
 * <p>{@link #open()} makes a fresh hub for the calling thread (for tests and for embedding:
 * {@code try (Hub hub = Hub.open()) { ... }}); {@link #close()} kills what is left.
 *
 * <p><b>Thread safety.</b> A hub and everything that belongs to it (greenlets, queues, locks,
 * sockets) is used from its own greenlets only; using them from another thread throws
 * {@link IllegalStateException}. The exceptions are {@link #callSoonThreadsafe},
 * {@link #keepAlive}, {@link #stallThreshold} and {@link #onStall}, which any thread may call.
 *
 * <p><b>Memory consistency effects.</b> Passing the baton is a volatile write read by the
 * greenlet that receives it: everything a greenlet did before a cooperative point
 * happens-before everything the next greenlet does after it resumes. Actions in a thread
 * before {@link #callSoonThreadsafe} happen-before the callback runs.
 */
public final class Hub implements AutoCloseable {
    private static final long DEFAULT_STALL_NANOS =
            Config.longValue(Config.Setting.GREEN_STALL_MILLIS, 1000L, 1) * 1_000_000L;
    private static final ThreadLocal<Hub> DEFAULT = new ThreadLocal<>();

    final Loop loop;
    private final boolean isDefault;

    private Hub(Loop loop, boolean isDefault) {
        this.loop = loop;
        this.isDefault = isDefault;
        loop.stallThreshold(DEFAULT_STALL_NANOS);
        loop.deadlockError(LoopExitException::new);
    }

    /**
     * The hub of the calling thread ({@code gevent.get_hub()}): the hub of the greenlet that
     * calls, or the calling thread's own hub, created on first use, whose main greenlet is the
     * calling thread.
     */
    public static Hub get() {
        Fiber f = Loop.currentFiber();
        if (f != null) return of(f.loop());
        Hub h = DEFAULT.get();
        if (h == null || h.loop.isClosed()) {
            Loop loop = Loop.open("hub");
            h = new Hub(loop, true);
            Hub made = h;
            loop.facade(Hub.class, l -> made);
            DEFAULT.set(h);
        }
        return h;
    }

    /**
     * Opens a new hub bound to the calling thread, which becomes its main greenlet, until
     * {@link #close()}; meanwhile the thread's previous hub (if any) is set aside.
     *
     * @throws IllegalStateException if the calling thread is a greenlet or task
     */
    public static Hub open() {
        Loop loop = Loop.open("hub");
        Hub h = new Hub(loop, false);
        loop.facade(Hub.class, l -> h);
        return h;
    }

    static Hub of(Loop loop) {
        return loop.facade(Hub.class, l -> new Hub(l, false));
    }

    /**
     * Sets how long a greenlet may hold the baton without a cooperative call before the stall
     * report is made; {@link Duration#ZERO} turns the report off. Any thread may call it.
     */
    public Hub stallThreshold(Duration threshold) {
        Objects.requireNonNull(threshold, "threshold");
        if (threshold.isNegative()) throw new IllegalArgumentException("stall threshold must not be negative: " + threshold);
        loop.stallThreshold(threshold.toNanos());
        return this;
    }

    /**
     * Sends stall reports to {@code listener} instead of the {@code System.Logger}
     * "io.github.concurrent4j.green" (level WARNING). It runs on the watchdog thread and
     * must not block. Any thread may call it.
     */
    public Hub onStall(Consumer<StallReport> listener) {
        Objects.requireNonNull(listener, "listener");
        loop.stallSink((l, fiber, nanos, stack) -> listener.accept(new StallReport(
                fiber.name(), fiber.thread(), Duration.ofNanos(nanos), java.util.List.of(stack))));
        return this;
    }

    /**
     * Runs {@code callback} in this hub (as a hub callback: it must not block) from any thread,
     * waking the hub if it is idle. The equivalent of gevent's {@code loop.run_callback_threadsafe}.
     */
    public void callSoonThreadsafe(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        loop.callSoonThreadsafe(callback);
    }

    /**
     * Tells the hub that another thread will call {@link #callSoonThreadsafe} later, so that
     * waiting for it is not a deadlock (gevent's async watcher); close the handle when done.
     * Any thread may call it.
     */
    public AutoCloseable keepAlive() {
        loop.keepAliveAcquire();
        return new AutoCloseable() {
            private boolean closed;

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    loop.keepAliveRelease();
                }
            }
        };
    }

    /** The number of greenlets of this hub that have not finished (the main greenlet excluded). */
    public int greenletCount() {
        return loop.liveCount();
    }


    /**
     * Kills every greenlet of the hub that is still alive (with {@link GreenletExitException}),
     * waits until they have finished, and unbinds the hub from its thread. Only the main
     * greenlet (the thread that opened the hub) may close it. A later {@link #get()} in that
     * thread makes a new hub.
     */
    @Override
    public void close() {
        loop.close(f -> new GreenletExitException());
        if (isDefault && DEFAULT.get() == this) DEFAULT.remove();
    }

    @Override
    public String toString() {
        return "Hub[" + loop.name() + ", " + loop.liveCount() + " greenlets]";
    }
}
