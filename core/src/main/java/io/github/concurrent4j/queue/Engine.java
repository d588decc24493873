package io.github.concurrent4j.queue;

/**
 * The machinery behind a queue: {@link FastFifo} for FIFO queues, {@link LockedQueue} for the
 * LIFO and priority orders. Timeouts are nanoseconds; a negative value means "no timeout".
 * The public classes check arguments; engines trust them.
 */
sealed interface Engine<E> permits FastFifo, LockedQueue {
    long FOREVER = -1;

    /** {@code block} false: do not wait at all (Python's {@code block=False}). */
    void put(E item, boolean block, long nanos);

    E get(boolean block, long nanos);

    int qsize();

    int maxsize();

    void taskDone();

    /** Waits until every put item is done; returns false if {@code nanos} elapsed first. */
    boolean join(long nanos);

    void shutdown(boolean immediate);

    boolean isShutdown();
}
