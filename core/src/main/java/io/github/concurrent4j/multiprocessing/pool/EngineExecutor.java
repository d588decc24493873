package io.github.concurrent4j.multiprocessing.pool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import io.github.concurrent4j.futures.Promise;
import io.github.concurrent4j.futures.internal.Outcomes.Failure;
import io.github.concurrent4j.multiprocessing.pool.internal.Chunk;
import io.github.concurrent4j.multiprocessing.pool.internal.ExecutorEngine;
import io.github.concurrent4j.multiprocessing.pool.internal.Job;
import io.github.concurrent4j.multiprocessing.pool.internal.TaskFunction;
import io.github.concurrent4j.multiprocessing.pool.internal.WorkerHandle;

/** The {@link Engine} behind an executor ({@link ExecutorEngine}): a task is one chunk whose outcome completes a promise. */
final class EngineExecutor implements ExecutorEngine {
    private final Engine engine;

    EngineExecutor(Engine engine) {
        this.engine = engine;
        engine.start();
    }

    @Override
    public <V> void submit(Callable<V> task, Promise<V> promise) {
        TaskFunction fn = callable(task);
        engine.submit(List.of(engine.chunk(new PromiseJob<>(fn, promise), 0, new Object[] {null})));
    }

    @Override
    public <V> void submit(TaskFunction fn, Object arg, Promise<V> promise) {
        submitEach(fn, java.util.Collections.singletonList(arg), List.of(promise));
    }

    @Override
    public void submitEach(TaskFunction fn, List<?> args, List<? extends Promise<?>> promises) {
        List<Chunk> chunks = new java.util.ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            chunks.add(engine.chunk(new PromiseJob<>(fn, promises.get(i)), 0, new Object[] {args.get(i)}));
        }
        engine.submit(chunks);
    }

    /** A lambda of this class (so that it travels), capturing only the task. */
    private static TaskFunction callable(Callable<?> task) {
        if (!(task instanceof java.io.Serializable)) {
            throw new IllegalArgumentException("a process executor sends its tasks to worker processes: the task must be"
                    + " Serializable (a SerializableCallable lambda, or a Serializable class), not " + task.getClass().getName());
        }
        return ignored -> task.call();
    }

    @Override
    public void shutdown(boolean cancelQueued) {
        engine.close();
        if (cancelQueued) engine.cancelQueued();
    }

    @Override
    public void terminate() {
        engine.terminate();
    }

    @Override
    public boolean awaitTermination(Duration timeout) {
        return engine.join(timeout);
    }

    @Override
    public boolean isShutdown() {
        return engine.isStopping();
    }

    @Override
    public boolean isTerminated() {
        return engine.isTerminated();
    }

    @Override
    public List<WorkerHandle> workers() {
        return engine.workers();
    }

    @Override
    public int maxWorkers() {
        return engine.processes();
    }

    /** One task: its outcome completes the promise. */
    private record PromiseJob<V>(TaskFunction function, Promise<V> promise) implements Job {
        @Override
        @SuppressWarnings("unchecked")
        public void completed(Chunk chunk, Object[] outcomes) {
            if (promise.done()) return;
            if (outcomes[0] instanceof Failure f) promise.setException(f.error());
            else promise.setResult((V) outcomes[0]);
        }

        @Override
        public void failed(Chunk chunk, Throwable cause) {
            if (!promise.done()) promise.setException(cause);
        }

        @Override
        public boolean starting(Chunk chunk) {
            return promise.running() || promise.setRunningOrNotifyCancel();
        }

        @Override
        public void cancelled(Chunk chunk) {
            promise.cancel();
        }
    }
}
