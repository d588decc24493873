package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.coroutine.LoopExitException;
import io.github.concurrent4j.internal.Unchecked;
import io.github.concurrent4j.coroutine.internal.Fiber;
import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.Timer;
import io.github.concurrent4j.coroutine.internal.Waiter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;

/**
 * The equivalent of Python's {@code asyncio} module functions: {@code run},
 * {@code create_task}, {@code sleep}, {@code gather}, {@code wait}, {@code as_completed},
 * {@code wait_for}, {@code timeout}, {@code shield}, {@code to_thread},
 * {@code current_task}, {@code all_tasks}, {@code open_connection}, {@code start_server}.
 *
 * <pre>{@code
 * List<String> res = Asyncio.run(() -> {
 *     Task<String> a = Asyncio.createTask(() -> { Asyncio.sleep(Duration.ofSeconds(1)); return "a"; });
 *     Task<String> b = Asyncio.createTask(() -> { Asyncio.sleep(Duration.ofSeconds(1)); return "b"; });
 *     return Asyncio.gather(a, b).await();           // ["a", "b"] after one second
 * });
 * }</pre>
 *
 * <p><b>How Python's syntax maps.</b> There is no {@code async}/{@code await} syntax: a
 * coroutine is a plain {@code Callable} that runs on a virtual thread of the loop, and the
 * functions Python declares {@code async def} ({@link #sleep}, {@link #wait},
 * {@link #waitFor}, {@link #timeout}, {@link #toThread}, the queue/lock/stream operations)
 * are plain methods that <i>suspend the calling task</i> until they can return: the loop runs
 * the other tasks meanwhile, exactly one at a time. Functions that return a future in Python
 * ({@link #createTask}, {@link #gather}, {@link #shield}) return a {@link Future} here;
 * {@code await f} is {@link Future#await() f.await()}. Cancellation is delivered as a
 * {@link CancelledException} at the task's next suspension point. Durations replace Python's
 * float seconds.
 *
 * <p><b>Thread safety.</b> Everything except {@link #run} is called from tasks (or callbacks)
 * of a running loop and acts on that loop.
 *
 * <p><b>Memory consistency effects.</b> See {@link EventLoop}.
 */
public final class Asyncio {
    private Asyncio() {}

    // ------------------------------------------------------------------ run / tasks

    /**
     * Runs {@code main} as a task on a new event loop in the calling thread, and returns its
     * result or throws its exception ({@code asyncio.run(main())}). When {@code main} ends, the
     * tasks still running are cancelled and awaited, and the loop is closed. If every task ends
     * up waiting with nothing able to wake any, the loop throws {@link LoopExitException}
     * instead of hanging.
     *
     * @throws IllegalStateException if called from a task or greenlet ("cannot be called from a
     *                               running event loop")
     */
    public static <T> T run(Callable<T> main) {
        Objects.requireNonNull(main, "main");
        Fiber f = Loop.currentFiber();
        if (f != null && !f.isRoot()) {
            throw new IllegalStateException("asyncio.run() cannot be called from a running event loop");
        }
        Loop rt = Loop.open("asyncio");
        rt.deadlockError(LoopExitException::new);
        EventLoop loop = EventLoop.of(rt);
        TaskImpl<T> task;
        try {
            task = new TaskImpl<>(loop, main, null);
            task.awaitDone();   // a deadlock ends it with LoopExitException
        } finally {
            loop.shutdown();
        }
        return task.result();
    }

    /** Runs a {@code Runnable} main (see {@link #run(Callable)}). */
    public static void run(Runnable main) {
        Objects.requireNonNull(main, "main");
        run(() -> {
            main.run();
            return null;
        });
    }

    /** Wraps {@code coro} in a task of the running loop, scheduled to start soon ({@code create_task}). */
    public static <T> Task<T> createTask(Callable<T> coro) {
        return EventLoop.running().createTask(coro);
    }

    /** Like {@link #createTask(Callable)}, with a task name. */
    public static <T> Task<T> createTask(Callable<T> coro, String name) {
        return EventLoop.running().createTask(coro, name);
    }

    /** The same as {@link #createTask(Callable)} ({@code ensure_future(coro)}). */
    public static <T> Task<T> ensureFuture(Callable<T> coro) {
        return createTask(coro);
    }

