package io.github.concurrent4j.multiprocessing.pool;

import java.util.function.IntConsumer;

import io.github.concurrent4j.multiprocessing.Multiprocessing;
import io.github.concurrent4j.multiprocessing.pool.internal.ExecutorEngines;
import io.github.concurrent4j.multiprocessing.pool.internal.ProcessBackend;

/**
 * The equivalent of Python's {@code multiprocessing.Pool} ({@code multiprocessing.pool.Pool}):
 * a {@link Pool} whose workers are child JVMs, started as {@link io.github.concurrent4j.multiprocessing.Process}es
 * (so warm standbys make a worker start in milliseconds). Same API as {@link ThreadPool}, so
 * code moves between them by changing the line that creates the pool.
 *
 * <pre>{@code
 * try (Pool pool = new ProcessPool(4)) {                       // with Pool(4) as pool:
 *     List<Integer> squares = pool.map(x -> x * x, items);      //     pool.map(sqr, items)
 *     pool.applyAsync(() -> fetch(url), page -> parse(page));   //     pool.apply_async(fetch, (url,), callback=parse)
 * }
 * var p = ProcessPool.builder().processes(8).initializer(Db::connect).maxTasksPerChild(100).retries(1).build();
 * }</pre>
 *
 * <p><b>What crosses to the workers.</b> Each task's function (a serializable lambda, with
 * what it captures) is encoded once per worker and job; its items one chunk at a time; the
 * results come back. All must be encodable and allowed by
 * {@link io.github.concurrent4j.transport.Serialization}: a task that cannot be sent fails with
 * {@link io.github.concurrent4j.transport.SerializationException} naming what could not be
 * encoded, a result that cannot be sent back with {@link MaybeEncodingException}, a result the
 * parent cannot decode with {@code SerializationException}; in each case the worker lives on.
 * A task's exception is rebuilt in the parent as the same class (with the worker's stack
 * trace) when that class is a JDK or concurrent4j class or allowed by {@code Serialization};
 * otherwise it arrives as a {@link RuntimeException} naming it.
 *
 * <p><b>Workers</b> are daemon processes named {@code PoolWorker-N}; the default number is
 * {@link Multiprocessing#cpuCount()}. A worker that dies — killed, crashed, {@code System.exit}
 * — is noticed at once (its exit wakes the pool's I/O thread, which sleeps on every worker's
 * pipe and exit): the tasks it held fail with {@link WorkerLostException} naming its pid and exit
 * code, or run again on another worker up to {@code retries} times, and a new worker takes its
 * place. CPython's pool waits forever in that case (cpython#96062). {@code terminate()} sends
 * SIGTERM, which halts a worker at once.
 *
 * <p>Thread-safe; see {@link Pool} for the memory consistency effects (a task's actions are in
 * its worker process; its result is decoded in this one before {@code get} returns it).
 */
public final class ProcessPool extends AbstractPool {
    /** Chunks a worker holds at once: one running, more on their way, to hide the pipe's latency. */
    static final int PREFETCH = 2;

    static {
        // the executor over processes (futures.process.ProcessPoolExecutor) gets its engine here
        ExecutorEngines.install((workers, initializer, maxTasksPerChild, retries, breakOnLoss) -> new EngineExecutor(
                new Engine(new ProcessBackend(PREFETCH, false, null), workers, initializer, maxTasksPerChild, retries, breakOnLoss)));
    }

    /** A pool with one worker per CPU. */
    public ProcessPool() {
        this(builder());
    }

    /**
     * A pool of {@code processes} worker processes.
     *
     * @throws IllegalArgumentException if {@code processes < 1}
     */
    public ProcessPool(int processes) {
        this(builder().processes(processes));
    }

    private ProcessPool(Builder b) {
        super(b.engine(new ProcessBackend(PREFETCH, true, b.beforeStart), Multiprocessing::cpuCount));
    }

    /** Python's keyword arguments ({@code processes}, {@code initializer}, {@code maxtasksperchild}) and {@code retries}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link ProcessPool}. Not thread-safe. */
    public static final class Builder extends PoolOptions<Builder> {
        IntConsumer beforeStart; // tests: fault injection before a worker's start

        private Builder() {}

        public ProcessPool build() {
            return new ProcessPool(this);
        }
    }
}
