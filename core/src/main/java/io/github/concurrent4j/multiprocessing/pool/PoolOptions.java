package io.github.concurrent4j.multiprocessing.pool;

import java.util.Objects;
import java.util.function.IntSupplier;

import io.github.concurrent4j.function.SerializableRunnable;
import io.github.concurrent4j.multiprocessing.pool.internal.WorkerBackend;

/**
 * Python's {@code Pool} keyword arguments ({@code processes}, {@code initializer},
 * {@code maxtasksperchild}) and {@code retries}, checked once for both pools' builders.
 */
abstract class PoolOptions<B extends PoolOptions<B>> {
    private int processes;
    private SerializableRunnable initializer;
    private int maxTasksPerChild;
    private int retries;

    PoolOptions() {}

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The number of workers (default: one per CPU). */
    public B processes(int processes) {
        if (processes < 1) throw new IllegalArgumentException("Number of processes must be at least 1: " + processes);
        this.processes = processes;
        return self();
    }

    /**
     * Runs in every worker before its first task ({@code initializer}, with its
     * {@code initargs} captured); one that throws breaks the pool ({@link BrokenPoolException}).
     */
    public B initializer(SerializableRunnable initializer) {
        this.initializer = Objects.requireNonNull(initializer, "initializer");
        return self();
    }

    /** A worker is replaced after this many chunks ({@code maxtasksperchild}; default: never). */
    public B maxTasksPerChild(int maxTasksPerChild) {
        if (maxTasksPerChild < 1) {
            throw new IllegalArgumentException("maxtasksperchild must be a positive int: " + maxTasksPerChild);
        }
        this.maxTasksPerChild = maxTasksPerChild;
        return self();
    }

    /** A task whose worker is lost runs again on another worker, up to this many more times (default 0). */
    public B retries(int retries) {
        if (retries < 0) throw new IllegalArgumentException("retries must be >= 0: " + retries);
        this.retries = retries;
        return self();
    }

    /** The engine of a pool with these options over {@code backend}. */
    Engine engine(WorkerBackend backend, IntSupplier defaultWorkers) {
        return new Engine(backend, processes > 0 ? processes : defaultWorkers.getAsInt(), initializer, maxTasksPerChild, retries);
    }
}
