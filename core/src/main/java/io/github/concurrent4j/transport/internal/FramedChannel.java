package io.github.concurrent4j.transport.internal;

import io.github.concurrent4j.internal.Config;

import io.github.concurrent4j.Timeouts;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

import io.github.concurrent4j.InterruptedRuntimeException;

import io.github.concurrent4j.transport.FrameTooLargeException;

/**
 * Length-prefixed frames over a stream socket (Unix-domain or TCP): the wire under
 * {@code Listener}/{@code Client} connections and the control link between a parent and
 * its child JVMs.
 *
 * <pre>
 *   +----------------+---------------------------+
 *   | length: u32 BE |  payload (length bytes)   |     length &lt;= maxFrame
 *   +----------------+---------------------------+
 * </pre>
 *
 * A frame whose header announces more than {@link #maxFrame()} bytes is refused from the
 * header alone ({@link FrameTooLargeException}) and the channel is closed, since the stream
 * can no longer be trusted to be in step. Before authentication the limit is tiny, so an
 * unauthenticated peer cannot make us allocate.
 *
 * <p>The socket is non-blocking with a private selector per direction: a read that finds
 * data costs one system call, waiting costs a second, and waits can time out (which a
 * blocking Unix-domain channel cannot do). One thread may read while another writes;
 * concurrent readers (or writers) are serialized.
 */
public final class FramedChannel implements AutoCloseable {
    /**
     * The largest message any concurrent4j channel accepts once its peer is authenticated:
     * {@code -Dc4j.maxFrameBytes}, 256 MiB by default (a bound, not an allocation).
     */
    public static final int MAX_FRAME = Config.intValue(Config.Setting.MAX_FRAME_BYTES, 256 << 20, 1024);

    /**
     * How long a reader that finds nothing re-reads before it sleeps in the selector: about a
     * round trip to a peer that answers at once. Waking a thread that slept costs 30–60 µs on
     * this machine's idle cores (a manager call over a socket took 75 µs, of which the work was
     * 5), and a request answered within the spin never pays it (BENCHMARKS.md, "Managers").
     */
    static final long SPIN_NANOS = 20_000;

