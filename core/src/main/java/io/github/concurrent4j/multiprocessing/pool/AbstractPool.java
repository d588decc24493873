package io.github.concurrent4j.multiprocessing.pool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import io.github.concurrent4j.function.SerializableBiFunction;
import io.github.concurrent4j.function.SerializableCallable;
import io.github.concurrent4j.function.SerializableFunction;
import io.github.concurrent4j.futures.ProgressListener;
import io.github.concurrent4j.futures.internal.ProgressTracker;
import io.github.concurrent4j.multiprocessing.pool.internal.Chunk;
import io.github.concurrent4j.multiprocessing.pool.internal.TaskFunction;
import io.github.concurrent4j.multiprocessing.pool.internal.WorkerHandle;

/**
 * Python's {@code Pool} API over the {@link Engine}, for every kind of worker: it turns each
 * call into a job and its chunks (CPython's {@code _map_async}, {@code _get_tasks}), and the
 * engine runs them. A subclass only chooses the backend.
 */
abstract class AbstractPool implements Pool {
    final Engine engine;

    AbstractPool(Engine engine) {
        this.engine = engine;
        engine.start();
    }

    @Override
    public int processes() {
        return engine.processes();
    }

    // ---- apply --------------------------------------------------------------------------------

    @Override
    public <R> R apply(SerializableCallable<R> fn) {
        return applyAsync(fn).get();
    }

    @Override
    public <T, R> R apply(SerializableFunction<? super T, ? extends R> fn, T arg) {
        return this.<T, R>applyAsync(fn, arg).get();
    }

    @Override
    public <R> AsyncResult<R> applyAsync(SerializableCallable<R> fn) {
        return submitApply(fn, null, null);
    }

    @Override
    public <T, R> AsyncResult<R> applyAsync(SerializableFunction<? super T, ? extends R> fn, T arg) {
        Objects.requireNonNull(fn, "fn");
        return submitApply((SerializableCallable<R>) () -> fn.apply(arg), null, null);
    }

    @Override
    public <R> AsyncResult<R> applyAsync(SerializableCallable<R> fn, Consumer<? super R> callback) {
        return submitApply(fn, Objects.requireNonNull(callback, "callback"), null);
    }

    @Override
    public <R> AsyncResult<R> applyAsync(SerializableCallable<R> fn, Consumer<? super R> callback,
            Consumer<? super Throwable> errorCallback) {
        return submitApply(fn, Objects.requireNonNull(callback, "callback"),
                Objects.requireNonNull(errorCallback, "errorCallback"));
    }

    private <R> AsyncResult<R> submitApply(SerializableCallable<R> fn, Consumer<? super R> callback,
            Consumer<? super Throwable> errorCallback) {
        Objects.requireNonNull(fn, "fn");
        ApplyResult<R> r = new ApplyResult<>(engine, ignored -> fn.call(), callback, errorCallback);
        engine.submit(List.of(engine.chunk(r, 0, new Object[] {null})));
        return r;
    }

    // ---- map ----------------------------------------------------------------------------------

