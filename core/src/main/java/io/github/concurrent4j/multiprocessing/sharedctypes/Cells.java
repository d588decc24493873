package io.github.concurrent4j.multiprocessing.sharedctypes;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Typed cells of a shared segment, by Python {@code array}/{@code ctypes} typecode: reads and
 * writes as Java numbers, with volatile semantics (each read sees the latest write of any
 * process), and the atomic operations the hardware has for 32- and 64-bit integers.
 *
 * <pre>
 *  code  C type            Java      bytes   atomics
 *  b B   (un)signed char   byte/int  1       -
 *  c     char (a byte)     byte      1       -
 *  h H   (un)signed short  short/int 2       -
 *  i I   (un)signed int    int/long  4       getAndAdd, compareAndSet
 *  l L   (un)signed long   long      8       getAndAdd, compareAndSet   (LP64: 64 bits)
 *  q Q   long long         long      8       getAndAdd, compareAndSet
 *  f     float             float     4       compareAndSet
 *  d     double            double    8       compareAndSet
 * </pre>
 */
record Cells(char code, ValueLayout layout, MemorySegment seg, int length) {
    static final String CODES = "bBchHiIlLqQfd";

    static ValueLayout layoutOf(char code) {
        return switch (code) {
            case 'b', 'B', 'c' -> ValueLayout.JAVA_BYTE;
            case 'h', 'H' -> ValueLayout.JAVA_SHORT;
            case 'i', 'I' -> ValueLayout.JAVA_INT;
            case 'l', 'L', 'q', 'Q' -> ValueLayout.JAVA_LONG;
            case 'f' -> ValueLayout.JAVA_FLOAT;
            case 'd' -> ValueLayout.JAVA_DOUBLE;
            default -> throw new IllegalArgumentException("unknown typecode '" + code + "': use one of " + CODES
                    + " (Python's array/ctypes codes; 'u' and pointers are not supported)");
        };
    }

    private VarHandle handle() {
        return HANDLES[CODES.indexOf(code)];
    }

    private static final VarHandle[] HANDLES = new VarHandle[CODES.length()];

    static {
        for (int i = 0; i < CODES.length(); i++) HANDLES[i] = layoutOf(CODES.charAt(i)).varHandle();
    }

    private long at(int index) {
        if (index < 0 || index >= length) throw new IndexOutOfBoundsException("index " + index + " out of range for length " + length);
        return index * layout.byteSize();
    }

    Number get(int index) {
        long at = at(index);
        VarHandle h = handle();
        return switch (code) {
            case 'b', 'c' -> (byte) h.getVolatile(seg, at);
            case 'B' -> Byte.toUnsignedInt((byte) h.getVolatile(seg, at));
            case 'h' -> (short) h.getVolatile(seg, at);
            case 'H' -> Short.toUnsignedInt((short) h.getVolatile(seg, at));
            case 'i' -> (int) h.getVolatile(seg, at);
            case 'I' -> Integer.toUnsignedLong((int) h.getVolatile(seg, at));
            case 'f' -> (float) h.getVolatile(seg, at);
            case 'd' -> (double) h.getVolatile(seg, at);
            default -> (long) h.getVolatile(seg, at);
        };
    }

    void set(int index, Number v) {
        long at = at(index);
        VarHandle h = handle();
        switch (code) {
            case 'b', 'B', 'c' -> h.setVolatile(seg, at, v.byteValue());
            case 'h', 'H' -> h.setVolatile(seg, at, v.shortValue());
            case 'i', 'I' -> h.setVolatile(seg, at, v.intValue());
            case 'f' -> h.setVolatile(seg, at, v.floatValue());
            case 'd' -> h.setVolatile(seg, at, v.doubleValue());
            default -> h.setVolatile(seg, at, v.longValue());
        }
    }

    long getAndAdd(int index, long delta) {
        long at = at(index);
        return switch (code) {
            case 'i' -> (int) handle().getAndAdd(seg, at, (int) delta);
            case 'I' -> Integer.toUnsignedLong((int) handle().getAndAdd(seg, at, (int) delta));
            case 'l', 'L', 'q', 'Q' -> (long) handle().getAndAdd(seg, at, delta);
            default -> throw noAtomic("getAndAdd");
        };
    }

    boolean compareAndSet(int index, Number expected, Number value) {
        long at = at(index);
        return switch (code) {
            case 'i', 'I' -> handle().compareAndSet(seg, at, expected.intValue(), value.intValue());
            case 'l', 'L', 'q', 'Q' -> handle().compareAndSet(seg, at, expected.longValue(), value.longValue());
            case 'f' -> handle().compareAndSet(seg, at, expected.floatValue(), value.floatValue());
            case 'd' -> handle().compareAndSet(seg, at, expected.doubleValue(), value.doubleValue());
            default -> throw noAtomic("compareAndSet");
        };
    }

    private UnsupportedOperationException noAtomic(String op) {
        throw new UnsupportedOperationException(op + " needs a 32- or 64-bit cell; typecode '" + code
                + "' is narrower: use the lock (getLock()) instead");
    }
}
