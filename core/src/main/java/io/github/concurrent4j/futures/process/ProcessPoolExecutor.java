package io.github.concurrent4j.futures.process;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.concurrent4j.function.SerializableFunction;
import io.github.concurrent4j.function.SerializableRunnable;
import io.github.concurrent4j.futures.BrokenExecutorException;
import io.github.concurrent4j.futures.BrokenProcessPoolException;
import io.github.concurrent4j.futures.Executor;
import io.github.concurrent4j.futures.Future;
import io.github.concurrent4j.futures.Promise;
import io.github.concurrent4j.futures.internal.SubmitEach;
import io.github.concurrent4j.multiprocessing.Multiprocessing;
import io.github.concurrent4j.multiprocessing.pool.ProcessPool;
import io.github.concurrent4j.multiprocessing.pool.internal.ExecutorEngine;
import io.github.concurrent4j.multiprocessing.pool.internal.ExecutorEngines;
import io.github.concurrent4j.multiprocessing.pool.internal.TaskFunction;
import io.github.concurrent4j.multiprocessing.pool.internal.WorkerHandle;

/**
 * The equivalent of Python's {@code concurrent.futures.ProcessPoolExecutor}: an {@link Executor}
 * whose workers are child JVMs — the same engine and worker processes as
 * {@link ProcessPool}, with the executor API, so code moves from threads
 * ({@link io.github.concurrent4j.futures.ThreadPoolExecutor}) to processes by changing one line.
 *
 * <pre>{@code
 * try (var ex = new ProcessPoolExecutor(4)) {                 // with ProcessPoolExecutor(4) as ex:
 *     Future<Integer> f = ex.submit(Main::slowSquare, 7);      //     f = ex.submit(slow_square, 7)
 *     f.addDoneCallback(done -> System.out.println(done.result()));
 *     for (int r : ex.map(Main::slowSquare, items, 100)) ...   //     ex.map(slow_square, items, chunksize=100)
 * }
 * }</pre>
 *
 * <p><b>Behaviour, as Python's.</b> Default workers: {@link Multiprocessing#cpuCount()}.
 * Tasks, their arguments and results travel to and from the workers, so they must be
 * serializable and allowed by {@link io.github.concurrent4j.transport.Serialization} (see
 * {@link ProcessPool} for what happens when they are not: an error for that task, never a hang).
 * A future is running once its task has been handed to a worker (each worker holds up to two),
 * so {@code cancel} succeeds only before that. <b>A worker that dies</b> (killed, crashed,
 * {@code System.exit}) breaks the executor, as in Python: every unfinished future fails with
 * {@link BrokenProcessPoolException}, the other workers are stopped, and {@code submit} throws
 * it from then on. With {@link Builder#onWorkerLost(WorkerLoss) onWorkerLost(FAIL_TASK)} the
 * executor behaves as {@link ProcessPool} instead: only the tasks the dead worker held fail
 * (with {@code WorkerLostException}) or run again ({@link Builder#retries}), and the worker is
 * replaced. An initializer that throws breaks the executor.
 *
 * <p><b>Exit.</b> Workers are not daemonic (as in Python since 3.9): when the JVM exits
 * normally, a shutdown hook shuts down every executor not shut down — what was submitted still
 * runs — and the JVM then waits for the workers to end; so {@code shutdown(false)} followed by
 * the end of {@code main} finishes the work and exits (it does not hang).
 *
 * <p>Differences from Python: {@code submit} after shutdown throws
 * {@link RejectedExecutionException} (Python's {@code RuntimeError}); {@code BrokenProcessPoolException}
 * extends it. Thread-safe. Memory consistency effects: actions before {@code submit} happen-before
 * the task runs (in its worker), which happens-before the future's result is returned.
 */
public final class ProcessPoolExecutor implements Executor, SubmitEach {
    private static final Set<ProcessPoolExecutor> LIVE = ConcurrentHashMap.newKeySet();

