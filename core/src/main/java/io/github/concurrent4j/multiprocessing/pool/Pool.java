package io.github.concurrent4j.multiprocessing.pool;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.concurrent4j.function.SerializableBiFunction;
import io.github.concurrent4j.function.SerializableCallable;
import io.github.concurrent4j.function.SerializableFunction;
import io.github.concurrent4j.futures.ProgressListener;

/**
 * The equivalent of Python's {@code multiprocessing.pool.Pool}: a fixed set of workers that run
 * tasks — one call at a time ({@code apply}), or a function over many items ({@code map},
 * {@code imap}, {@code starmap}) in chunks. {@link ThreadPool} is the pool of threads; the pool
 * of worker processes has the same interface.
 *
 * <pre>{@code
 * try (Pool pool = new ThreadPool(4)) {
 *     AsyncResult<String> r = pool.applyAsync(() -> fetch(url), page -> System.out.println(page.length()));
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));          // [1, 4, 9]
 *     for (int s : pool.imapUnordered(Main::slow, items)) System.out.println(s);  // first done, first out
 *     pool.close();
 *     pool.join();
 * }
 * }</pre>
 *
 * <p><b>Behaviour, as Python's.</b> {@code map} splits its input into chunks of
 * {@code chunksize} items (default: Python's rule, about four chunks per worker) and returns
 * the results in order; {@code imap} returns them in order as they come, {@code imapUnordered}
 * as they finish (both with chunks of 1 item unless told otherwise). Callbacks run in this
 * process on the pool's result thread, one at a time; a callback that throws is reported
 * (logged at {@code ERROR} on {@code io.github.concurrent4j.multiprocessing.pool}) and never
 * stops the pool. {@link #close()} stops new work and lets the workers end once what was
 * submitted is done; {@link #terminate()} stops them now; {@link #join()} (after one of them)
 * waits until the workers are gone and the callbacks have run. A pool that is closed or
 * terminated refuses new work with {@link IllegalStateException} (Python's
 * {@code ValueError: Pool not running}).
 *
 * <p><b>Differences from Python.</b> {@code AutoCloseable}: a try-with-resources block calls
 * {@link #close()}, which is Python's {@code close()} — queued work still runs. Python's
 * {@code with Pool() as p:} calls {@code terminate()} on exit instead; call
 * {@link #terminate()} yourself for that. Nothing ever waits forever for a lost worker: the
 * tasks it held fail with {@link WorkerLostException} (or run again, with {@code retries}),
 * a pool that cannot work any more fails them with {@link BrokenPoolException}, and
 * {@code terminate} fails what has not finished with
 * {@link io.github.concurrent4j.futures.CancelledException} (CPython's results wait forever in
 * all three cases). Each item has its own outcome whatever the chunk size (CPython loses the
 * rest of a chunk after an exception). Python's {@code starmap} over tuples takes pairs
 * ({@link Map.Entry}, e.g. {@code Map.entry(a, b)}) and a two-argument function.
 *
 * <p><b>Tasks</b> are serializable lambdas ({@code io.github.concurrent4j.function}), so that
 * the same code runs on threads and on worker processes; a thread pool does not serialize
 * them (see {@link io.github.concurrent4j.futures.Executor} for what that means).
 *
 * <p>Thread-safe: any thread may submit work, close, terminate and join. Memory consistency
 * effects: actions before a submission happen-before the task runs (in this process), which
 * happens-before its result is returned and its callback runs.
 */
public interface Pool extends AutoCloseable {

    /** The number of workers (Python's {@code processes}). */
    int processes();

    // ---- apply ------------------------------------------------------------------------------

    /** Runs {@code fn} on a worker and waits for its result (Python's {@code apply}). */
    <R> R apply(SerializableCallable<R> fn);

    /** Runs {@code fn(arg)} on a worker and waits for its result (Python's {@code apply(fn, (arg,))}). */
    <T, R> R apply(SerializableFunction<? super T, ? extends R> fn, T arg);

    /** Runs {@code fn} on a worker (Python's {@code apply_async}). */
    <R> AsyncResult<R> applyAsync(SerializableCallable<R> fn);

