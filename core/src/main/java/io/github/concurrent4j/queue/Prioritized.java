package io.github.concurrent4j.queue;

import java.util.Objects;

/**
 * The equivalent of the {@code (priority, item)} tuples that Python programs put into a
 * {@code queue.PriorityQueue}, ordered the way Python orders those tuples.
 *
 * <pre>{@code
 * PriorityQueue<Prioritized<String>> pq = new PriorityQueue<>();
 * pq.put(Prioritized.of(10, "henry"));
 * pq.put(Prioritized.of(6, "echo"));
 * pq.put(Prioritized.of(10, "dean"));
 * pq.get();   // (6, echo), then (10, dean), then (10, henry)
 * }</pre>
 *
 * <p>Ordering, as Python's tuple comparison: the lower priority first; for equal priorities
 * the items decide, in their natural order ({@code "dean"} before {@code "henry"}). Ties:
 * entries with equal priorities and equal items (by {@code equals}) compare as equal, and a
 * {@link PriorityQueue} hands equal entries out in the order they were put (Python leaves that
 * order unspecified). Items of equal priority that are unequal and not {@link Comparable}
 * with each other cannot be ordered: comparing them throws {@link ClassCastException}, as
 * Python raises {@code TypeError} ({@code '<' not supported}); the {@code put} that needed the
 * comparison fails and leaves the queue unchanged. Give such items distinct priorities, or
 * make them comparable.
 *
 * <p>Immutable if the item is; thread-safe to share after construction.
 *
 * @param priority the priority: lower comes out first
 * @param item     the payload, compared only when priorities are equal
 * @param <T>      the payload type
 */
public record Prioritized<T>(long priority, T item) implements Comparable<Prioritized<T>> {
    /** Python's {@code (priority, item)}. */
    public static <T> Prioritized<T> of(long priority, T item) {
        return new Prioritized<>(priority, item);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int compareTo(Prioritized<T> other) {
        int c = Long.compare(priority, other.priority);
        if (c != 0 || Objects.equals(item, other.item)) {
            return c;
        }
        if (item instanceof Comparable mine && other.item != null) {
            return mine.compareTo(other.item);
        }
        throw new ClassCastException("cannot order items of equal priority " + priority + ": '<' not supported between "
                + typeName(item) + " and " + typeName(other.item)
                + " (give them distinct priorities, or make the items Comparable)");
    }

    private static String typeName(Object o) {
        return o == null ? "null" : o.getClass().getName();
    }

    /** {@code (10, henry)}, as Python prints the tuple (without quotes). */
    @Override
    public String toString() {
        return "(" + priority + ", " + item + ")";
    }
}
