package io.github.concurrent4j.queue;

/**
 * The equivalent of Python's {@code queue.LifoQueue}: a {@link Queue} whose {@code get}
 * returns the most recently put item first (a stack). Everything else (bound, timeouts,
 * {@code taskDone}/{@code join}, {@code shutdown}) is as for {@link Queue}.
 *
 * <p>Thread-safe. Memory consistency effects: as for {@link Queue}.
 *
 * @param <E> the type of the items
 */
public final class LifoQueue<E> extends Queue<E> {
    /** An unbounded LIFO queue. */
    public LifoQueue() {
        this(0);
    }

    /** A LIFO queue holding at most {@code maxsize} items; {@code maxsize <= 0} is unbounded. */
    public LifoQueue(int maxsize) {
        super(new LockedQueue<>(maxsize, LockedQueue.stack()));
    }
}
