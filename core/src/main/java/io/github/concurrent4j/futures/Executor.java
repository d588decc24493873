package io.github.concurrent4j.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.function.SerializableBiFunction;
import io.github.concurrent4j.function.SerializableCallable;
import io.github.concurrent4j.function.SerializableFunction;
import io.github.concurrent4j.futures.internal.Reports;

/**
 * The equivalent of Python's {@code concurrent.futures.Executor}: the one interface of every
 * executor concurrent4j has — {@link ThreadPoolExecutor} (threads), the process pool executor
 * (child JVMs) and the cluster executor (machines) — so that code written against it moves
 * from threads to processes to machines by changing the line that creates the executor. It
 * shadows {@link java.util.concurrent.Executor} and is a {@link ExecutorService}, so any JDK
 * API that takes one takes it.
 *
 * <pre>{@code
 * try (Executor ex = new ThreadPoolExecutor(4)) {             // Python: with ThreadPoolExecutor(4) as ex:
 *     Future<Integer> f = ex.submit(() -> 6 * 7);             //   f = ex.submit(mul, 6, 7)
 *     Future<Integer> g = ex.submit(Main::square, 9);         //   g = ex.submit(square, 9)
 *     for (int r : ex.map(Main::square, List.of(1, 2, 3)))    //   for r in ex.map(square, [1, 2, 3]):
 *         System.out.println(r);
 * }                                                           // shutdown(wait=True)
 * }</pre>
 *
 * <p><b>What crosses a process.</b> Tasks are {@code Serializable} lambdas
 * ({@link SerializableCallable}, {@link SerializableFunction}, {@link SerializableBiFunction}
 * from {@code io.github.concurrent4j.function}): the {@code submit} and {@code map} overloads
 * take them, so a lambda written at a call site is serializable without any cast. A process
 * or cluster executor sends the lambda, with what it captures and the arguments, to a worker,
 * and the result (or exception) back; both must be serializable and allowed by the codec, and
 * a task that is not is refused by {@code submit} with an exception that names it. A thread
 * executor runs the task object itself: nothing is copied, arguments and results are shared
 * by reference (as in Python's {@code ThreadPoolExecutor}), and nothing needs to be
 * serializable — so code that works on threads can still fail on processes if it captures
 * something that cannot travel. The JDK's {@link #submit(Callable)} and
 * {@link #submit(Runnable)} take plain tasks; a process executor accepts them only if the
 * task object is {@code Serializable}. A task with no result written as a lambda
 * ({@code () -> log(x)}) is a plain {@link Runnable}; for a process executor give it a result
 * ({@code () -> { log(x); return null; }}), which makes it a {@link SerializableCallable}.
 *
 * <p><b>Shutting down.</b> {@link #shutdown()} is Python's: it waits for the submitted tasks
 * to finish (the JDK's {@code shutdown()} does not; {@link #shutdown(boolean) shutdown(false)}
 * is that one). {@link #close()} is Python's {@code with} block exit, {@code shutdown(true)}.
 * After a shutdown, {@code submit} throws {@link java.util.concurrent.RejectedExecutionException}
 * (Python's {@code RuntimeError: cannot schedule new futures after shutdown}); a broken
 * executor throws {@link BrokenExecutorException}.
 *
 * <p><b>Implementing it.</b> An executor implements {@link #submit(Callable)},
 * {@link #shutdown(boolean, boolean)}, {@link #shutdownNow()}, {@link #isShutdown()},
 * {@link #isTerminated()} and {@link #awaitTermination}; everything else has a default here,
 * built on those (a process executor overrides {@code map} only if it can do better than one
 * task per chunk). It creates its futures with {@link Promise#create()} (or completes the
 * futures its {@code submit} returns in some other way that keeps the {@link Future} contract).
 *
 * <p>Thread-safe: any thread may submit, map and shut down. Memory consistency effects: actions
 * in a thread before {@code submit} <i>happen-before</i> the task runs (in this process), which
 * happens-before its future's result is returned in any thread.
 */
public interface Executor extends ExecutorService, AutoCloseable {

    // ---- what an implementation provides ----------------------------------------------------

