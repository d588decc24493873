package io.github.concurrent4j.multiprocessing.managers;

import io.github.concurrent4j.function.SerializableFunction;

/**
 * The equivalent of Python's {@code ValueProxy} ({@code Manager().Value(typecode, value)}):
 * one shared value, with {@link #get()} and {@link #set} as in Python, and the atomic updates
 * of {@link java.util.concurrent.atomic.AtomicLong} that Python lacks ({@code v.value += 1} on
 * a Python value proxy is a read then a write, and loses updates).
 *
 * <p>The value keeps its type: {@code manager.value(0)} holds an {@link Integer} and
 * {@link #incrementAndGet()} returns one (an overflow throws {@link ArithmeticException} on the
 * caller's side, where Python would grow the integer). The arithmetic methods need a numeric
 * value and throw {@link UnsupportedOperationException} otherwise.
 *
 * <p>Thread-safe; each method is one atomic operation on the server. Memory consistency
 * effects: as {@link java.util.concurrent.atomic.AtomicLong}'s, across processes.
 *
 * @param <T> the value's type
 */
public interface ValueProxy<T> {
    T get();

    void set(T value);

    T getAndSet(T value);

    /** Sets {@code update} if the value equals {@code expect}; returns whether it did. */
    boolean compareAndSet(T expect, T update);

    /** Adds {@code delta} and returns the new value. */
    T addAndGet(long delta);

    /** Adds {@code delta} and returns the old value. */
    T getAndAdd(long delta);

    default T incrementAndGet() {
        return addAndGet(1);
    }

    default T decrementAndGet() {
        return addAndGet(-1);
    }

    /** Applies {@code update} on the server, atomically, and returns the new value. */
    T updateAndGet(SerializableFunction<? super T, ? extends T> update);
}
