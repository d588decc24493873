package io.github.concurrent4j.transport.internal;

import com.esotericsoftware.kryo.io.Input;

import io.github.concurrent4j.transport.SerializationException;

/**
 * Kryo's {@link Input} over one message, refusing every announced length that the rest of the
 * message cannot back, <em>before</em> anything of that length is allocated (JEP 290's
 * {@code maxarray}, made relative to the frame).
 *
 * <p>The rules, checked when a length is read:
 * <ul>
 *   <li>A primitive array, a string, an object array or a map of {@code n} elements needs at
 *       least {@code n} times its smallest element encoding in the bytes that remain (1 byte
 *       for a varint or an object, 2 for a map entry or a {@code char}, 4 or 8 for fixed-size
 *       numbers). A 15-byte message can therefore announce at most 14 elements.</li>
 *   <li>A collection may hold {@code null}s that cost no byte (Kryo's "all elements null"
 *       form), so a collection of {@code n} elements needs {@code n} bytes, less an allowance
 *       of {@value #FREE_ELEMENTS} elements per message.</li>
 *   <li>No length exceeds {@code maxLength} ({@code -Dc4j.serial.maxLength}).</li>
 * </ul>
 *
 * <p>How lengths are recognized: primitive arrays and strings are read by methods of this
 * class, which see their length as an argument; collections, maps and object arrays read
 * their length as the first positive varint of their serializer's {@code read}, so
 * {@link LengthCheckedSerializer} arms this input ({@link #expectLength}) just before it
 * delegates, and the next positive varint is checked as that length.
 *
 * <p>Not thread-safe: one per pooled Kryo.
 */
final class BoundedInput extends Input {
    /** Elements per message that may cost no byte (collections of nulls). */
    static final int FREE_ELEMENTS = 1 << 16;

    private final int maxLength;
    private String armedWhat; // null when no length is expected
    private int armedMinBytes;
    private boolean armedMayBeFree;
    private int freeLeft;

    BoundedInput(int maxLength) {
        this.maxLength = maxLength;
    }

    /** Starts a message. */
    void begin(byte[] buf, int off, int len) {
        setBuffer(buf, off, len);
        armedWhat = null;
        freeLeft = FREE_ELEMENTS;
    }

    /**
     * The next positive varint read is the element count of a {@code what} whose elements take
     * at least {@code minBytes} each ({@code mayBeFree}: or none, within the allowance).
     */
    void expectLength(String what, int minBytes, boolean mayBeFree) {
        armedWhat = what;
        armedMinBytes = minBytes;
        armedMayBeFree = mayBeFree;
    }

    /** Forgets an expected length that was not read. */
    void disarm() {
        armedWhat = null;
    }

    @Override
    public int readVarInt(boolean optimizePositive) {
        int v = super.readVarInt(optimizePositive);
        if (armedWhat != null && optimizePositive) checkArmed(v);
        return v;
    }

    @Override
    public int readVarIntFlag(boolean optimizePositive) {
        int v = super.readVarIntFlag(optimizePositive);
        if (armedWhat != null && optimizePositive) checkArmed(v);
        return v;
    }

    /** Kryo writes lengths plus one (zero is null). */
    private void checkArmed(int lengthPlusOne) {
        String what = armedWhat;
        armedWhat = null;
        if (lengthPlusOne == 0) return;
        long n = lengthPlusOne < 0 ? Integer.toUnsignedLong(lengthPlusOne) - 1 : lengthPlusOne - 1;
        check(n, armedMinBytes, armedMayBeFree, what);
    }

    private void check(long n, int minBytes, boolean mayBeFree, String what) {
        if (n < 0) throw refused(n, what, "a negative length");
        if (n > maxLength) {
            throw refused(n, what, "more than the limit of " + maxLength + " elements (-Dc4j.serial.maxLength)");
        }
        long remaining = limit - position;
        long needed = n * minBytes;
        if (needed <= remaining) return;
        if (mayBeFree && needed - remaining <= freeLeft) {
            freeLeft -= (int) (needed - remaining);
            return;
        }
        throw refused(n, what, "more than the " + remaining + " bytes left in its message can hold (at least "
                + minBytes + " byte" + (minBytes == 1 ? "" : "s") + " each" + (mayBeFree ? ", beyond " + FREE_ELEMENTS
                + " free null elements per message" : "") + ")");
    }

    private static SerializationException refused(long n, String what, String why) {
        return new SerializationException("message announces " + n + " elements of " + what + ": " + why
                + "; refused before allocating");
    }

    @Override
    public byte[] readBytes(int length) {
        check(length, 1, false, "a byte array");
        return super.readBytes(length);
    }

    @Override
    public int[] readInts(int length, boolean optimizePositive) {
        check(length, varEncoding ? 1 : 4, false, "an int array");
        return super.readInts(length, optimizePositive);
    }

    @Override
    public int[] readInts(int length) {
        check(length, 4, false, "an int array");
        return super.readInts(length);
    }

    @Override
    public long[] readLongs(int length, boolean optimizePositive) {
        check(length, varEncoding ? 1 : 8, false, "a long array");
        return super.readLongs(length, optimizePositive);
    }

    @Override
    public long[] readLongs(int length) {
        check(length, 8, false, "a long array");
        return super.readLongs(length);
    }

    @Override
    public float[] readFloats(int length) {
        check(length, 4, false, "a float array");
        return super.readFloats(length);
    }

    @Override
    public double[] readDoubles(int length) {
        check(length, 8, false, "a double array");
        return super.readDoubles(length);
    }

    @Override
    public short[] readShorts(int length) {
        check(length, 2, false, "a short array");
        return super.readShorts(length);
    }

    @Override
    public char[] readChars(int length) {
        check(length, 2, false, "a char array");
        return super.readChars(length);
    }

    @Override
    public boolean[] readBooleans(int length) {
        check(length, 1, false, "a boolean array");
        return super.readBooleans(length);
    }

    @Override
    public String readString() {
        expectLength("a string", 1, false); // UTF-8: at least one byte per char
        try {
            return super.readString();
        } finally {
            armedWhat = null; // an ASCII string carries no length
        }
    }

    @Override
    public StringBuilder readStringBuilder() {
        expectLength("a string", 1, false);
        try {
            return super.readStringBuilder();
        } finally {
            armedWhat = null;
        }
    }
}
