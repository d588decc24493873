package io.github.concurrent4j.multiprocessing.managers;

import java.util.List;

/**
 * The equivalent of Python's {@code ListProxy} ({@code Manager().list()}): a
 * {@link java.util.List} whose elements live in the manager's process.
 *
 * <p>Each method is one atomic operation on the server ({@code add} is Python's {@code append},
 * {@code addAll} its {@code extend}, {@code remove(int)} its {@code pop(i)}). Iterators, list
 * iterators and {@link #subList} work on a snapshot taken in one call (Python iterates a
 * list proxy index by index, which is neither atomic nor fast); to change elements, use the
 * list's own methods. {@link #sort} with a serializable comparator (or {@code null}) and
 * {@link #replaceAll} with a serializable operator run on the server; others run here in an
 * optimistic copy-and-compare-and-set loop. Elements are copied in and out; a proxy stored as
 * an element stays a proxy.
 *
 * <p>Thread-safe. Memory consistency effects: actions in a thread before a call that changes the
 * list happen-before the actions after a later call, in any process, that observes the change.
 *
 * @param <E> the elements
 */
public interface ListProxy<E> extends List<E> {
    /** How many elements equal {@code o}: Python's {@code count}. */
    int count(Object o);

    /** Reverses the list in place: Python's {@code reverse()}. */
    void reverse();

    /** A plain copy of the list. */
    List<E> copy();
}
