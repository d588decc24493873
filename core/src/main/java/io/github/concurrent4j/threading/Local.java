package io.github.concurrent4j.threading;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The equivalent of Python's {@code threading.local}: a variable with a separate value in each
 * thread. A thread sees only the value it set itself.
 *
 * <pre>{@code
 * static final Local<Integer> money = new Local<>();
 * // in each thread:
 * money.set(0);                       // local.money = 0
 * money.set(money.get() + n);         // local.money += n
 * }</pre>
 *
 * <p>A Python {@code local} is a bag of attributes; a {@code Local} holds one typed value, so
 * several attributes are several {@code Local}s (or one {@code Local} of a record). Reading a
 * value that the thread never set throws {@link NoSuchElementException}, as Python raises
 * {@code AttributeError}, unless the local was made with {@link #withInitial}, which plays the
 * part of a Python {@code local} subclass's {@code __init__} (run once per thread, on first
 * use). Values are kept in a {@link ThreadLocal}, so they work in virtual threads too and go
 * away with their thread.
 *
 * <p>Thread-safe by construction: no value is shared. Memory consistency effects: none
 * between threads (each thread reads only its own writes).
 */
public final class Local<T> {
    private static final Object UNSET = new Object();
    private final ThreadLocal<Object> values;

    /** A local with no value in any thread until that thread sets one. */
    public Local() {
        this.values = ThreadLocal.withInitial(() -> UNSET);
    }

    private Local(Supplier<? extends T> initial) {
        this.values = ThreadLocal.withInitial(initial::get);
    }

    /** A local whose value in each thread starts as {@code initial.get()}, called on first use. */
    public static <T> Local<T> withInitial(Supplier<? extends T> initial) {
        return new Local<>(Objects.requireNonNull(initial, "initial"));
    }

    /**
     * This thread's value.
     *
     * @throws NoSuchElementException if this thread has not set one
     */
    @SuppressWarnings("unchecked")
    public T get() {
        Object v = values.get();
        if (v == UNSET) {
            throw new NoSuchElementException("this Local has no value in thread " + Thread.currentThread().getName());
        }
        return (T) v;
    }

    /** Sets this thread's value. */
    public void set(T value) {
        values.set(value);
    }

    /** Whether this thread has a value (Python's {@code hasattr(local, name)}). */
    public boolean isSet() {
        return values.get() != UNSET;
    }

    /** Removes this thread's value (Python's {@code del local.name}). */
    public void remove() {
        values.remove();
    }

    @Override
    public String toString() {
        return "Local[" + (isSet() ? String.valueOf(values.get()) : "unset") + " in " + Thread.currentThread().getName() + "]";
    }
}
