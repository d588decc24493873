package io.github.concurrent4j.multiprocessing.pool;

import java.util.List;

import io.github.concurrent4j.multiprocessing.pool.internal.Chunk;

/**
 * The lazily read input of an {@code imap}: the engine's task thread (CPython's task handler)
 * asks it for more chunks whenever the engine's queue runs low, so an input is read as fast as
 * the workers consume it, not all at once.
 */
interface Feeder {
    /**
     * Up to {@code max} more chunks; fewer, possibly none, at the end of the input. Called from
     * the task thread only; may block on the user's iterator. An exception from the input is
     * handled here (it becomes the job's failure at the position it was reached), never thrown.
     */
    List<Chunk> next(int max);

    /** Whether the input has been read to its end (or failed). */
    boolean exhausted();

    /** The pool was terminated or broke before the input was read: the job ends with {@code cause}. */
    void abort(Throwable cause);
}