    /**
     * Schedules {@code task} and returns its future: the one primitive of an executor. A
     * process executor accepts only a {@code Serializable} task here.
     *
     * @throws java.util.concurrent.RejectedExecutionException after a shutdown
     * @throws BrokenExecutorException if the executor is broken
     */
    @Override
    <V> Future<V> submit(Callable<V> task);

    /**
     * Stops accepting tasks (Python's {@code shutdown(wait, cancel_futures=...)}): with
     * {@code cancelFutures}, the tasks that have not started are cancelled; with {@code wait},
     * returns only when every task has finished and the workers are gone. Calling it more
     * than once is allowed.
     *
     * @throws IllegalStateException if {@code wait} is asked for from one of this executor's
     *         own workers, which would wait for itself (the shutdown has started nonetheless)
     */
    void shutdown(boolean wait, boolean cancelFutures);

    // ---- Python's API -----------------------------------------------------------------------

    /** Schedules {@code task} (Python's {@code submit(fn)}): a serializable lambda. */
    default <V> Future<V> submit(SerializableCallable<V> task) {
        return submit((Callable<V>) task);
    }

    /** Schedules {@code fn(arg)} (Python's {@code submit(fn, arg)}). */
    default <T, R> Future<R> submit(SerializableFunction<? super T, ? extends R> fn, T arg) {
        Objects.requireNonNull(fn, "fn");
        return submit((SerializableCallable<R>) () -> fn.apply(arg));
    }

    /** Schedules {@code fn(a, b)} (Python's {@code submit(fn, a, b)}). */
    default <T, U, R> Future<R> submit(SerializableBiFunction<? super T, ? super U, ? extends R> fn, T a, U b) {
        Objects.requireNonNull(fn, "fn");
        return submit((SerializableCallable<R>) () -> fn.apply(a, b));
    }

