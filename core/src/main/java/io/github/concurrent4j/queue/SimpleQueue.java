package io.github.concurrent4j.queue;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.InterruptedRuntimeException;
import java.time.Duration;
import java.util.Objects;

/**
 * The equivalent of Python's {@code queue.SimpleQueue}: an unbounded FIFO queue without task
 * tracking or shutdown, the lightest way to pass items between threads.
 *
 * <p>As in Python, {@code put} never blocks and there is no {@code taskDone}, {@code join},
 * {@code full} or {@code shutdown} (use {@link Queue} for those). {@code null} items are
 * refused. It is the same lock-free engine as an unbounded {@link Queue}; the smaller surface
 * is Python's, not a speed difference.
 *
 * <p>Thread-safe: any number of producers and consumers. Memory consistency effects: actions
 * in a thread prior to placing an item into the queue <i>happen-before</i> actions subsequent
 * to the removal of that item in another thread.
 *
 * @param <E> the type of the items
 */
public final class SimpleQueue<E> {
    private final FastFifo<E> engine = new FastFifo<>(0);

    /** An empty queue. */
    public SimpleQueue() {}

    /** Puts {@code item}; never blocks. */
    public void put(E item) {
        engine.put(Objects.requireNonNull(item, "a queue does not accept null items"), false, 0);
    }

    /** Same as {@link #put} (Python offers both names). */
    public void putNowait(E item) {
        put(item);
    }

    /**
     * Removes and returns the next item, waiting until there is one.
     *
     * @throws InterruptedRuntimeException if interrupted while waiting
     */
    public E get() {
        return engine.get(true, Engine.FOREVER);
    }

    /**
     * Removes and returns the next item, waiting at most {@code timeout}.
     *
     * @throws EmptyException if no item arrived in time
     */
    public E get(Duration timeout) {
        return engine.get(true, Timeouts.toNanos(timeout));
    }

    /**
     * Removes and returns the next item if there is one now.
     *
     * @throws EmptyException if the queue is empty
     */
    public E getNowait() {
        return engine.get(false, 0);
    }

    /** The number of items now (a snapshot). */
    public int qsize() {
        return engine.qsize();
    }

    /** Whether the queue is empty now (a snapshot). */
    public boolean empty() {
        return engine.qsize() == 0;
    }

    @Override
    public String toString() {
        return "SimpleQueue[qsize=" + qsize() + "]";
    }
}
