package io.github.concurrent4j.multiprocessing.pool;

import java.time.Duration;

import io.github.concurrent4j.futures.FuturesTimeoutException;
import io.github.concurrent4j.futures.ResultIterator;

/**
 * The equivalent of Python's {@code multiprocessing.pool.IMapIterator}: the results of
 * {@link Pool#imap} (in the order of the input) or {@link Pool#imapUnordered} (in the order
 * they finish), as they come.
 *
 * <p>A task's exception is thrown by the {@code next()} that reaches it, and the iteration can
 * go on past it (as with CPython's {@code IMapIterator}). An exception raised by the input
 * iterable ends the iteration there (the chunk it was reading is dropped, as in CPython).
 * {@link #hasNext()} may wait: it returns true as soon as the next result is there, false
 * once every result has been returned. {@link #close()} stops the iteration: the rest of the
 * input is not read, and results still coming are dropped.
 *
 * <p>Not thread-safe: one consumer at a time.
 *
 * @param <R> the type of the results
 */
public interface IMapIterator<R> extends ResultIterator<R> {
    /**
     * The next result, waiting at most {@code timeout} (Python's {@code next(timeout)}).
     *
     * @throws FuturesTimeoutException if it is not there in time; the iteration can go on
     * @throws java.util.NoSuchElementException if there are no more results
     */
    R next(Duration timeout);
}
