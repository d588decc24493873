package io.github.concurrent4j.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import io.github.concurrent4j.function.SerializableFunction;
import io.github.concurrent4j.futures.internal.Outcomes;
import io.github.concurrent4j.futures.internal.Outcomes.Failure;
import io.github.concurrent4j.futures.internal.ProgressTracker;
import io.github.concurrent4j.futures.internal.SubmitEach;

/**
 * The iterator of {@link Executor#map}: the items are submitted at once, in chunks of
 * {@code chunksize} (one task per chunk), and the results are yielded in order, each waited
 * for until the call's deadline (Python computes {@code end_time} when {@code map} is called).
 *
 * <p>A chunk of one item is a plain task whose future holds the item's result. A larger chunk
 * is one task that applies the function to each of its items and returns their outcomes, a
 * result or a {@link Failure} per item, so that a chunk size never changes what the iterator
 * yields (CPython's process pool loses the rest of a chunk after a failure). When a result is
 * an exception, or a wait times out, the iterator throws it and ends, cancelling the chunks
 * that have not started, as CPython's generator does in its {@code finally}. Futures and
 * results are dropped as soon as they are yielded, so the iterator keeps none of them alive.
 */
final class MapIterator<R> implements ResultIterator<R> {
    private final Future<?>[] chunks;
    private final boolean chunked;
    private final int total;
    private final long deadline; // System.nanoTime() based; meaningful when timed
    private final boolean timed;
    private final ProgressTracker progress;
    private int nextChunk;
    private Object[] current;
    private int pos;
    private int yielded;
    private boolean closed;

    private MapIterator(Future<?>[] chunks, boolean chunked, int total, long timeoutNanos, ProgressTracker progress) {
        this.chunks = chunks;
        this.chunked = chunked;
        this.total = total;
        this.timed = timeoutNanos >= 0;
        this.deadline = timed ? System.nanoTime() + timeoutNanos : 0;
        this.progress = progress;
    }

    /** Submits every chunk of {@code items} to {@code executor} now; {@code timeoutNanos < 0}: no deadline. */
    static <T, R> MapIterator<R> start(Executor executor, SerializableFunction<? super T, ? extends R> fn,
            Iterable<? extends T> items, long timeoutNanos, int chunksize, ProgressListener listener) {
        List<Object> all = new ArrayList<>();
        for (T item : items) all.add(item);
        int n = all.size();
        int nChunks = chunksize == 1 ? n : (n + chunksize - 1) / chunksize;
        Future<?>[] fs = new Future<?>[nChunks];
        ProgressTracker progress = ProgressTracker.start(listener, n);
        // One function object for every task of this map (submit(fn, arg)): a process executor
        // then sends it to each worker once, not with every task.
        SerializableFunction<Object[], Object[]> chunkFn = args -> runChunk(fn, args);
        List<Object> args = new ArrayList<>(nChunks);
        int[] sizes = new int[nChunks];
        for (int c = 0; c < nChunks; c++) {
            if (chunksize == 1) {
                args.add(all.get(c));
                sizes[c] = 1;
            } else {
                int from = c * chunksize;
                Object[] chunk = all.subList(from, Math.min(n, from + chunksize)).toArray();
                args.add(chunk);
                sizes[c] = chunk.length;
            }
        }
        @SuppressWarnings("unchecked")
        SerializableFunction<Object, Object> task = chunksize == 1 ? (SerializableFunction<Object, Object>) fn
                : (SerializableFunction<Object, Object>) (SerializableFunction<?, ?>) chunkFn;
        try {
            if (executor instanceof SubmitEach many) {
                List<Future<Object>> submitted = many.submitEach(task, args);
                for (int c = 0; c < nChunks; c++) fs[c] = submitted.get(c);
            } else {
                for (int c = 0; c < nChunks; c++) fs[c] = executor.submit(task, args.get(c));
            }
            if (listener != null) {
                for (int c = 0; c < nChunks; c++) {
                    int size = sizes[c];
                    fs[c].addDoneCallback(x -> progress.advance(size));
                }
            }
        } catch (RuntimeException | Error e) {
            for (Future<?> f : fs) if (f != null) f.cancel();
            progress.finish();
            throw e;
        }
        return new MapIterator<>(fs, chunksize != 1, n, timeoutNanos, progress);
    }

    /** Runs one chunk in a worker: each item's result, or its {@link Failure}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object[] runChunk(SerializableFunction fn, Object[] args) {
        return Outcomes.runEach(fn::apply, args);
    }

    @Override
    public boolean hasNext() {
        return !closed && yielded < total;
    }

    @Override
    @SuppressWarnings("unchecked")
    public R next() {
        if (!hasNext()) throw new NoSuchElementException();
        try {
            if (!chunked) {
                Object v = takeChunk();
                if (++yielded == total) progress.complete();
                return (R) v;
            }
            if (current == null || pos == current.length) {
                current = (Object[]) takeChunk();
                pos = 0;
            }
            Object v = current[pos];
            current[pos++] = null;
            if (++yielded == total) progress.complete();
            if (v instanceof Failure f) throw Outcomes.rethrow(f.error());
            return (R) v;
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /**
     * The next chunk's result; the chunk is let go only once it is there, so that a timeout
     * leaves it to {@link #close()} to cancel.
     */
    private Object takeChunk() {
        Future<?> f = chunks[nextChunk];
        Object r = timed ? f.result(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))) : f.result();
        chunks[nextChunk++] = null;
        return r;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        current = null;
        for (int i = nextChunk; i < chunks.length; i++) {
            Future<?> f = chunks[i];
            if (f != null) f.cancel();
            chunks[i] = null;
        }
        progress.finish();
    }
}
