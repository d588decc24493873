package io.github.concurrent4j.multiprocessing.managers;

import java.util.List;

/**
 * The equivalent of Python's {@code ArrayProxy} ({@code Manager().Array(typecode, sequence)}):
 * a fixed-length shared array. The element type is that of the initial elements (Python's
 * typecode); {@link #set} refuses an element of another class with {@link ClassCastException}
 * and an index out of range with {@link IndexOutOfBoundsException}.
 *
 * <p>Thread-safe; each method is one atomic operation on the server. Memory consistency
 * effects: actions before a {@code set} happen-before the actions after a {@code get} that
 * returns what it set.
 *
 * @param <T> the element type
 */
public interface ArrayProxy<T> {
    /** The length: Python's {@code len(a)}. */
    int length();

    T get(int index);

    void set(int index, T value);

    /** A copy of the elements: Python's {@code list(a)} or {@code a[:]}. */
    List<T> toList();
}