    private final SocketChannel channel;
    private final Selector readSelector;
    private final Selector writeSelector;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024).flip();
    private final ByteBuffer header = ByteBuffer.allocateDirect(4);
    private volatile int maxFrame;
    private volatile boolean closed;

    public FramedChannel(SocketChannel channel, int maxFrame) throws IOException {
        this.channel = channel;
        this.maxFrame = checkLimit(maxFrame);
        channel.configureBlocking(false);
        readSelector = Selector.open();
        writeSelector = Selector.open();
        channel.register(readSelector, SelectionKey.OP_READ);
        channel.register(writeSelector, SelectionKey.OP_WRITE);
    }

    public int maxFrame() {
        return maxFrame;
    }

    /** Raises (after authentication) or lowers the frame limit. */
    public void setMaxFrame(int limit) {
        maxFrame = checkLimit(limit);
    }

    private static int checkLimit(int limit) {
        if (limit <= 0) throw new IllegalArgumentException("frame limit must be positive: " + limit);
        return limit;
    }

    public SocketChannel channel() {
        return channel;
    }

    /** Writes one frame; blocks until the kernel has taken all of it. */
    public void write(byte[] payload, int off, int len) throws IOException {
        if (len > maxFrame) throw new FrameTooLargeException(maxFrame, len);
        writeLock.lock();
        try {
            header.clear();
            header.putInt(len).flip();
            ByteBuffer body = ByteBuffer.wrap(payload, off, len);
            ByteBuffer[] both = {header, body};
            while (body.hasRemaining() || header.hasRemaining()) {
                if (channel.write(both) == 0) awaitWritable();
            }
        } finally {
            writeLock.unlock();
        }
    }

    public void write(byte[] payload) throws IOException {
        write(payload, 0, payload.length);
    }

    /**
     * Reads one whole frame; blocks until it has arrived. The array grows with the bytes that
     * arrive (doubling from {@link #ALLOCATION_STEP}), so a header announcing a large frame
     * reserves nothing until its payload comes.
     */
    public byte[] read() throws IOException {
        readLock.lock();
        try {
            return readPayload(readHeader());
        } finally {
            readLock.unlock();
        }
    }

    /** How much a read allocates ahead of the bytes it has received. */
    static final int ALLOCATION_STEP = 1 << 20;

    private byte[] readPayload(int len) throws IOException {
        byte[] out = new byte[Math.min(len, Math.max(ALLOCATION_STEP, in.remaining()))];
        int have = 0;
        while (true) {
            readFully(out, have, out.length - have);
            have = out.length;
            if (have == len) return out;
            out = java.util.Arrays.copyOf(out, (int) Math.min(len, 2L * have));
        }
    }

    /**
     * Reads one frame into {@code target} at {@code off} if it fits, returning its length; if it
     * does not fit, reads it into a new array and returns {@code -1 - length} with the array in
     * {@code overflow[0]} (Python's {@code BufferTooShort} carries the message the same way).
     */
    public int readInto(byte[] target, int off, byte[][] overflow) throws IOException {
        readLock.lock();
        try {
            int len = readHeader();
            if (len <= target.length - off) {
                readFully(target, off, len);
                return len;
            }
            overflow[0] = readPayload(len);
            return -1 - len;
        } finally {
            readLock.unlock();
        }
    }

    /** Whether a frame (or end-of-stream) can be read without waiting longer than {@code timeout}. */
    public boolean poll(Duration timeout) throws IOException {
        long deadline = deadline(timeout);
        readLock.lock();
        try {
            if (in.hasRemaining()) return true;
            while (true) {
                int n = fill();
                if (n != 0) return true; // data, or -1: end of stream is readable too
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                select(readSelector, left);
            }
        } finally {
            readLock.unlock();
        }
    }

    private int readHeader() throws IOException {
        ensure(4);
        int len = in.getInt();
        if (len < 0 || len > maxFrame) {
            close();
            throw new FrameTooLargeException(maxFrame, Integer.toUnsignedLong(len));
        }
        return len;
    }

    private void readFully(byte[] dst, int off, int len) throws IOException {
        int fromBuffer = Math.min(len, in.remaining());
        in.get(dst, off, fromBuffer);
        ByteBuffer rest = ByteBuffer.wrap(dst, off + fromBuffer, len - fromBuffer);
        while (rest.hasRemaining()) {
            int n = channel.read(rest);
            if (n < 0) throw new EOFException("peer closed the connection in the middle of a frame");
            if (n == 0) select(readSelector, Long.MAX_VALUE);
        }
    }

    /** Makes sure {@code n} bytes are buffered. */
    private void ensure(int n) throws IOException {
        long spinEnd = 0;
        while (in.remaining() < n) {
            int got = fill();
            if (got < 0) {
                if (in.hasRemaining()) throw new EOFException("peer closed the connection in the middle of a frame");
                throw new EOFException("peer closed the connection");
            }
            if (got == 0) {
                long now = System.nanoTime();
                if (spinEnd == 0) spinEnd = now + SPIN_NANOS;
                if (now - spinEnd < 0) {
                    Thread.onSpinWait();
                    continue;
                }
                select(readSelector, Long.MAX_VALUE);
            }
        }
    }

    /** Reads what is available into the buffer without blocking: bytes read, 0, or -1 at end of stream. */
    private int fill() throws IOException {
        if (closed) throw new java.nio.channels.ClosedChannelException();
        in.compact();
        try {
            return channel.read(in);
        } finally {
            in.flip();
        }
    }

    private void awaitWritable() throws IOException {
        select(writeSelector, Long.MAX_VALUE);
    }

    private void select(Selector selector, long nanos) throws IOException {
        if (closed) throw new java.nio.channels.ClosedChannelException();
        long millis = nanos == Long.MAX_VALUE ? 0 : Math.max(1, (nanos + 999_999) / 1_000_000);
        try {
            selector.select(millis);
            selector.selectedKeys().clear();
        } catch (java.nio.channels.ClosedSelectorException e) {
            throw new java.nio.channels.ClosedChannelException(); // closed by another thread (or a deadline)
        }
        if (Thread.interrupted()) throw new InterruptedRuntimeException("interrupted while waiting on a connection");
    }

    private static long deadline(Duration timeout) {
        long t = Timeouts.toNanos(timeout);
        long now = System.nanoTime();
        long nanos = Math.min(t, Long.MAX_VALUE / 2);
        return now + nanos;
    }

    public boolean isOpen() {
        return !closed;
    }

    /** Closes the socket; threads blocked reading or writing wake with an exception. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing: nothing left to do with the error
        }
        readSelector.wakeup();
        writeSelector.wakeup();
        closeQuietly(readSelector);
        closeQuietly(writeSelector);
    }

    private static void closeQuietly(Selector s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing: nothing left to do with the error
        }
    }
}