    /**
     * The calling thread's event loop ({@code asyncio.get_event_loop()}): the running loop, or
     * the loop bound to this thread, or a new one bound to it ({@link #newEventLoop()}), to be
     * driven with {@link EventLoop#runUntilComplete} and closed with {@link EventLoop#close()}.
     */
    public static EventLoop getEventLoop() {
        Fiber f = Loop.currentFiber();
        if (f != null && !f.loop().isClosed()) return EventLoop.of(f.loop());
        return newEventLoop();
    }

    /**
     * A new event loop bound to the calling thread, not running ({@code asyncio.new_event_loop()}
     * followed by {@code set_event_loop}): run it with {@link EventLoop#runUntilComplete}, close
     * it with {@link EventLoop#close()}.
     *
     * @throws IllegalStateException if called from a task or greenlet
     */
    public static EventLoop newEventLoop() {
        return EventLoop.newStopped();
    }

    /** The running loop ({@code get_running_loop()}); throws outside a task or callback. */
    public static EventLoop getRunningLoop() {
        return EventLoop.running();
    }

    /** The task that calls, if a task calls ({@code current_task()}). */
    public static Optional<Task<?>> currentTask() {
        Fiber f = Loop.currentFiber();
        if (f == null || f.loop().inCallback()) return Optional.empty();
        return f.owner() instanceof TaskImpl<?> t ? Optional.of(t) : Optional.empty();
    }

    /** The running loop's tasks that are not done ({@code all_tasks()}). */
    public static Set<Task<?>> allTasks() {
        return new LinkedHashSet<>(EventLoop.running().tasks());
    }

    /**
     * Suspends the calling task for {@code delay} ({@code await asyncio.sleep(s)}); zero lets the
     * other ready tasks run once.
     */
    public static void sleep(Duration delay) {
        EventLoop.running().rt.sleep(Timeouts.delayNanos(delay));
    }

    // ------------------------------------------------------------------ gather

    /**
     * A future of the results of {@code futures} in argument order ({@code gather(*aws)}). If
     * one fails, the returned future fails with that exception at once (the others keep
     * running); if one is cancelled, it fails with {@link CancelledException}. Cancelling the
     * returned future cancels all of them.
     */
    @SafeVarargs
    @SuppressWarnings("varargs")   // the array is only read
    public static <T> Future<List<T>> gather(Future<? extends T>... futures) {
        return gather(Arrays.asList(futures));
    }

    /** {@link #gather(Future[])} over a list. */
    @SuppressWarnings("unchecked")
    public static <T> Future<List<T>> gather(List<? extends Future<? extends T>> futures) {
        return (Future<List<T>>) (Future<?>) gatherImpl(futures, false);
    }

    /**
     * Like {@link #gather(Future[])}; with {@code returnExceptions}, exceptions (and
     * {@link CancelledException}s) are returned in place of the results instead of failing
     * the whole ({@code gather(*aws, return_exceptions=True)}).
     */
    public static Future<List<Object>> gather(boolean returnExceptions, Future<?>... futures) {
        return gatherImpl(Arrays.asList(futures), returnExceptions);
    }

    /** Wraps each coroutine in a task (in order) and gathers them ({@code gather(coro1(), coro2())}). */
    @SafeVarargs
    public static <T> Future<List<T>> gather(Callable<? extends T>... coros) {
        EventLoop loop = EventLoop.running();
        List<Future<? extends T>> tasks = new ArrayList<>(coros.length);
        for (Callable<? extends T> c : coros) tasks.add(loop.createTask(c));
        return gather(tasks);
    }

    private static Future<List<Object>> gatherImpl(List<? extends Future<?>> futures, boolean returnExceptions) {
        EventLoop loop = EventLoop.running();
        Gathering g = new Gathering(loop, futures.size(), returnExceptions);
        if (futures.isEmpty()) {
            g.setResult(List.of());
            return g;
        }
        for (int i = 0; i < futures.size(); i++) {
            FutureImpl<?> child = impl(futures.get(i), loop);
            g.children.add(child);
        }
        for (FutureImpl<?> child : g.children) child.addHook(() -> g.childDone(child));
        return g;
    }

    /** gather's outer future (asyncio's {@code _GatheringFuture}). */
    private static final class Gathering extends FutureImpl<List<Object>> {
        final List<FutureImpl<?>> children;
        final boolean returnExceptions;
        int finished;
        boolean cancelRequested;

        Gathering(EventLoop loop, int n, boolean returnExceptions) {
            super(loop);
            this.children = new ArrayList<>(n);
            this.returnExceptions = returnExceptions;
        }

