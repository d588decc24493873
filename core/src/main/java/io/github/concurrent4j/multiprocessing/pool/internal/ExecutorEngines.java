package io.github.concurrent4j.multiprocessing.pool.internal;

import java.util.Objects;

import io.github.concurrent4j.function.SerializableRunnable;

/**
 * Where an executor gets an {@link ExecutorEngine}: the engine is package-private to
 * {@code multiprocessing.pool}, which installs the factory when its {@code ProcessPool} class is
 * initialized (the JDK's "shared secrets" pattern: no public API of the pool package exposes
 * the engine, and this package does not depend on it).
 */
public final class ExecutorEngines {
    private ExecutorEngines() {}

    /** What builds an engine over worker processes. */
    public interface Factory {
        ExecutorEngine create(int workers, SerializableRunnable initializer, int maxTasksPerChild, int retries,
                boolean breakOnLoss);
    }

    private static volatile Factory factory;

    /** Called once by {@code multiprocessing.pool}. */
    public static void install(Factory f) {
        factory = Objects.requireNonNull(f, "factory");
    }

    /**
     * A started engine of {@code workers} worker processes. With {@code breakOnLoss}, a worker that
     * dies breaks it (CPython's {@code BrokenProcessPool}); otherwise what it held fails with
     * {@code WorkerLostException} or runs again ({@code retries}).
     */
    public static ExecutorEngine processes(int workers, SerializableRunnable initializer, int maxTasksPerChild, int retries,
            boolean breakOnLoss) {
        Factory f = factory;
        if (f == null) throw new IllegalStateException("multiprocessing.pool.ProcessPool is not initialized (a bug)");
        return f.create(workers, initializer, maxTasksPerChild, retries, breakOnLoss);
    }
}
