package io.github.concurrent4j.multiprocessing.pool.internal;

import java.util.OptionalLong;

/** The engine's handle on one worker that a {@link WorkerBackend} started. */
public interface WorkerHandle {
    /** The worker's name, for messages ({@code Thread-7 (worker)}, {@code PoolWorker-3}). */
    String name();

    /** The worker's process id, for a worker process. */
    OptionalLong pid();

    /**
     * Hands {@code chunk} to the worker. Must not block for long (the engine calls it with no
     * lock held, but from the threads that report outcomes); a no-op if the worker has ended
     * (the engine has then already dealt with the chunk).
     */
    void send(Chunk chunk);

    /** The worker ends once it has reported every chunk it was sent (close, maxTasksPerChild). */
    void retire();

    /** The worker ends now, whatever it is doing (terminate). */
    void kill();
}