    /**
     * Python's {@code map(fn, items)}: submits {@code fn(item)} for every item now and returns
     * the results in order as they are asked for. The iterator throws a task's exception when
     * it reaches that item, and then ends.
     */
    default <T, R> ResultIterator<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return map(fn, items, -1, 1, null);
    }

    /**
     * Python's {@code map(fn, items, timeout=...)}: the iterator throws
     * {@link FuturesTimeoutException} if a result is not there {@code timeout} after this call,
     * and cancels the tasks that have not started.
     */
    default <T, R> ResultIterator<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            Duration timeout) {
        return map(fn, items, Timeouts.toNanos(timeout), 1, null);
    }

    /**
     * Python's {@code map(fn, items, timeout=..., chunksize=...)}: items are sent to the
     * workers {@code chunksize} at a time (one task per chunk), which makes tiny tasks much
     * cheaper. The results are the same for every chunk size (each item has its own result or
     * exception). Python ignores {@code chunksize} for threads; here it applies to every executor.
     */
    default <T, R> ResultIterator<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            Duration timeout, int chunksize) {
        return map(fn, items, Timeouts.toNanos(timeout), chunksize, null);
    }

    /** Python's {@code map(fn, items, chunksize=...)}: see {@link #map(SerializableFunction, Iterable, Duration, int)}. */
    default <T, R> ResultIterator<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize) {
        return map(fn, items, -1, chunksize, null);
    }

    /** {@link #map(SerializableFunction, Iterable)}, reporting each finished task to {@code progress}. */
    default <T, R> ResultIterator<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            ProgressListener progress) {
        return map(fn, items, -1, 1, Objects.requireNonNull(progress, "progress"));
    }

    /** {@link #map(SerializableFunction, Iterable, Duration, int)}, reporting each finished task to {@code progress}. */
    default <T, R> ResultIterator<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            Duration timeout, int chunksize, ProgressListener progress) {
        return map(fn, items, Timeouts.toNanos(timeout), chunksize, Objects.requireNonNull(progress, "progress"));
    }

    private <T, R> ResultIterator<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            long timeoutNanos, int chunksize, ProgressListener progress) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(items, "items");
        if (chunksize < 1) throw new IllegalArgumentException("chunksize must be >= 1: " + chunksize);
        return MapIterator.start(this, fn, items, timeoutNanos, chunksize, progress);
    }

    /**
     * Python's {@code shutdown(wait)}; {@code shutdown(false)} is the JDK's {@code shutdown()}
     * (returns at once; queued tasks still run).
     */
    default void shutdown(boolean wait) {
        shutdown(wait, false);
    }

    /** Python's {@code shutdown()}: stops accepting tasks and waits until all have finished. */
    @Override
    default void shutdown() {
        shutdown(true, false);
    }

    /** Python's {@code with} exit: {@code shutdown(true)}. */
    @Override
    default void close() {
        shutdown(true, false);
    }

    // ---- the rest of ExecutorService, built on submit -------------------------------------

    /** Submits {@code task}; its result is {@code null}. */
    @Override
    default Future<?> submit(Runnable task) {
        Objects.requireNonNull(task, "task");
        return submit((SerializableCallable<Object>) () -> {
            task.run();
            return null;
        });
    }

    @Override
    default <V> Future<V> submit(Runnable task, V result) {
        Objects.requireNonNull(task, "task");
        return submit((SerializableCallable<V>) () -> {
            task.run();
            return result;
        });
    }

    /**
     * Runs {@code command} some time later; an exception it throws is reported (logged on
     * {@code io.github.concurrent4j.futures}), as the JDK's executors hand it to the uncaught
     * exception handler.
     */
    @Override
    default void execute(Runnable command) {
        Future<?> f = submit(command);
        f.addDoneCallback(done -> {
            if (!done.cancelled()) done.exception().ifPresent(t ->
                    Reports.callbackFailed("io.github.concurrent4j.futures", "exception in a task run by execute()", t));
        });
    }

    @Override
    default <T> List<java.util.concurrent.Future<T>> invokeAll(Collection<? extends Callable<T>> tasks)
            throws InterruptedException {
        List<Future<T>> fs = submitAll(tasks);
        try {
            Futures.wait(fs, ReturnWhen.ALL_COMPLETED);
        } catch (InterruptedRuntimeException e) {
            fs.forEach(Future::cancel);
            throw interrupted();
        }
        return new ArrayList<>(fs);
    }

    @Override
    default <T> List<java.util.concurrent.Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout,
            TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        List<Future<T>> fs = submitAll(tasks);
        try {
            Futures.wait(fs, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), ReturnWhen.ALL_COMPLETED);
        } catch (InterruptedRuntimeException e) {
            fs.forEach(Future::cancel);
            throw interrupted();
        }
        for (Future<T> f : fs) if (!f.done()) f.cancel();
        return new ArrayList<>(fs);
    }

    @Override
    default <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return invokeAny(tasks, -1);
        } catch (TimeoutException impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Override
    default <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return invokeAny(tasks, Math.max(0, unit.toNanos(timeout)));
    }

    private <T> T invokeAny(Collection<? extends Callable<T>> tasks, long nanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) throw new IllegalArgumentException("invokeAny needs at least one task");
        long deadline = System.nanoTime() + nanos;
        List<Future<T>> fs = submitAll(tasks);
        try {
            Set<Future<T>> pending = new HashSet<>(fs);
            Throwable last = null;
            while (!pending.isEmpty()) {
                DoneAndNotDone<Future<T>> r = nanos < 0 ? Futures.wait(pending, ReturnWhen.FIRST_COMPLETED)
                        : Futures.wait(pending, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
                                ReturnWhen.FIRST_COMPLETED);
                if (r.done().isEmpty()) throw new TimeoutException("no task finished within " + Duration.ofNanos(nanos));
                for (Future<T> f : r.done()) {
                    if (f.cancelled()) continue;
                    var e = f.exception();
                    if (e.isEmpty()) return f.result();
                    last = e.get();
                }
                pending = new HashSet<>(r.notDone());
            }
            throw new ExecutionException("every task failed", last);
        } catch (InterruptedRuntimeException e) {
            throw interrupted();
        } finally {
            fs.forEach(Future::cancel);
        }
    }

    private <T> List<Future<T>> submitAll(Collection<? extends Callable<T>> tasks) {
        List<Future<T>> fs = new ArrayList<>(tasks.size());
        try {
            for (Callable<T> t : tasks) fs.add(submit(Objects.requireNonNull(t, "task")));
        } catch (RuntimeException e) {
            fs.forEach(Future::cancel);
            throw e;
        }
        return fs;
    }

    /** The JDK's contract for a method that throws {@code InterruptedException}: the flag is cleared. */
    private static InterruptedException interrupted() {
        Thread.interrupted();
        return new InterruptedException("interrupted while waiting for tasks");
    }
}