        void childDone(FutureImpl<?> child) {
            finished++;
            if (done()) {
                if (!child.cancelled()) child.retrieved = true;
                return;
            }
            if (!returnExceptions) {
                if (child.cancelled()) {
                    setExceptionInternal(child.cancelledError());
                    return;
                }
                if (child.rawException() != null) {
                    child.retrieved = true;
                    setExceptionInternal(child.rawException());
                    return;
                }
            }
            if (finished < children.size()) return;
            List<Object> results = new ArrayList<>(children.size());
            for (FutureImpl<?> c : children) {
                if (c.cancelled()) {
                    results.add(c.cancelledError());
                } else if (c.rawException() != null) {
                    c.retrieved = true;
                    results.add(c.rawException());
                } else {
                    results.add(c.result());
                }
            }
            if (cancelRequested) setExceptionInternal(new CancelledException("gather() cancelled"));
            else setResult(java.util.Collections.unmodifiableList(results));
        }

        @Override
        public boolean cancel(String message) {
            if (done()) return false;
            boolean any = false;
            for (FutureImpl<?> c : children) if (c.cancel(message)) any = true;
            if (any) cancelRequested = true;
            return any;
        }
    }

    // ------------------------------------------------------------------ wait / as_completed

    /** {@link #wait(Collection, ReturnWhen, Duration)} with {@code ALL_COMPLETED} and no timeout. */
    public static <T> WaitResult<T> wait(Collection<? extends Future<T>> futures) {
        return waitImpl(futures, ReturnWhen.ALL_COMPLETED, -1);
    }

    /** {@link #wait(Collection, ReturnWhen, Duration)} without a timeout. */
    public static <T> WaitResult<T> wait(Collection<? extends Future<T>> futures, ReturnWhen returnWhen) {
        return waitImpl(futures, returnWhen, -1);
    }

    /**
     * Suspends the calling task until {@code returnWhen} holds for {@code futures} or
     * {@code timeout} passes, and returns the done and pending ones ({@code asyncio.wait}).
     * Nothing is cancelled, also on timeout.
     *
     * @throws IllegalArgumentException if {@code futures} is empty
     */
    public static <T> WaitResult<T> wait(Collection<? extends Future<T>> futures, ReturnWhen returnWhen,
                                         Duration timeout) {
        return waitImpl(futures, returnWhen, Timeouts.delayNanos(timeout));
    }

    private static <T> WaitResult<T> waitImpl(Collection<? extends Future<T>> futures, ReturnWhen returnWhen,
                                              long timeoutNanos) {
        Objects.requireNonNull(returnWhen, "returnWhen");
        if (futures.isEmpty()) throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
        EventLoop loop = EventLoop.running();
        Loop rt = loop.rt;
        List<FutureImpl<?>> fs = new ArrayList<>(futures.size());
        for (Future<T> f : futures) fs.add(impl(f, loop));
        Waiter w = rt.newWaiter();
        int[] counter = {fs.size()};
        List<Runnable> hooks = new ArrayList<>(fs.size());
        for (FutureImpl<?> f : fs) {
            Runnable hook = () -> {
                counter[0]--;
                if (counter[0] <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED
                        || (returnWhen == ReturnWhen.FIRST_EXCEPTION && !f.cancelled() && f.rawException() != null)) {
                    rt.resolve(w, null);
                }
            };
            hooks.add(hook);
            f.addHook(hook);
        }
        Timer t = timeoutNanos >= 0 ? rt.callLater(timeoutNanos, () -> rt.resolve(w, null)) : null;
        try {
            rt.suspend(w);
        } finally {
            if (t != null) t.cancel();
            for (int i = 0; i < fs.size(); i++) fs.get(i).removeHook(hooks.get(i));
        }
        Set<Future<T>> done = new LinkedHashSet<>(), pending = new LinkedHashSet<>();
        for (Future<T> f : futures) (f.done() ? done : pending).add(f);
        return new WaitResult<>(done, pending);
    }

    /** {@link #asCompleted(Collection, Duration)} without a timeout. */
    public static <T> Iterable<Future<T>> asCompleted(Collection<? extends Future<? extends T>> futures) {
        return asCompletedImpl(futures, -1);
    }

    /**
     * Futures that complete in the order in which {@code futures} complete
     * ({@code asyncio.as_completed}): the first one yielded resolves to the outcome of the
     * first of {@code futures} to finish, and so on. Awaiting one after {@code timeout} has
     * passed with futures still pending throws {@link AsyncioTimeoutException}.
     *
     * <pre>{@code
     * for (Future<Integer> f : Asyncio.asCompleted(tasks)) System.out.println(f.await());
     * }</pre>
     */
    public static <T> Iterable<Future<T>> asCompleted(Collection<? extends Future<? extends T>> futures,
                                                      Duration timeout) {
        return asCompletedImpl(futures, Timeouts.delayNanos(timeout));
    }