    static {
        try {
            Class.forName(ProcessPool.class.getName(), true, ProcessPool.class.getClassLoader()); // installs the engine factory
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (ProcessPoolExecutor e : LIVE) e.engine.shutdown(false);
        }, "c4j-process-executor-exit"));
    }

    /** What a worker that dies means. */
    public enum WorkerLoss {
        /** Python's behaviour (the default): the executor is broken. */
        BREAK,
        /** {@link ProcessPool}'s: the tasks that worker held fail, or run again with retries; the worker is replaced. */
        FAIL_TASK
    }

    private final ExecutorEngine engine;

    /** An executor with {@link Multiprocessing#cpuCount()} workers. */
    public ProcessPoolExecutor() {
        this(builder());
    }

    /**
     * An executor with {@code maxWorkers} worker processes.
     *
     * @throws IllegalArgumentException if {@code maxWorkers <= 0} (Python's {@code ValueError})
     */
    public ProcessPoolExecutor(int maxWorkers) {
        this(builder().maxWorkers(maxWorkers));
    }

    private ProcessPoolExecutor(Builder b) {
        this.engine = ExecutorEngines.processes(b.maxWorkers > 0 ? b.maxWorkers : Multiprocessing.cpuCount(), b.initializer,
                b.maxTasksPerChild, b.retries, b.loss == WorkerLoss.BREAK);
        LIVE.add(this);
    }

    /** Python's keyword arguments ({@code max_workers}, {@code initializer}, {@code max_tasks_per_child}) and more. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public <V> Future<V> submit(Callable<V> task) {
        Objects.requireNonNull(task, "task");
        Promise<V> p = Promise.create();
        schedule(() -> engine.submit(task, p));
        return p;
    }

    /**
     * Python's {@code submit(fn, arg)}. The function travels to a worker once and is kept
     * there for the tasks that follow with the same {@code fn} object, as Python sends a
     * function by name: {@code map} submits this way, so a map of tiny tasks sends each worker
     * one function and then only arguments.
     */
    @Override
    public <T, R> Future<R> submit(SerializableFunction<? super T, ? extends R> fn, T arg) {
        Objects.requireNonNull(fn, "fn");
        Promise<R> p = Promise.create();
        schedule(() -> engine.submit(taskFunction(fn), arg, p));
        return p;
    }

    /** {@link #submit(SerializableFunction, Object)} for each argument, queued in one step (what {@code map} uses). */
    @Override
    public <T, R> List<Future<R>> submitEach(SerializableFunction<? super T, ? extends R> fn, List<? extends T> args) {
        Objects.requireNonNull(fn, "fn");
        List<Promise<R>> promises = new java.util.ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) promises.add(Promise.create());
        schedule(() -> engine.submitEach(taskFunction(fn), args, promises));
        return List.copyOf(promises);
    }

    /** Hands work to the engine: a broken executor says so; a shut-down one rejects, as the JDK's executors do. */
    private void schedule(Runnable submit) {
        try {
            submit.run();
        } catch (BrokenExecutorException e) {
            throw e;
        } catch (IllegalStateException e) {
            throw new RejectedExecutionException("cannot schedule new futures after shutdown", e);
        }
    }

    /*
     * The worker-side form of the last function submitted with an argument: the same object for
     * the same fn, so that workers keep it and the engine times its tasks together. Weak: a
     * function not otherwise in use (with what it captures) is not kept by the executor.
     */
    private volatile WeakReference<Adapted> lastAdapted = new WeakReference<>(null);

    private record Adapted(SerializableFunction<?, ?> fn, TaskFunction task) {}

    @SuppressWarnings("unchecked")
    private TaskFunction taskFunction(SerializableFunction<?, ?> fn) {
        Adapted a = lastAdapted.get();
        if (a != null && a.fn() == fn) return a.task();
        SerializableFunction<Object, Object> f = (SerializableFunction<Object, Object>) fn;
        TaskFunction task = item -> f.apply(item);
        lastAdapted = new WeakReference<>(new Adapted(fn, task));
        return task;
    }

    @Override
    public void shutdown(boolean wait, boolean cancelFutures) {
        engine.shutdown(cancelFutures);
        if (wait) {
            while (!engine.awaitTermination(Duration.ofDays(1))) {
                // Python's shutdown(wait=True) waits as long as it takes
            }
        }
        if (engine.isTerminated()) LIVE.remove(this);
    }

    /**
     * Stops the workers now: what has not finished fails with
     * {@link io.github.concurrent4j.futures.CancelledException}. Returns no tasks (they were
     * submitted as futures, which are failed instead).
     */
    @Override
    public List<Runnable> shutdownNow() {
        engine.terminate();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return engine.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return engine.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        if (Thread.interrupted()) throw new InterruptedException();
        boolean done = engine.awaitTermination(Duration.ofNanos(Math.max(0, unit.toNanos(timeout))));
        if (done) LIVE.remove(this);
        return done;
    }

    /** The number of worker processes. */
    public int maxWorkers() {
        return engine.maxWorkers();
    }

    /** The process ids of the workers now alive (CPython's {@code _processes} keys). */
    public List<Long> workerPids() {
        return engine.workers().stream().map(WorkerHandle::pid).filter(java.util.OptionalLong::isPresent)
                .map(java.util.OptionalLong::getAsLong).toList();
    }

    @Override
    public String toString() {
        return "ProcessPoolExecutor[" + engine + "]";
    }

    /** Options of a {@link ProcessPoolExecutor}. Not thread-safe. */
    public static final class Builder {
        private int maxWorkers;
        private SerializableRunnable initializer;
        private int maxTasksPerChild;
        private int retries;
        private WorkerLoss loss = WorkerLoss.BREAK;

        private Builder() {}

        /** Python's {@code max_workers} (default: {@link Multiprocessing#cpuCount()}). */
        public Builder maxWorkers(int maxWorkers) {
            if (maxWorkers <= 0) throw new IllegalArgumentException("max_workers must be greater than 0: " + maxWorkers);
            this.maxWorkers = maxWorkers;
            return this;
        }

        /** Python's {@code initializer} (with its {@code initargs} captured); one that throws breaks the executor. */
        public Builder initializer(SerializableRunnable initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /** Python's {@code max_tasks_per_child}: a worker is replaced after this many tasks. */
        public Builder maxTasksPerChild(int maxTasksPerChild) {
            if (maxTasksPerChild < 1) {
                throw new IllegalArgumentException("max_tasks_per_child must be >= 1: " + maxTasksPerChild);
            }
            this.maxTasksPerChild = maxTasksPerChild;
            return this;
        }

        /** What a worker that dies means (default {@link WorkerLoss#BREAK}, Python's). */
        public Builder onWorkerLost(WorkerLoss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /** With {@link WorkerLoss#FAIL_TASK}: a task whose worker died runs again, up to this many more times. */
        public Builder retries(int retries) {
            if (retries < 0) throw new IllegalArgumentException("retries must be >= 0: " + retries);
            this.retries = retries;
            return this;
        }

        public ProcessPoolExecutor build() {
            if (retries > 0 && loss == WorkerLoss.BREAK) {
                throw new IllegalStateException("retries need onWorkerLost(FAIL_TASK): a broken executor runs nothing again");
            }
            return new ProcessPoolExecutor(this);
        }
    }
}
