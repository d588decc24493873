package io.github.concurrent4j.multiprocessing.sharedctypes;

import java.util.Objects;

import io.github.concurrent4j.multiprocessing.synchronize.RLock;
import io.github.concurrent4j.multiprocessing.synchronize.internal.SharedSegment;
import io.github.concurrent4j.transport.Transferable;

/**
 * The equivalent of Python's {@code multiprocessing.Value} and {@code RawValue}: one number of
 * a C type in shared memory, seen by every process it is passed to.
 *
 * <pre>{@code
 * Value counter = Value.of('i', 0);                 // Value('i', 0)
 * try (var _ = counter.getLock().hold()) {         // with counter.get_lock():
 *     counter.set(counter.getInt() + 1);           //     counter.value += 1
 * }
 * counter.incrementAndGet();                       // the same, atomically, without the lock
 * }</pre>
 *
 * <p>Typecodes as Python's {@code array} module ({@code 'i'}, {@code 'd'}, … see {@code Cells}).
 * Each read and write is atomic and volatile; a read-modify-write such as
 * {@code set(get() + 1)} is not, exactly as {@code v.value += 1} is not in Python: do it under
 * {@link #getLock()} or use {@link #incrementAndGet()}/{@link #compareAndSet}, which Python
 * lacks. {@link #raw} is {@code RawValue}: no lock ({@link #getLock()} throws).
 *
 * <pre>
 *  payload offset  field
 *  0               the value (1, 2, 4 or 8 bytes by typecode)
 * </pre>
 *
 * <p>Thread-safe. Memory consistency effects: a write happens-before every read, in any
 * process, that sees it.
 */
public final class Value implements Transferable {
    private final SharedSegment segment;
    private final Cells cells;
    private final RLock lock;

    private Value(char code, Number initial, RLock lock) {
        Cells.layoutOf(code);
        segment = SharedSegment.create(SharedForm.VALUE, 8, this);
        cells = new Cells(code, Cells.layoutOf(code), segment.payload(), 1);
        cells.set(0, Objects.requireNonNull(initial, "initial"));
        this.lock = lock;
    }

    Value(SharedForm form) {
        segment = SharedSegment.attach(form.path(), SharedForm.VALUE, form.lender(), this);
        cells = new Cells(form.code(), Cells.layoutOf(form.code()), segment.payload(), 1);
        lock = form.lock();
    }

    /** {@code Value(typecode, initial)}: a synchronized value with its own {@link RLock}. */
    public static Value of(char typecode, Number initial) {
        return new Value(typecode, initial, new RLock());
    }

    /** {@code Value(typecode, initial, lock=lock)}: a value guarded by the given lock. */
    public static Value of(char typecode, Number initial, RLock lock) {
        return new Value(typecode, initial, Objects.requireNonNull(lock, "lock"));
    }

    /** {@code RawValue(typecode, initial)}: no lock. */
    public static Value raw(char typecode, Number initial) {
        return new Value(typecode, initial, null);
    }

    /** The typecode. */
    public char typecode() {
        return cells.code();
    }

    /** The lock guarding this value (Python's {@code get_lock()}). @throws IllegalStateException for a raw value */
    public RLock getLock() {
        if (lock == null) throw new IllegalStateException("a RawValue has no lock: make it with Value.of to get one");
        return lock;
    }

    /** The value (Python's {@code .value}), boxed as its Java type ({@code Integer} for 'i', …). */
    public Number get() {
        return cells.get(0);
    }

    /** Sets the value, converted to the typecode's type (as a C cast: truncated). */
    public void set(Number v) {
        cells.set(0, v);
    }

    public int getInt() {
        return get().intValue();
    }

    public long getLong() {
        return get().longValue();
    }

    public double getDouble() {
        return get().doubleValue();
    }

    /** Atomically adds {@code delta} (32- and 64-bit integer codes); returns the new value. */
    public long addAndGet(long delta) {
        return cells.getAndAdd(0, delta) + delta;
    }

    /** Atomically adds one; returns the new value. */
    public long incrementAndGet() {
        return addAndGet(1);
    }

    /** Atomically sets {@code value} if the value is {@code expected}; returns whether it did. */
    public boolean compareAndSet(Number expected, Number value) {
        return cells.compareAndSet(0, expected, value);
    }

    /** Releases this process's handle to the shared file (and its lock's) now, rather than when garbage-collected. */
    public void close() {
        segment.close();
        if (lock != null) lock.close();
    }

    /** For the library's codec: what this value travels as. */
    @Override
    public Transferable.Form transferOut() {
        return new SharedForm(false, segment.path(), segment.lend(), cells.code(), 1, lock);
    }

    @Override
    public String toString() {
        return (lock == null ? "RawValue" : "Value") + "('" + typecode() + "', " + get() + ")";
    }
}
