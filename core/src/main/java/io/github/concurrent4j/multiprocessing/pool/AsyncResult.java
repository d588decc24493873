package io.github.concurrent4j.multiprocessing.pool;

import java.time.Duration;

import io.github.concurrent4j.futures.Future;
import io.github.concurrent4j.futures.FuturesTimeoutException;

/**
 * The equivalent of Python's {@code multiprocessing.pool.AsyncResult}: what
 * {@link Pool#applyAsync} and {@link Pool#mapAsync} return.
 *
 * <pre>{@code
 * AsyncResult<Integer> r = pool.applyAsync(() -> slowSquare(7));
 * r.get(Duration.ofSeconds(1));      // FuturesTimeoutException if not ready in time...
 * int v = r.get();                   // ...and the result can still be fetched later
 * }</pre>
 *
 * <p>{@link #get()} returns the result or throws the task's exception as
 * {@link io.github.concurrent4j.futures.Future#result()} does (unchecked exceptions and errors
 * as they are, checked ones wrapped in {@link java.util.concurrent.CompletionException}); a
 * task that could not run throws {@link WorkerLostException},
 * {@link io.github.concurrent4j.futures.CancelledException} (the pool was terminated) or
 * {@link BrokenPoolException}. Python's {@code wait} is {@link #await()}. When a callback was
 * given, the result is ready only after the callback has run (as in Python).
 *
 * <p>Thread-safe. Memory consistency effects: the task's actions (in this process) and the
 * callback's happen-before a {@code get} or {@code await} that sees the result ready returns.
 *
 * @param <T> the type of the result
 */
public interface AsyncResult<T> {
    /** The result, waiting as long as it takes. */
    T get();

    /**
     * The result, waiting at most {@code timeout}.
     *
     * @throws FuturesTimeoutException if it is not ready in time (Python's
     *         {@code multiprocessing.TimeoutError}); the task goes on
     */
    T get(Duration timeout);

    /** Waits until the result is ready (Python's {@code wait()}). */
    void await();

    /** Waits at most {@code timeout}; returns whether the result is ready (Python returns nothing). */
    boolean await(Duration timeout);

    /** Whether the call has completed (Python's {@code ready()}). */
    boolean ready();

    /**
     * Whether the call completed without raising (Python's {@code successful()}).
     *
     * @throws IllegalStateException if it is not ready yet (Python's {@code ValueError})
     */
    boolean successful();

    /** The same result as a {@link Future} (for {@code Futures.wait}, {@code asCompleted}, {@code CompletionStage}). */
    Future<T> future();
}
