package io.github.concurrent4j.multiprocessing.pool;

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
        super(b.engine(new ThreadBackend(b.virtual), Runtime.getRuntime()::availableProcessors));
    }

    /** Python's keyword arguments ({@code processes}, {@code initializer}, {@code maxtasksperchild}) and more. */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link ThreadPool}. Not thread-safe. */
    public static final class Builder extends PoolOptions<Builder> {
        private boolean virtual;

        private Builder() {}

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