    @Override
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return this.<T, R>mapAsync(fn, items).get();
    }

    @Override
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize) {
        return this.<T, R>mapAsync(fn, items, chunksize).get();
    }

    @Override
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize,
            ProgressListener progress) {
        Objects.requireNonNull(progress, "progress");
        return this.<R>mapAsync(function(fn), list(items), checkChunksize(chunksize), null, null, progress).get();
    }

    @Override
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        List<Object> all = list(items);
        return mapAsync(function(fn), all, defaultChunksize(all.size()), null, null, null);
    }

    @Override
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize) {
        return mapAsync(function(fn), list(items), checkChunksize(chunksize), null, null, null);
    }

    @Override
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize, Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return mapAsync(function(fn), list(items), checkChunksize(chunksize), Objects.requireNonNull(callback, "callback"),
                Objects.requireNonNull(errorCallback, "errorCallback"), null);
    }

    /** CPython's {@code _map_async}: the whole input is read now (in the caller), then queued in chunks. */
    private <R> AsyncResult<List<R>> mapAsync(TaskFunction fn, List<Object> all, int chunksize,
            Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback, ProgressListener listener) {
        ProgressTracker progress = ProgressTracker.start(listener, all.size());
        MapResult<R> r = new MapResult<>(engine, fn, all.size(), progress, callback, errorCallback);
        if (all.isEmpty()) return r;
        List<Chunk> chunks = new ArrayList<>((all.size() + chunksize - 1) / chunksize);
        for (int from = 0; from < all.size(); from += chunksize) {
            chunks.add(engine.chunk(r, from, all.subList(from, Math.min(all.size(), from + chunksize)).toArray()));
        }
        try {
            engine.submit(chunks);
        } catch (RuntimeException e) {
            progress.finish();
            throw e;
        }
        return r;
    }

    /** CPython's default chunk size for {@code map}: about four chunks per worker. */
    int defaultChunksize(int n) {
        int workers = engine.processes() * 4;
        int chunksize = n / workers;
        if (n % workers != 0) chunksize++;
        return Math.max(1, chunksize);
    }

    private static int checkChunksize(int chunksize) {
        if (chunksize < 1) throw new IllegalArgumentException("Chunksize must be 1+, not " + chunksize);
        return chunksize;
    }

    @SuppressWarnings("unchecked")
    private static <T, R> TaskFunction function(SerializableFunction<? super T, ? extends R> fn) {
        Objects.requireNonNull(fn, "fn");
        return item -> fn.apply((T) item);
    }

    private static List<Object> list(Iterable<?> items) {
        Objects.requireNonNull(items, "items");
        List<Object> all = items instanceof Collection<?> c ? new ArrayList<>(c.size()) : new ArrayList<>();
        for (Object o : items) all.add(o);
        return all;
    }

    // ---- imap ---------------------------------------------------------------------------------

    @Override
    public <T, R> IMapIterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return imap(fn, items, 1, null, true);
    }

    @Override
    public <T, R> IMapIterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize) {
        return imap(fn, items, checkChunksize(chunksize), null, true);
    }

    @Override
    public <T, R> IMapIterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize, ProgressListener progress) {
        return imap(fn, items, checkChunksize(chunksize), Objects.requireNonNull(progress, "progress"), true);
    }

    @Override
    public <T, R> IMapIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return imap(fn, items, 1, null, false);
    }

    @Override
    public <T, R> IMapIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize) {
        return imap(fn, items, checkChunksize(chunksize), null, false);
    }

    @Override
    public <T, R> IMapIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize, ProgressListener progress) {
        return imap(fn, items, checkChunksize(chunksize), Objects.requireNonNull(progress, "progress"), false);
    }

    /** The input is read lazily on the engine's task thread (CPython's task handler). */
    private <T, R> IMapIterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize, ProgressListener listener, boolean ordered) {
        TaskFunction f = function(fn);
        Objects.requireNonNull(items, "items");
        ProgressTracker progress = ProgressTracker.start(listener, items instanceof Collection<?> c ? c.size() : -1);
        IMapResults<R> r = ordered ? new IMapResults.Ordered<>(f, progress) : new IMapResults.Unordered<>(f, progress);
        try {
            engine.feed(new LazyInput(engine, r, items, chunksize));
        } catch (RuntimeException e) {
            progress.finish();
            throw e;
        }
        return r;
    }

    // ---- starmap ------------------------------------------------------------------------------

    @Override
    public <T, U, R> List<R> starmap(SerializableBiFunction<? super T, ? super U, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends T, ? extends U>> pairs) {
        return this.<T, U, R>starmapAsync(fn, pairs).get();
    }

    @Override
    public <T, U, R> List<R> starmap(SerializableBiFunction<? super T, ? super U, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends T, ? extends U>> pairs, int chunksize) {
        return this.<R>mapAsync(starFunction(fn), pairs(pairs), checkChunksize(chunksize), null, null, null).get();
    }

    @Override
    public <T, U, R> AsyncResult<List<R>> starmapAsync(SerializableBiFunction<? super T, ? super U, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends T, ? extends U>> pairs) {
        List<Object> all = pairs(pairs);
        return mapAsync(starFunction(fn), all, defaultChunksize(all.size()), null, null, null);
    }

    @Override
    public <T, U, R> AsyncResult<List<R>> starmapAsync(SerializableBiFunction<? super T, ? super U, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends T, ? extends U>> pairs, int chunksize,
            Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        return mapAsync(starFunction(fn), pairs(pairs), checkChunksize(chunksize), Objects.requireNonNull(callback, "callback"),
                Objects.requireNonNull(errorCallback, "errorCallback"), null);
    }

    @SuppressWarnings("unchecked")
    private static <T, U, R> TaskFunction starFunction(SerializableBiFunction<? super T, ? super U, ? extends R> fn) {
        Objects.requireNonNull(fn, "fn");
        return item -> {
            Object[] pair = (Object[]) item;
            return fn.apply((T) pair[0], (U) pair[1]);
        };
    }

    /**
     * The pairs as two-element arrays: what a worker process receives must be allowed by the
     * codec, and the JDK's {@code Map.entry} class is not (an array of allowed values is).
     */
    private static List<Object> pairs(Iterable<? extends Map.Entry<?, ?>> pairs) {
        List<Object> all = list(pairs);
        for (int i = 0; i < all.size(); i++) {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) all.get(i);
            all.set(i, new Object[] {e.getKey(), e.getValue()});
        }
        return all;
    }

    // ---- life ---------------------------------------------------------------------------------

    @Override
    public void close() {
        engine.close();
    }

    @Override
    public void terminate() {
        engine.terminate();
    }

    @Override
    public void join() {
        if (!engine.isStopping()) throw new IllegalStateException("Pool is still running: close() or terminate() it first");
        engine.join();
    }

    /** The workers now alive (CPython's {@code _pool}), for tests and monitoring. */
    List<WorkerHandle> workers() {
        return engine.workers();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + engine + "]";
    }
}
