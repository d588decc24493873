package io.github.concurrent4j.multiprocessing.pool;

import java.util.function.Consumer;

import io.github.concurrent4j.multiprocessing.pool.internal.Chunk;
import io.github.concurrent4j.futures.internal.Outcomes.Failure;
import io.github.concurrent4j.multiprocessing.pool.internal.TaskFunction;

/** The result of {@code applyAsync}: one chunk of one item. */
final class ApplyResult<R> extends Result<R> {

    ApplyResult(Engine engine, TaskFunction fn, Consumer<? super R> callback, Consumer<? super Throwable> errorCallback) {
        super(engine, fn, callback, errorCallback);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void completed(Chunk chunk, Object[] outcomes) {
        Object o = outcomes[0];
        if (o instanceof Failure f) fail(f.error());
        else succeed((R) o);
    }

    @Override
    public void failed(Chunk chunk, Throwable cause) {
        fail(cause);
    }
}