    /** Runs {@code fn(arg)} on a worker (Python's {@code apply_async(fn, (arg,))}). */
    <T, R> AsyncResult<R> applyAsync(SerializableFunction<? super T, ? extends R> fn, T arg);

    /** Runs {@code fn}; {@code callback} gets its result on the result thread (Python's {@code callback=}). */
    <R> AsyncResult<R> applyAsync(SerializableCallable<R> fn, Consumer<? super R> callback);

    /**
     * Runs {@code fn}; on the result thread, {@code callback} gets its result or
     * {@code errorCallback} its exception (Python's {@code callback=}, {@code error_callback=}).
     */
    <R> AsyncResult<R> applyAsync(SerializableCallable<R> fn, Consumer<? super R> callback,
            Consumer<? super Throwable> errorCallback);

    // ---- map ----------------------------------------------------------------------------------

    /** {@code fn} over {@code items}, the results in order (Python's {@code map}); throws the first failure. */
    <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items);

    /** {@link #map(SerializableFunction, Iterable)} in chunks of {@code chunksize} items. */
    <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize);

    /** {@link #map(SerializableFunction, Iterable, int)}, reporting each finished chunk to {@code progress}. */
    <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize,
            ProgressListener progress);

    /** Python's {@code map_async}. */
    <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items);

    /** Python's {@code map_async(fn, items, chunksize)}. */
    <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize);

    /**
     * Python's {@code map_async(fn, items, chunksize, callback, error_callback)}: {@code callback}
     * gets the list of results, or {@code errorCallback} the first exception, once every item
     * has finished.
     */
    <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize, Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback);

    /** Python's {@code imap}: the results in order, as they come; the input is read lazily. */
    <T, R> IMapIterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items);

    /** Python's {@code imap(fn, items, chunksize)}. */
    <T, R> IMapIterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize);

    /** {@link #imap(SerializableFunction, Iterable, int)}, reporting each finished chunk to {@code progress}. */
    <T, R> IMapIterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items, int chunksize,
            ProgressListener progress);

    /** Python's {@code imap_unordered}: the results as they finish. */
    <T, R> IMapIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items);

    /** Python's {@code imap_unordered(fn, items, chunksize)}. */
    <T, R> IMapIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize);

    /** {@link #imapUnordered(SerializableFunction, Iterable, int)}, reporting each finished chunk to {@code progress}. */
    <T, R> IMapIterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize, ProgressListener progress);

    /** Python's {@code starmap}: {@code fn(a, b)} for each pair, the results in order. */
    <T, U, R> List<R> starmap(SerializableBiFunction<? super T, ? super U, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends T, ? extends U>> pairs);

    /** Python's {@code starmap(fn, pairs, chunksize)}. */
    <T, U, R> List<R> starmap(SerializableBiFunction<? super T, ? super U, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends T, ? extends U>> pairs, int chunksize);

    /** Python's {@code starmap_async}. */
    <T, U, R> AsyncResult<List<R>> starmapAsync(SerializableBiFunction<? super T, ? super U, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends T, ? extends U>> pairs);

    /** Python's {@code starmap_async(fn, pairs, chunksize, callback, error_callback)}. */
    <T, U, R> AsyncResult<List<R>> starmapAsync(SerializableBiFunction<? super T, ? super U, ? extends R> fn,
            Iterable<? extends Map.Entry<? extends T, ? extends U>> pairs, int chunksize,
            Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback);

    // ---- life ---------------------------------------------------------------------------------

    /**
     * Python's {@code close()}: no more work may be submitted; the workers end once everything
     * submitted has finished. Returns at once; idempotent. Also what try-with-resources calls
     * (Python's {@code with} calls {@link #terminate()} instead).
     */
    @Override
    void close();

    /**
     * Python's {@code terminate()}: the workers are stopped now (threads are interrupted;
     * a thread that does not respond finishes its task first), and every task that has not
     * finished fails with {@link io.github.concurrent4j.futures.CancelledException}. Returns at
     * once; {@link #join()} waits for the workers to be gone.
     */
    void terminate();

    /**
     * Waits until the workers have ended and every callback has run (Python's {@code join()}).
     *
     * @throws IllegalStateException if neither {@link #close()} nor {@link #terminate()} was
     *         called (Python's {@code ValueError: Pool is still running})
     */
    void join();
}
