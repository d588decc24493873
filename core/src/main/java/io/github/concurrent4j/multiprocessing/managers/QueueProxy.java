package io.github.concurrent4j.multiprocessing.managers;

import java.time.Duration;

import io.github.concurrent4j.Timeouts;

/**
 * The equivalent of the proxy of Python's {@code Manager().Queue(maxsize)} and
 * {@code Manager().JoinableQueue(maxsize)}: a {@code queue.Queue} living in the manager's
 * process, with its Python API ({@code put}, {@code get}, {@code putNowait}, {@code getNowait},
 * {@code qsize}, {@code empty}, {@code full}, {@code taskDone}, {@code join}). A full queue
 * makes a timed-out {@code put} throw {@link io.github.concurrent4j.queue.FullException}, an
 * empty one a timed-out {@code get} throw {@link io.github.concurrent4j.queue.EmptyException}.
 * Items are copied in and out.
 *
 * <p>A client killed while blocked in {@code get} does not take an item after its death: the
 * server notices within a tenth of a second and gives up the call.
 *
 * <p>Thread-safe. Memory consistency effects: actions before a {@code put} happen-before the
 * actions after the {@code get} that returns the item, in any process.
 *
 * @param <E> the items
 */
public interface QueueProxy<E> {
    default void put(E item) {
        put(item, Timeouts.MAX);
    }

    /** Puts, waiting at most {@code timeout} for room. */
    void put(E item, Duration timeout);

    void putNowait(E item);

    default E get() {
        return get(Timeouts.MAX);
    }

    /** Takes the next item, waiting at most {@code timeout}. */
    E get(Duration timeout);

    E getNowait();

    int qsize();

    boolean empty();

    boolean full();

    int maxsize();

    /** Marks one item taken with {@code get} as processed. */
    void taskDone();

    /** Waits until every item put has been marked done. */
    default void join() {
        join(Timeouts.MAX);
    }

    /** As {@link #join()}, for at most {@code timeout}; returns whether all were done. */
    boolean join(Duration timeout);
}
