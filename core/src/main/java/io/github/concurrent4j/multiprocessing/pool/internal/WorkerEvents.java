package io.github.concurrent4j.multiprocessing.pool.internal;

import java.util.OptionalInt;

/** What a backend reports about its workers; the {@link Engine} implements it. Thread-safe. */
public interface WorkerEvents {
    /** The worker ran its initializer and can take chunks. */
    void ready(WorkerHandle worker);

    /** The worker ran chunk {@code chunkId}: {@code outcomes} as {@link Chunk#run} returns them. */
    void completed(WorkerHandle worker, long chunkId, Object[] outcomes);

    /** The worker's initializer threw {@code cause}; the worker ends (and reports {@link #exited}). */
    void initializerFailed(WorkerHandle worker, Throwable cause);

    /**
     * The worker has ended (the last event about it). {@code exitCode}: a process's, Python
     * style ({@code -9} after SIGKILL); empty for a thread.
     */
    void exited(WorkerHandle worker, OptionalInt exitCode);
}
