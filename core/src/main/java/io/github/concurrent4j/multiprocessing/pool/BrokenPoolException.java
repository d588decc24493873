package io.github.concurrent4j.multiprocessing.pool;

import io.github.concurrent4j.futures.BrokenExecutorException;

/**
 * A pool can no longer run tasks: a worker's initializer failed, or no worker could be started.
 * The tasks it had not started fail with this exception, and every later call that submits
 * work throws it. Its cause is what broke the pool.
 *
 * <p>CPython's {@code Pool} has no such state: a failing initializer makes it start workers
 * forever and its tasks wait forever; concurrent4j ends the wait, as its
 * {@code ThreadPoolExecutor} does ({@link io.github.concurrent4j.futures.BrokenThreadPoolException}).
 */
public class BrokenPoolException extends BrokenExecutorException {
    private static final long serialVersionUID = 1L;

    public BrokenPoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
