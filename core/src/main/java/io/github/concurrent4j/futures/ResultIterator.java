package io.github.concurrent4j.futures;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The iterator Python's {@code Executor.map} and {@code as_completed} return (a generator
 * there): results in order, or futures as they finish. It is also an {@link Iterable} of
 * itself, so it can be used in a for-each loop as Python code does, and it can be iterated
 * only once (a second {@code iterator()} returns the same, partly consumed iterator, as
 * Python's {@code iter(generator)} does).
 *
 * <pre>{@code
 * for (int square : executor.map(x -> x * x, List.of(1, 2, 3))) System.out.println(square);
 * List<Integer> all = executor.map(x -> x * x, items).toList();        // list(executor.map(...))
 * try (var results = executor.map(Task::run, items, Duration.ofSeconds(5))) { ... }
 * }</pre>
 *
 * <p>{@link #close()} is the generator's {@code close()}: the iterator stops, and what it is
 * still waiting for is given up (for {@code Executor.map}, the tasks that have not started are
 * cancelled). An exception thrown by {@link #next()} (a task's exception, a timeout) ends the
 * iteration the same way, as an exception ends a Python generator.
 *
 * <p>Not thread-safe: one consumer at a time, as with any iterator.
 *
 * @param <T> the type of the elements
 */
public interface ResultIterator<T> extends Iterator<T>, Iterable<T>, AutoCloseable {

    /** This iterator itself (single use). */
    @Override
    default Iterator<T> iterator() {
        return this;
    }

    /** Stops the iteration and gives up what it still waits for. Idempotent. */
    @Override
    void close();

    /** The remaining elements, in order (Python's {@code list(iterator)}). */
    default List<T> toList() {
        List<T> all = new ArrayList<>();
        while (hasNext()) all.add(next());
        return all;
    }
}
