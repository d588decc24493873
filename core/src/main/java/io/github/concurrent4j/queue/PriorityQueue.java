package io.github.concurrent4j.queue;

import java.util.Comparator;
import java.util.Objects;

/**
 * The equivalent of Python's {@code queue.PriorityQueue}: a {@link Queue} whose {@code get}
 * returns the lowest item first. Python programs put {@code (priority, item)} tuples; here
 * they are {@link Prioritized} records, which order as Python orders those tuples (see there
 * for ties).
 *
 * <pre>{@code
 * PriorityQueue<Prioritized<String>> pq = new PriorityQueue<>();
 * pq.put(Prioritized.of(10, "henry"));
 * pq.put(Prioritized.of(6, "echo"));
 * pq.get().item();                        // "echo"
 * }</pre>
 *
 * <p>This class shadows {@link java.util.PriorityQueue}. Items are ordered by their natural
 * order ({@link Comparable}, like Python's {@code <}) unless a {@link Comparator} is given.
 * Items that compare as equal come out in the order they were put (Python leaves that order
 * unspecified). An item that cannot be compared (not {@code Comparable}, or a comparison that
 * throws) makes its {@code put} throw {@link ClassCastException}, as Python raises
 * {@code TypeError}, and the queue is left unchanged. Without a comparator, an item that is
 * not {@code Comparable} is refused at once, even into an empty queue (Python accepts the
 * first one and fails on the second). Everything else is as for
 * {@link Queue}.
 *
 * <p>Thread-safe. Memory consistency effects: as for {@link Queue}.
 *
 * @param <E> the type of the items
 */
public final class PriorityQueue<E> extends Queue<E> {
    /** An unbounded priority queue of {@link Comparable} items. */
    public PriorityQueue() {
        this(0);
    }

    /** A priority queue of {@link Comparable} items holding at most {@code maxsize} items. */
    public PriorityQueue(int maxsize) {
        super(new LockedQueue<>(maxsize, LockedQueue.heap(PriorityQueue::compareNaturally)));
    }

    /** A priority queue ordered by {@code order}, holding at most {@code maxsize} items. */
    public PriorityQueue(int maxsize, Comparator<? super E> order) {
        super(new LockedQueue<>(maxsize, LockedQueue.heap(Objects.requireNonNull(order, "order"))));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareNaturally(Object a, Object b) {
        if (!(a instanceof Comparable ca)) {
            throw new ClassCastException("PriorityQueue items must be Comparable (or give a Comparator): "
                    + a.getClass().getName());
        }
        return ca.compareTo(b);
    }
}
