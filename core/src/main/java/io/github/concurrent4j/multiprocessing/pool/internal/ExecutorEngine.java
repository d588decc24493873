package io.github.concurrent4j.multiprocessing.pool.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import io.github.concurrent4j.futures.Promise;

/**
 * The pool engine as an executor sees it ({@code futures.process.ProcessPoolExecutor}): each
 * submitted task is one chunk of one item whose outcome completes a {@link Promise}, marked
 * running as it is handed to a worker and dropped there if it was cancelled meanwhile.
 * Obtained from {@link ExecutorEngines}.
 */
public interface ExecutorEngine {
    /** Queues {@code task}; {@code promise} gets its outcome. Throws if the engine is shut down or broken. */
    <V> void submit(Callable<V> task, Promise<V> promise);

    /**
     * Queues {@code fn(arg)}; {@code promise} gets its outcome. Tasks of one {@code fn} object
     * share it: a worker receives it once (not with every task, as a lambda capturing the
     * argument would be), and the engine learns how long its tasks take (see the engine's
     * window), which is what makes {@code map} with tiny tasks fast.
     */
    <V> void submit(TaskFunction fn, Object arg, Promise<V> promise);

    /** {@link #submit(TaskFunction, Object, Promise)} for each argument and its promise, queued in one step. */
    void submitEach(TaskFunction fn, List<?> args, List<? extends Promise<?>> promises);

    /** No more tasks; with {@code cancelQueued}, the queued ones are cancelled. Returns at once. */
    void shutdown(boolean cancelQueued);

    /** What has not finished fails; the workers are killed. */
    void terminate();

    /** Waits at most {@code timeout} until the workers are gone; whether they are. */
    boolean awaitTermination(Duration timeout);

    boolean isShutdown();

    boolean isTerminated();

    /** The workers now alive. */
    List<WorkerHandle> workers();

    /** The number of workers it keeps. */
    int maxWorkers();
}
