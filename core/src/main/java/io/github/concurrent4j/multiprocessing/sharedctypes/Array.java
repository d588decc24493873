package io.github.concurrent4j.multiprocessing.sharedctypes;

import java.util.Objects;

import io.github.concurrent4j.multiprocessing.synchronize.RLock;
import io.github.concurrent4j.multiprocessing.synchronize.internal.SharedSegment;
import io.github.concurrent4j.transport.Transferable;

/**
 * The equivalent of Python's {@code multiprocessing.Array} and {@code RawArray}: a fixed-length
 * array of a C type in shared memory, seen by every process it is passed to.
 *
 * <pre>{@code
 * Array a = Array.of('d', 10);                      // Array('d', 10): ten zeros
 * Array b = Array.of('i', new int[] {1, 2, 3});     // Array('i', [1, 2, 3])
 * a.set(3, 2.5);  double x = a.getDouble(3);        // a[3] = 2.5; x = a[3]
 * }</pre>
 *
 * <p>Typecodes, atomicity and the lock as {@link Value}: each element read or write is atomic
 * and volatile, a read-modify-write is not unless done under {@link #getLock()} or with
 * {@link #addAndGet}/{@link #compareAndSet}. Elements are laid out as a C array (element
 * {@code i} at {@code i * size}).
 *
 * <p>Thread-safe. Memory consistency effects: as {@link Value}, per element.
 */
public final class Array implements Transferable {
    private final SharedSegment segment;
    private final Cells cells;
    private final RLock lock;

    private Array(char code, int length, RLock lock) {
        if (length < 0) throw new IllegalArgumentException("array length must be >= 0: " + length);
        long bytes = Math.max(8, length * Cells.layoutOf(code).byteSize());
        if (bytes > Integer.MAX_VALUE - 8192) throw new IllegalArgumentException("array of " + length + " '" + code + "' is too large");
        segment = SharedSegment.create(SharedForm.ARRAY, (int) bytes, this);
        cells = new Cells(code, Cells.layoutOf(code), segment.payload(), length);
        this.lock = lock;
    }

    Array(SharedForm form) {
        segment = SharedSegment.attach(form.path(), SharedForm.ARRAY, form.lender(), this);
        long need = form.length() * Cells.layoutOf(form.code()).byteSize();
        if (form.length() < 0 || need > segment.payload().byteSize()) {
            throw new io.github.concurrent4j.transport.SerializationException("array form does not fit its file: " + form.length());
        }
        cells = new Cells(form.code(), Cells.layoutOf(form.code()), segment.payload(), form.length());
        lock = form.lock();
    }

    /** {@code Array(typecode, size)}: {@code size} zeros, with its own {@link RLock}. */
    public static Array of(char typecode, int size) {
        return new Array(typecode, size, new RLock());
    }

    /** {@code Array(typecode, initializer)}: the given numbers (an {@code int[]}, {@code double[]}, {@code long[]} or {@code Number[]}). */
    public static Array of(char typecode, Object initializer) {
        return fill(new Array(typecode, lengthOf(initializer), new RLock()), initializer);
    }

    /** {@code RawArray(typecode, size)}: no lock. */
    public static Array raw(char typecode, int size) {
        return new Array(typecode, size, null);
    }

    /** {@code RawArray(typecode, initializer)}. */
    public static Array raw(char typecode, Object initializer) {
        return fill(new Array(typecode, lengthOf(initializer), null), initializer);
    }

    private static int lengthOf(Object init) {
        Objects.requireNonNull(init, "initializer");
        if (init instanceof Integer n) return n;
        if (!init.getClass().isArray()) throw new IllegalArgumentException("an initializer is a size or an array of numbers, not " + init);
        return java.lang.reflect.Array.getLength(init);
    }

    private static Array fill(Array a, Object init) {
        if (init instanceof Integer) return a;
        for (int i = 0; i < a.length(); i++) a.set(i, (Number) java.lang.reflect.Array.get(init, i));
        return a;
    }

    /** The number of elements (Python's {@code len(a)}). */
    public int length() {
        return cells.length();
    }

    public char typecode() {
        return cells.code();
    }

    /** The lock guarding this array (Python's {@code get_lock()}). @throws IllegalStateException for a raw array */
    public RLock getLock() {
        if (lock == null) throw new IllegalStateException("a RawArray has no lock: make it with Array.of to get one");
        return lock;
    }

    /** Element {@code i}, boxed as its Java type. @throws IndexOutOfBoundsException outside {@code 0..length-1} */
    public Number get(int i) {
        return cells.get(i);
    }

    public void set(int i, Number v) {
        cells.set(i, v);
    }

    public int getInt(int i) {
        return get(i).intValue();
    }

    public long getLong(int i) {
        return get(i).longValue();
    }

    public double getDouble(int i) {
        return get(i).doubleValue();
    }

    /** Atomically adds {@code delta} to element {@code i}; returns the new value. */
    public long addAndGet(int i, long delta) {
        return cells.getAndAdd(i, delta) + delta;
    }

    /** Atomically sets element {@code i} to {@code value} if it is {@code expected}. */
    public boolean compareAndSet(int i, Number expected, Number value) {
        return cells.compareAndSet(i, expected, value);
    }

    /** A copy of the elements (Python's {@code a[:]}). */
    public Number[] toArray() {
        Number[] out = new Number[length()];
        for (int i = 0; i < out.length; i++) out[i] = get(i);
        return out;
    }

    /** The elements as doubles. */
    public double[] toDoubleArray() {
        double[] out = new double[length()];
        for (int i = 0; i < out.length; i++) out[i] = getDouble(i);
        return out;
    }

    /** Releases this process's handle to the shared file (and its lock's) now. */
    public void close() {
        segment.close();
        if (lock != null) lock.close();
    }

    /** For the library's codec: what this array travels as. */
    @Override
    public Transferable.Form transferOut() {
        return new SharedForm(true, segment.path(), segment.lend(), cells.code(), cells.length(), lock);
    }

    @Override
    public String toString() {
        return (lock == null ? "RawArray" : "Array") + "('" + typecode() + "', " + java.util.Arrays.toString(toArray()) + ")";
    }
}
