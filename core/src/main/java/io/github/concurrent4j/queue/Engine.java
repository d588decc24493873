package io.github.concurrent4j.queue;

/**
 * The machinery behind a queue: {@link FastFifo} for FIFO queues, {@link LockedQueue} for the
 * LIFO and priority orders. Timeouts are nanoseconds; a negative value means "no timeout".
 * The public classes check arguments; engines trust them.
 */
sealed interface Engine<E> permits FastFifo, LockedQueue {
    long FOREVER = -1;

    /**
     * Waits on {@code c} (its lock held) for at most {@code nanos}, or without limit for
     * {@link #FOREVER}; returns the time left, never below 0, or {@code FOREVER} again.
     */
    static long await(java.util.concurrent.locks.Condition c, long nanos) throws InterruptedException {
        if (nanos < 0) {
            c.await();
            return FOREVER;
        }
        return Math.max(c.awaitNanos(nanos), 0);
    }

    /** {@code block} false: do not wait at all (Python's {@code block=False}). */
    void put(E item, boolean block, long nanos);

    E get(boolean block, long nanos);

    int qsize();

    int maxsize();

    void taskDone();

    /** Items put and not yet marked done (Python's {@code unfinished_tasks}). */
    long unfinishedTasks();

    /** Waits until every put item is done; returns false if {@code nanos} elapsed first. */
    boolean join(long nanos);

    void shutdown(boolean immediate);

    boolean isShutdown();
}
