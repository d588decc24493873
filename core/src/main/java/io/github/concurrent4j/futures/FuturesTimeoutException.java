package io.github.concurrent4j.futures;

/**
 * The equivalent of Python's {@code concurrent.futures.TimeoutError} (the built-in
 * {@code TimeoutError} since 3.11) and of {@code multiprocessing.TimeoutError}: a timed wait
 * for a result ({@link Future#result(java.time.Duration)}, {@link Executor#map}'s iterator,
 * {@link Futures#asCompleted}, a pool's {@code AsyncResult.get(timeout)}) ran out of time.
 * The operation itself goes on; the result can still be fetched later.
 *
 * <p>Unchecked, and named so that it does not shadow the JDK's checked
 * {@link java.util.concurrent.TimeoutException}, which is what
 * {@link java.util.concurrent.Future#get(long, java.util.concurrent.TimeUnit)} still throws.
 */
public class FuturesTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FuturesTimeoutException(String message) {
        super(message);
    }
}