    private static <T> Iterable<Future<T>> asCompletedImpl(Collection<? extends Future<? extends T>> futures,
                                                           long timeoutNanos) {
        EventLoop loop = EventLoop.running();
        AsCompleted<T> ac = new AsCompleted<>(loop, futures.size());
        for (Future<? extends T> f : new LinkedHashSet<>(futures)) {
            FutureImpl<?> fi = impl(f, loop);
            fi.addHook(() -> ac.childDone(fi));
        }
        if (timeoutNanos >= 0 && ac.remaining > 0) ac.timer = loop.rt.callLater(timeoutNanos, ac::timedOut);
        return () -> ac;
    }

    private static final class AsCompleted<T> implements Iterator<Future<T>> {
        final EventLoop loop;
        final ArrayDeque<FutureImpl<?>> done = new ArrayDeque<>();
        final ArrayDeque<FutureImpl<T>> waiting = new ArrayDeque<>();
        int remaining;
        int unfinished;
        boolean timedOut;
        Timer timer;

        AsCompleted(EventLoop loop, int n) {
            this.loop = loop;
            this.remaining = n;
            this.unfinished = n;
        }

        void childDone(FutureImpl<?> child) {
            if (--unfinished == 0 && timer != null) timer.cancel();
            FutureImpl<T> proxy = waiting.pollFirst();
            if (proxy != null) proxy.copyFrom(child);
            else done.addLast(child);
        }

        void timedOut() {
            timedOut = true;
            FutureImpl<T> proxy;
            while ((proxy = waiting.pollFirst()) != null) proxy.setExceptionInternal(timeoutError());
        }

        static AsyncioTimeoutException timeoutError() {
            return new AsyncioTimeoutException("as_completed() timed out");
        }

        @Override
        public boolean hasNext() {
            return remaining > 0;
        }

        @Override
        public Future<T> next() {
            if (remaining <= 0) throw new NoSuchElementException();
            remaining--;
            FutureImpl<T> proxy = new FutureImpl<>(loop);
            FutureImpl<?> child = done.pollFirst();
            if (child != null) proxy.copyFrom(child);
            else if (timedOut) proxy.setExceptionInternal(timeoutError());
            else waiting.addLast(proxy);
            return proxy;
        }
    }

    // ------------------------------------------------------------------ timeouts

    /**
     * Awaits {@code future} for at most {@code timeout}; on timeout, cancels it, waits until it
     * is done, and throws {@link AsyncioTimeoutException} ({@code asyncio.wait_for}, 3.12+). A
     * zero or negative timeout does not wait: a done future gives its result, another one is
     * cancelled and awaited first.
     */
    public static <T> T waitFor(Future<T> future, Duration timeout) {
        Objects.requireNonNull(future, "future");
        if (Timeouts.delayNanos(timeout) == 0) {
            if (future.done()) return future.result();
            cancelAndWait(impl(future, EventLoop.running()));
            try {
                return future.result();
            } catch (CancelledException e) {
                throw new AsyncioTimeoutException("wait_for() timed out after " + timeout, e);
            }
        }
        return timeout(timeout, future::await);
    }

    /** Wraps {@code coro} in a task and waits for it at most {@code timeout} (see {@link #waitFor(Future, Duration)}). */
    public static <T> T waitFor(Callable<T> coro, Duration timeout) {
        return waitFor(createTask(coro), timeout);
    }

    /** asyncio's {@code _cancel_and_wait}: cancels {@code fut} and waits on a waiter of our own, so that we stay cancellable. */
    private static void cancelAndWait(FutureImpl<?> fut) {
        EventLoop loop = EventLoop.running();
        FutureImpl<Void> waiter = new FutureImpl<>(loop);
        Runnable release = () -> {
            if (!waiter.done()) waiter.setResult(null);
        };
        fut.addHook(release);
        try {
            fut.cancel();
            waiter.await();
        } finally {
            fut.removeHook(release);
        }
    }

