package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.coroutine.internal.IoHandle;
import io.github.concurrent4j.coroutine.internal.Loop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * The equivalent of Python's {@code asyncio.StreamReader}: the reading side of a connection
 * from {@link Asyncio#openConnection} or {@link Asyncio#startServer}. Every read suspends only
 * the calling task until data (or the end of the stream) is there.
 *
 * <p>Data are read from the socket into a buffer of the reader, in non-blocking mode; when
 * nothing is there, the task waits for readability on the loop's selector. {@link #read(int)}
 * returns an empty array at end of stream, as Python's returns {@code b""}. Errors are
 * {@link UncheckedIOException}s (Python's {@code ConnectionError}s).
 *
 * <p><b>Thread safety.</b> Used from tasks of its loop; one task reads at a time.
 *
 * <p><b>Memory consistency effects.</b> None beyond those of the loop.
 */
public final class StreamReader {
    /** The default limit of {@link #readLine} and {@link #readUntil}: 64 KiB, as in asyncio. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private final Loop rt;
    private final SocketChannel ch;
    private final IoHandle io;
    private final int limit;
    private ByteBuffer buf = ByteBuffer.allocate(DEFAULT_LIMIT);   // data between position 0 and limit (read mode)
    private boolean eof;

    StreamReader(Loop rt, SocketChannel ch, IoHandle io, int limit) {
        this.rt = rt;
        this.ch = ch;
        this.io = io;
        this.limit = limit;
        buf.flip();
    }

    /**
     * Reads up to {@code n} bytes, waiting until at least one is there; -1 reads to the end of
     * the stream. An empty array means end of stream ({@code read(n)}).
     */
    public byte[] read(int n) {
        if (n == 0) return new byte[0];
        if (n < 0) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            while (fill()) {
                all.write(buf.array(), buf.position(), buf.remaining());
                buf.position(buf.limit());
            }
            all.write(buf.array(), buf.position(), buf.remaining());
            buf.position(buf.limit());
            return all.toByteArray();
        }
        if (!buf.hasRemaining() && !eof) fill();
        int k = Math.min(n, buf.remaining());
        byte[] out = new byte[k];
        buf.get(out);
        return out;
    }

    /**
     * Reads exactly {@code n} bytes ({@code readexactly}).
     *
     * @throws IncompleteReadException if the stream ends first
     */
    public byte[] readExactly(int n) {
        if (n < 0) throw new IllegalArgumentException("readExactly size can not be less than zero: " + n);
        while (buf.remaining() < n) {
            if (!fill()) {
                byte[] partial = new byte[buf.remaining()];
                buf.get(partial);
                throw new IncompleteReadException(partial, n);
            }
        }
        byte[] out = new byte[n];
        buf.get(out);
        return out;
    }

    /**
     * Reads up to and including a {@code \n} ({@code readline()}); at end of stream, returns
     * what is left (possibly empty).
     *
     * @throws LimitOverrunException if no newline comes within the limit
     */
    public byte[] readLine() {
        try {
            return readUntil(new byte[] {'\n'});
        } catch (IncompleteReadException e) {
            return e.partial();
        }
    }

    /**
     * Reads up to and including {@code separator} ({@code readuntil}).
     *
     * @throws IncompleteReadException if the stream ends first
     * @throws LimitOverrunException  if the separator is not found within the limit
     */
    public byte[] readUntil(byte[] separator) {
        Objects.requireNonNull(separator, "separator");
        if (separator.length == 0) throw new IllegalArgumentException("Separator should be at least one-byte string");
        int searchFrom = 0;
        for (;;) {
            int at = indexOf(separator, searchFrom);
            if (at >= 0) {
                byte[] out = new byte[at + separator.length];
                buf.get(out);
                return out;
            }
            if (buf.remaining() > limit) {
                throw new LimitOverrunException("Separator is not found, and chunk exceed the limit");
            }
            searchFrom = Math.max(0, buf.remaining() - separator.length + 1);
            if (!fill()) {
                byte[] partial = new byte[buf.remaining()];
                buf.get(partial);
                throw new IncompleteReadException(partial, -1);
            }
        }
    }

    private int indexOf(byte[] sep, int from) {
        byte[] a = buf.array();
        int base = buf.position(), n = buf.remaining();
        outer:
        for (int i = from; i + sep.length <= n; i++) {
            for (int j = 0; j < sep.length; j++) if (a[base + i + j] != sep[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** Whether the stream has ended and the buffer is empty ({@code at_eof()}). */
    public boolean atEof() {
        return eof && !buf.hasRemaining();
    }

    /** Reads more data into the buffer, waiting as needed; false at end of stream. */
    private boolean fill() {
        if (eof) return false;
        buf.compact();   // write mode
        if (!buf.hasRemaining()) buf = ByteBuffer.allocate(buf.capacity() * 2).put(buf.flip());
        try {
            for (;;) {
                int r = ch.read(buf);
                if (r > 0) return true;
                if (r < 0) {
                    eof = true;
                    return false;
                }
                rt.awaitIo(io, SelectionKey.OP_READ, -1);
            }
        } catch (IOException e) {
            eof = true;
            throw new UncheckedIOException(e);
        } finally {
            buf.flip();
        }
    }

    @Override
    public String toString() {
        return "<StreamReader " + buf.remaining() + " bytes" + (eof ? " eof" : "") + ">";
    }
}
