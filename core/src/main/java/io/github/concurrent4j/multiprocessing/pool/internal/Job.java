package io.github.concurrent4j.multiprocessing.pool.internal;

/**
 * The parent-side result of one call (an {@code applyAsync}, a {@code map}, an {@code imap}):
 * it receives the outcomes of its chunks, in any order and from any thread, and knows when it
 * is complete. Implementations are the pool's result types.
 */
public interface Job {
    /** The function every chunk of this job applies. */
    TaskFunction function();

    /** A chunk's outcomes came back: {@code outcomes[i]} is item {@code chunk.index() + i}'s result or {@link io.github.concurrent4j.futures.internal.Outcomes.Failure}. */
    void completed(Chunk chunk, Object[] outcomes);

    /** A chunk will not run (its worker was lost, the pool was terminated or broke): each of its items fails with {@code cause}. */
    void failed(Chunk chunk, Throwable cause);

    /**
     * The chunk is about to be handed to a worker (again, after a lost worker); false if it
     * must not run (its future was cancelled while it was queued): the engine then drops it.
     */
    default boolean starting(Chunk chunk) {
        return true;
    }

    /** The chunk was taken off the queue by a shutdown that cancels what has not started. */
    default void cancelled(Chunk chunk) {
        failed(chunk, new io.github.concurrent4j.futures.CancelledException("cancelled before it started"));
    }
}