    /**
     * Runs {@code body} in the calling task with a deadline {@code delay} from now
     * ({@code async with asyncio.timeout(delay)}): when it passes, the task is cancelled, and
     * the resulting {@link CancelledException} leaves {@code body} as an
     * {@link AsyncioTimeoutException}. A cancellation from elsewhere stays a
     * {@code CancelledException}. Nested timeouts each convert only their own. A zero or
     * negative delay expires at the loop's next step.
     *
     * @throws IllegalStateException if no task calls it
     */
    public static <T> T timeout(Duration delay, Callable<T> body) {
        Objects.requireNonNull(body, "body");
        return timeout(delay, t -> body.call());
    }

    /** Like {@link #timeout(Duration, Callable)}, with the {@link Timeout} handle given to the block ({@code as t}). */
    public static <T> T timeout(Duration delay, Timeout.Body<T> body) {
        long nanos = Timeouts.delayNanos(delay);
        EventLoop loop = EventLoop.running();
        return guarded(new Timeout(java.util.OptionalDouble.of(loop.time() + nanos / 1e9)), body);
    }

    /**
     * {@code async with asyncio.timeout(None) as t:}: runs {@code body} with no deadline until
     * it sets one with {@link Timeout#reschedule}.
     */
    public static <T> T timeout(Timeout.Body<T> body) {
        return guarded(new Timeout(java.util.OptionalDouble.empty()), body);
    }

    /**
     * Runs {@code body} with a deadline at {@code when}, in {@link EventLoop#time()} seconds
     * ({@code async with asyncio.timeout_at(when)}).
     */
    public static <T> T timeoutAt(double when, Callable<T> body) {
        Objects.requireNonNull(body, "body");
        return timeoutAt(when, t -> body.call());
    }

    /** Like {@link #timeoutAt(double, Callable)}, with the {@link Timeout} handle given to the block. */
    public static <T> T timeoutAt(double when, Timeout.Body<T> body) {
        return guarded(new Timeout(java.util.OptionalDouble.of(when)), body);
    }

    private static <T> T guarded(Timeout t, Timeout.Body<T> body) {
        Objects.requireNonNull(body, "body");
        t.enter();
        T result = null;
        Throwable error = null;
        try {
            result = body.run(t);
        } catch (Throwable e) {
            error = e;
        }
        Throwable out = t.exit(error);
        if (out == null) return result;
        if (out instanceof RuntimeException r) throw r;
        if (out instanceof Error r) throw r;
        throw new CompletionException(out);
    }

    /**
     * A future that mirrors {@code inner} but whose cancellation does not cancel {@code inner}
     * ({@code asyncio.shield}).
     */
    public static <T> Future<T> shield(Future<T> inner) {
        EventLoop loop = EventLoop.running();
        FutureImpl<?> in = impl(inner, loop);
        if (inner.done()) return inner;
        FutureImpl<T> outer = new FutureImpl<>(loop);
        in.addHook(() -> {
            if (!outer.done()) outer.copyFrom(in);
        });
        return outer;
    }

    // ------------------------------------------------------------------ threads

    /**
     * Runs {@code fn} in the loop's default executor (platform threads) and suspends the calling
     * task until it returns ({@code await asyncio.to_thread(fn)}): the way to make a blocking
     * call without holding the loop.
     */
    public static <T> T toThread(Callable<T> fn) {
        return EventLoop.running().runInExecutor(fn).await();
    }

    // ------------------------------------------------------------------ streams

    /** Opens a TCP connection ({@code asyncio.open_connection(host, port)}). */
    public static StreamPair openConnection(String host, int port) {
        return Streams.openConnection(EventLoop.running(), host, port);
    }

    /**
     * Starts a TCP server on {@code host:port} (port 0: ephemeral) that runs
     * {@code clientConnected(reader, writer)} in a new task per connection
     * ({@code asyncio.start_server}); it is serving when this returns.
     */
    public static Server startServer(ClientConnected clientConnected, String host, int port) {
        return Streams.startServer(EventLoop.running(), clientConnected, host, port, 1024);
    }

    /** The callback of {@link #startServer}: handles one connection, in a task of its own. */
    @FunctionalInterface
    public interface ClientConnected {
        /** Handles one connection; the writer is closed when this returns, if the handler did not close it. */
        void handle(StreamReader reader, StreamWriter writer) throws Exception;
    }

    // ------------------------------------------------------------------ helpers

    static FutureImpl<?> impl(Future<?> f, EventLoop loop) {
        Objects.requireNonNull(f, "future");
        if (!(f instanceof FutureImpl<?> fi)) throw new IllegalArgumentException("not an asyncio future of this library: " + f);
        if (fi.loop != loop) throw new IllegalArgumentException(f + " belongs to another event loop");
        return fi;
    }


}
