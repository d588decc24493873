package io.github.concurrent4j.multiprocessing.pool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import io.github.concurrent4j.futures.internal.ProgressTracker;
import io.github.concurrent4j.multiprocessing.pool.internal.Chunk;
import io.github.concurrent4j.futures.internal.Outcomes.Failure;
import io.github.concurrent4j.multiprocessing.pool.internal.TaskFunction;

/**
 * The result of {@code mapAsync} (and so of {@code map}, {@code starmap}): ready once every item
 * has an outcome — the list of results, or the exception of the first failed item (by
 * position), as CPython's {@code MapResult} waits for all chunks even after a failure.
 */
final class MapResult<R> extends Result<List<R>> {
    private final Object[] results;
    private final ProgressTracker progress;
    private int left; // guarded by this
    private int firstFailure = Integer.MAX_VALUE; // guarded by this
    private Throwable failure; // guarded by this

    MapResult(Engine engine, TaskFunction fn, int size, ProgressTracker progress, Consumer<? super List<R>> callback,
            Consumer<? super Throwable> errorCallback) {
        super(engine, fn, callback, errorCallback);
        this.results = new Object[size];
        this.left = size;
        this.progress = progress;
        if (size == 0) finish();
    }

    @Override
    public void completed(Chunk chunk, Object[] outcomes) {
        boolean last;
        synchronized (this) {
            for (int i = 0; i < outcomes.length; i++) {
                Object o = outcomes[i];
                if (o instanceof Failure f) record(chunk.index() + i, f.error());
                else results[chunk.index() + i] = o;
            }
            left -= outcomes.length;
            last = left == 0;
        }
        progress.advance(outcomes.length);
        if (last) finish();
    }

    @Override
    public void failed(Chunk chunk, Throwable cause) {
        boolean last;
        synchronized (this) {
            record(chunk.index(), cause);
            left -= chunk.size();
            last = left == 0;
        }
        progress.advance(chunk.size());
        if (last) finish();
    }

    private void record(int index, Throwable error) {
        if (index < firstFailure) {
            firstFailure = index;
            failure = error;
        }
    }

    @SuppressWarnings("unchecked")
    private void finish() {
        Throwable f;
        synchronized (this) {
            f = failure;
        }
        progress.finish();
        if (f != null) fail(f);
        else succeed(new ArrayList<>((List<R>) Arrays.asList(results)));
    }
}
