package io.github.concurrent4j.transport;

import java.util.Arrays;

/**
 * A growable byte buffer that a {@link Codec} encodes into. It exposes its backing array so
 * that a transport can copy the encoding out without another copy; it is reused between
 * messages by one thread at a time (it is not thread-safe).
 */
public final class ByteSink {
    private byte[] array;
    private int length;

    public ByteSink() {
        this(256);
    }

    public ByteSink(int initialCapacity) {
        if (initialCapacity < 0) throw new IllegalArgumentException("initialCapacity < 0: " + initialCapacity);
        array = new byte[initialCapacity];
    }

    /** The backing array; bytes {@code [0, length())} are the content. */
    public byte[] array() {
        return array;
    }

    public int length() {
        return length;
    }

    public void clear() {
        length = 0;
    }

    /** Makes room for {@code n} more bytes and returns the offset at which to write them. */
    public int reserve(int n) {
        int at = length;
        int need = at + n;
        if (need < 0) throw new FrameTooLargeException(Integer.MAX_VALUE, (long) at + n);
        if (need > array.length) array = Arrays.copyOf(array, Math.max(need, Math.min(Integer.MAX_VALUE - 8, array.length * 2)));
        length = need;
        return at;
    }

    public void write(int b) {
        int at = reserve(1);
        array[at] = (byte) b;
    }

    public void write(byte[] src, int off, int len) {
        int at = reserve(len); // may replace the array: take the offset first
        System.arraycopy(src, off, array, at, len);
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(array, length);
    }
}
