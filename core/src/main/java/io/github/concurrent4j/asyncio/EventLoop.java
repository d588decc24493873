package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.coroutine.StallReport;
import io.github.concurrent4j.coroutine.internal.Fiber;
import io.github.concurrent4j.coroutine.internal.Loop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The equivalent of Python's {@code asyncio} event loop ({@code asyncio.get_running_loop()}):
 * runs the tasks and callbacks of one {@link Asyncio#run} (or of one green hub: it is the
 * same runtime), one at a time, on virtual threads.
 *
 * <p>Tasks and callbacks alternate in one FIFO run queue; sockets, timers and other threads'
 * submissions join it once per round, as in asyncio's {@code _run_once}. A task or callback
 * that runs long without a suspension point holds the whole loop, as in Python; the loop
 * reports it after {@linkplain #slowCallbackDuration the slow-callback duration} (default
 * 1 s; asyncio's debug-mode warning), with the stack of the offender.
 *
 * <p><b>Thread safety.</b> Used from its own tasks and callbacks, except
 * {@link #callSoonThreadsafe}, {@link #keepAlive} and {@link #slowCallbackDuration}, which
 * any thread may call.
 *
 * <p><b>Memory consistency effects.</b> A task's actions before a suspension point
 * happen-before the actions of the task or callback that runs next. Actions in a thread
 * before {@link #callSoonThreadsafe} happen-before the callback runs.
 */
public final class EventLoop {
    final Loop rt;
    private ThreadPoolExecutor defaultExecutor;
    /**
     * A loop of {@link Asyncio#newEventLoop()} while its thread is not in
     * {@link #runUntilComplete}: it exists, but does not run ({@code get_running_loop} fails).
     */
    private boolean stopped;

    private EventLoop(Loop rt) {
        this.rt = rt;
    }

    static EventLoop of(Loop rt) {
        return rt.facade(EventLoop.class, EventLoop::new);
    }

    /** A new loop bound to the calling thread, not running ({@code new_event_loop()}). */
    static EventLoop newStopped() {
        Loop rt = Loop.open("asyncio");
        rt.deadlockError(io.github.concurrent4j.coroutine.LoopExitException::new);
        EventLoop loop = of(rt);
        loop.stopped = true;
        return loop;
    }

    /** The loop of the calling task or callback; throws if there is none ({@code get_running_loop}). */
    static EventLoop running() {
        Fiber f = Loop.currentFiber();
        if (f == null || f.loop().isClosed()) throw new IllegalStateException("no running event loop");
        EventLoop loop = of(f.loop());
        if (loop.stopped && f.isRoot()) throw new IllegalStateException("no running event loop");
        return loop;
    }

    /**
     * Runs the loop until {@code future} is done and returns its result or throws its exception
     * ({@code loop.run_until_complete(future)}). Only the thread the loop belongs to may call
     * it, and not while the loop runs. If every task ends up waiting with nothing able to wake
     * any, it throws {@link io.github.concurrent4j.coroutine.LoopExitException} instead of
     * hanging.
     *
     * @throws IllegalStateException if the loop is running, closed, or belongs to another thread
     */
    public <T> T runUntilComplete(Future<T> future) {
        Fiber f = Loop.currentFiber();
        if (rt.isClosed()) throw new IllegalStateException("Event loop is closed");
        if (f == null || f.loop() != rt || !f.isRoot()) {
            throw new IllegalStateException(f != null && f.loop() == rt ? "This event loop is already running"
                    : "run_until_complete() must be called from the thread the loop belongs to");
        }
        if (!stopped) throw new IllegalStateException("This event loop is already running");
        FutureImpl<T> fut = (FutureImpl<T>) Asyncio.impl(future, this);
        stopped = false;
        try {
            fut.awaitDone();
        } finally {
            stopped = true;
        }
        return fut.result();
    }

    /** Wraps {@code coro} in a task and runs the loop until it is done ({@code loop.run_until_complete(coro())}). */
    public <T> T runUntilComplete(Callable<T> coro) {
        return runUntilComplete(createTask(coro));
    }

    /**
     * Closes a loop of {@link Asyncio#newEventLoop()} / {@link Asyncio#getEventLoop()}
     * ({@code loop.close()}): its tasks that are not done are cancelled and awaited, and the
     * thread is unbound from it. Idempotent.
     *
     * @throws IllegalStateException if the loop is running, or was made by {@link Asyncio#run}
     */
    public void close() {
        if (rt.isClosed()) return;
        if (!stopped) throw new IllegalStateException("Cannot close a running event loop");
        stopped = false;
        shutdown();
    }

    /** Wraps {@code coro} in a task scheduled to run soon ({@code loop.create_task}). */
    public <T> Task<T> createTask(Callable<T> coro) {
        return new TaskImpl<>(this, coro, null);
    }

    /** Like {@link #createTask(Callable)}, with a name. */
    public <T> Task<T> createTask(Callable<T> coro, String name) {
        return new TaskImpl<>(this, coro, Objects.requireNonNull(name, "name"));
    }

    /** A new pending future of this loop ({@code loop.create_future()}). */
    public <T> Future<T> createFuture() {
        rt.current();
        return new FutureImpl<>(this);
    }

    /** Runs {@code callback} at the next loop step ({@code call_soon}); it must not block. */
    public TimerHandle callSoon(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        TimerHandle h = new TimerHandle(callback, time());
        rt.callSoon(h::run);
        return h;
    }

    /** Runs {@code callback} after {@code delay} ({@code call_later}); it must not block. */
    public TimerHandle callLater(Duration delay, Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        long nanos = Timeouts.delayNanos(delay);
        TimerHandle h = new TimerHandle(callback, time() + nanos / 1e9);
        h.timer(rt.callLater(nanos, h::run));
        return h;
    }

    /**
     * Runs {@code callback} at {@code when}, in {@link #time()} seconds ({@code call_at}); it
     * must not block. A time in the past runs it at the loop's next step.
     */
    public TimerHandle callAt(double when, Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (Double.isNaN(when)) throw new IllegalArgumentException("when must be a number");
        long nanos = (long) Math.max(0, Math.min(Long.MAX_VALUE / 2.0, (when - time()) * 1e9));
        TimerHandle h = new TimerHandle(callback, when);
        h.timer(rt.callLater(nanos, h::run));
        return h;
    }

    /**
     * Runs {@code callback} in the loop from any thread ({@code call_soon_threadsafe}), waking
     * the loop if it is idle. A thread that will call it later while the loop has nothing else
     * to wait for should hold a {@link #keepAlive()} handle meanwhile.
     */
    public void callSoonThreadsafe(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        rt.callSoonThreadsafe(callback);
    }

    /**
     * Keeps the loop from reporting a deadlock while another thread may still call
     * {@link #callSoonThreadsafe}; close the handle when done. Any thread may call it.
     */
    public AutoCloseable keepAlive() {
        rt.keepAliveAcquire();
        boolean[] closed = {false};
        return () -> {
            synchronized (closed) {
                if (closed[0]) return;
                closed[0] = true;
            }
            rt.keepAliveRelease();
        };
    }

    /** The loop's clock, in seconds ({@code loop.time()}; monotonic, {@link System#nanoTime()} unless a test gave the loop a virtual clock). */
    public double time() {
        return rt.nanoTime() / 1e9;
    }

    /**
     * Runs {@code fn} in {@code executor} and returns a future of this loop completed with its
     * outcome ({@code run_in_executor}). Until then the loop does not consider itself deadlocked.
     */
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> fn) {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(fn, "fn");
        FutureImpl<T> fut = new FutureImpl<>(this);
        rt.keepAliveAcquire();
        try {
            executor.execute(() -> {
                T v = null;
                Throwable err = null;
                try {
                    v = fn.call();
                } catch (Throwable t) {
                    err = t;
                }
                T value = v;
                Throwable error = err;
                rt.callSoonThreadsafe(() -> {
                    if (fut.done()) return;   // cancelled meanwhile
                    if (error != null) fut.setException(error);
                    else fut.setResult(value);
                });
                rt.keepAliveRelease();
            });
        } catch (RuntimeException e) {
            rt.keepAliveRelease();
            throw e;
        }
        return fut;
    }

    /** Runs {@code fn} in the loop's default executor ({@code run_in_executor(None, fn)}). */
    public <T> Future<T> runInExecutor(Callable<T> fn) {
        return runInExecutor(defaultExecutor(), fn);
    }

    private synchronized ExecutorService defaultExecutor() {
        if (defaultExecutor == null) {
            // asyncio's default: a ThreadPoolExecutor of min(32, cpu + 4) threads; platform
            // threads, so that CPU-bound work does not occupy virtual-thread carriers
            int n = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
            defaultExecutor = new ThreadPoolExecutor(n, n, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    Thread.ofPlatform().daemon(true).name("asyncio-executor-", 1).factory());
            defaultExecutor.allowCoreThreadTimeOut(true);
        }
        return defaultExecutor;
    }

    /**
     * Sets how long a task or callback may run without a suspension point before it is
     * reported ({@code loop.slow_callback_duration}); {@link Duration#ZERO} turns it off.
     */
    public EventLoop slowCallbackDuration(Duration d) {
        long nanos = Timeouts.toNanos(d);
        rt.stallThreshold(nanos);
        return this;
    }

    /** Sends slow-task reports to {@code listener} instead of the logger; it must not block. */
    public EventLoop onSlowCallback(Consumer<StallReport> listener) {
        Objects.requireNonNull(listener, "listener");
        rt.stallSink((l, f, nanos, stack) -> listener.accept(new StallReport(f.name(), f.thread(),
                Duration.ofNanos(nanos), List.of(stack))));
        return this;
    }

    /**
     * Where exceptions that nobody retrieves go (a failing callback, a task's exception
     * never retrieved at shutdown): {@code set_exception_handler}. Default: standard error.
     */
    public void setExceptionHandler(Consumer<Throwable> handler) {
        rt.exceptionHandler(handler);
    }

    /** Whether the loop is running ({@code is_running()}): open, and not a stopped loop of {@link Asyncio#newEventLoop()}. */
    public boolean isRunning() {
        return !rt.isClosed() && !stopped;
    }

    /** Whether the loop is closed. */
    public boolean isClosed() {
        return rt.isClosed();
    }

    /** The tasks not yet done ({@code asyncio.all_tasks()}). */
    List<Task<?>> tasks() {
        List<Task<?>> out = new ArrayList<>();
        for (Fiber f : rt.liveFibers()) {
            if (f.owner() instanceof TaskImpl<?> t && !t.done()) out.add(t);
        }
        return out;
    }

    /** Asyncio.run's ending: cancel what is left, wait for it, report lost exceptions, close. */
    void shutdown() {
        List<Task<?>> left = tasks();
        for (Task<?> t : left) t.cancel();
        for (Task<?> t : left) ((TaskImpl<?>) t).awaitQuietly();
        for (Task<?> t : left) {
            TaskImpl<?> ti = (TaskImpl<?>) t;
            if (!ti.cancelled() && ti.rawException() != null && !ti.retrieved) {
                rt.reportException("unhandled exception during asyncio.run() shutdown in " + ti, ti.rawException());
            }
        }
        rt.close(f -> new CancelledException("event loop closed"));
        ExecutorService ex;
        synchronized (this) {
            ex = defaultExecutor;
        }
        if (ex != null) ex.shutdown();
    }

    @Override
    public String toString() {
        return "EventLoop[" + rt.name() + (rt.isClosed() ? ", closed" : "") + "]";
    }
}
