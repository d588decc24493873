package io.github.concurrent4j.multiprocessing.pool;

import java.util.Objects;

import io.github.concurrent4j.function.SerializableRunnable;
import io.github.concurrent4j.multiprocessing.pool.internal.ThreadBackend;

/**
 * The equivalent of Python's {@code multiprocessing.pool.ThreadPool}: a {@link Pool} whose
 * workers are threads of this JVM (daemon platform threads, or virtual threads), with the same
 * API and behaviour as the pool of worker processes, so that code moves between them by
 * changing the line that creates the pool.
 *
 * <pre>{@code
 * ThreadPool pool = new ThreadPool(4);                    // pool = ThreadPool(4)
 * pool.applyAsync(() -> work("geek1"), Main::show);       // pool.apply_async(work, ("geek1",), callback=show)
 * pool.close();
 * pool.join();
 *
 * var p = ThreadPool.builder().processes(8).initializer(Db::connect).maxTasksPerChild(100).build();
 * }</pre>
 *
 * <p>Tasks, arguments and results are handed to the worker threads by reference, never
 * copied or serialized. The default number of workers is the number of CPUs (Python's
 * {@code os.process_cpu_count()}). Worker threads are daemon threads named
 * {@code Thread-N (worker)}, as CPython names them, so an unfinished pool does not keep the
 * JVM alive (as in Python). {@code maxTasksPerChild} (Python's {@code Pool} has it, its
 * {@code ThreadPool} does not) replaces a worker thread after that many chunks; an
 * initializer that throws breaks the pool ({@link BrokenPoolException}).
 *
 * <p>Thread-safe; see {@link Pool} for the memory consistency effects.
 */
public final class ThreadPool extends AbstractPool {

    /** A pool with one worker per CPU. */
    public ThreadPool() {
        this(builder());
    }

    /**
     * A pool of {@code processes} worker threads.
     *
     * @throws IllegalArgumentException if {@code processes < 1}
     */
    public ThreadPool(int processes) {
        this(builder().processes(processes));
    }

    private ThreadPool(Builder b) {
        super(new Engine(new ThreadBackend(b.virtual), b.processes > 0 ? b.processes : Runtime.getRuntime().availableProcessors(),
                b.initializer, b.maxTasksPerChild, b.retries));
    }

    /** Python's keyword arguments ({@code processes}, {@code initializer}, {@code maxtasksperchild}) and more. */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link ThreadPool}. Not thread-safe. */
    public static final class Builder {
        private int processes;
        private SerializableRunnable initializer;
        private int maxTasksPerChild;
        private int retries;
        private boolean virtual;

        private Builder() {}

        /** The number of worker threads (default: the number of CPUs). */
        public Builder processes(int processes) {
            if (processes < 1) throw new IllegalArgumentException("Number of processes must be at least 1: " + processes);
            this.processes = processes;
            return this;
        }

        /** Runs in every worker before its first task ({@code initializer}, with its {@code initargs} captured). */
        public Builder initializer(SerializableRunnable initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /** A worker is replaced after this many chunks ({@code maxtasksperchild}; default: never). */
        public Builder maxTasksPerChild(int maxTasksPerChild) {
            if (maxTasksPerChild < 1) {
                throw new IllegalArgumentException("maxtasksperchild must be a positive int: " + maxTasksPerChild);
            }
            this.maxTasksPerChild = maxTasksPerChild;
            return this;
        }

        /** A task whose worker is lost runs again on another worker, up to this many more times (default 0). */
        public Builder retries(int retries) {
            if (retries < 0) throw new IllegalArgumentException("retries must be >= 0: " + retries);
            this.retries = retries;
            return this;
        }

        /** Worker threads are virtual threads. */
        public Builder virtualThreads() {
            this.virtual = true;
            return this;
        }

        public ThreadPool build() {
            return new ThreadPool(this);
        }
    }
}
