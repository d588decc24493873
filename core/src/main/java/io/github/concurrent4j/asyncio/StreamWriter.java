package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.coroutine.internal.IoHandle;
import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.WaitQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;

/**
 * The equivalent of Python's {@code asyncio.StreamWriter}: the writing side of a connection.
 * {@link #write} never blocks: it sends what the socket takes at once and buffers the rest,
 * which the loop sends in the background; {@link #drain()} is the flow control: it suspends
 * the calling task while more than 64 KiB are buffered, until the buffer is down to 16 KiB
 * (asyncio's default water marks).
 *
 * <p>{@link #close()} closes the connection once the buffer is sent; {@link #waitClosed()}
 * waits for that. Errors are {@link UncheckedIOException}s.
 *
 * <p><b>Thread safety.</b> Used from tasks of its loop.
 *
 * <p><b>Memory consistency effects.</b> None beyond those of the loop.
 */
public final class StreamWriter {
    static final int HIGH_WATER = 64 * 1024, LOW_WATER = 16 * 1024;

    private final EventLoop loop;
    private final Loop rt;
    private final SocketChannel ch;
    private final IoHandle io;
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private long pendingBytes;
    private boolean flusherRunning;
    private boolean closing, closed, eofRequested;
    private UncheckedIOException failure;
    private final WaitQueue drained = new WaitQueue();
    private final WaitQueue closedWaiters = new WaitQueue();

    StreamWriter(EventLoop loop, SocketChannel ch, IoHandle io) {
        this.loop = loop;
        this.rt = loop.rt;
        this.ch = ch;
        this.io = io;
    }

    /** Sends {@code data}, buffering what the socket cannot take now ({@code write(data)}). */
    public void write(byte[] data) {
        Objects.requireNonNull(data, "data");
        write(ByteBuffer.wrap(data));
    }

    /** Sends the remaining bytes of {@code data} (copied if they must be buffered). */
    public void write(ByteBuffer data) {
        if (closing) throw new IllegalStateException("the writer is closing");
        if (failure != null) throw failure;
        if (!data.hasRemaining()) return;
        if (pending.isEmpty()) {
            try {
                ch.write(data);
            } catch (IOException e) {
                failure = new UncheckedIOException("connection lost", e);
                throw failure;
            }
            if (!data.hasRemaining()) return;
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
        pending.addLast(copy);
        pendingBytes += copy.remaining();
        startFlusher();
    }

    /** Writes each buffer in turn ({@code writelines}). */
    public void writeLines(List<byte[]> lines) {
        for (byte[] l : lines) write(l);
    }

    private void startFlusher() {
        if (flusherRunning) return;
        flusherRunning = true;
        rt.schedule(rt.newFiber("stream-flush", this::flush, null));
    }

    private void flush() {
        try {
            while (!pending.isEmpty()) {
                ByteBuffer b = pending.peekFirst();
                int n = ch.write(b);
                pendingBytes -= n;
                if (!b.hasRemaining()) pending.pollFirst();
                else if (n == 0) rt.awaitIo(io, SelectionKey.OP_WRITE, -1);
                if (pendingBytes <= LOW_WATER) drained.wakeAll(rt);
            }
            if (eofRequested && !closing) ch.shutdownOutput();
        } catch (IOException | UncheckedIOException e) {
            failure = e instanceof UncheckedIOException u ? u : new UncheckedIOException("connection lost", (IOException) e);
            pending.clear();
            pendingBytes = 0;
        } catch (RuntimeException e) {
            pending.clear();
            pendingBytes = 0;
        } finally {
            flusherRunning = false;
            drained.wakeAll(rt);
            if (closing) closeNow();
        }
    }

    /**
     * Waits while more than the high-water mark is buffered ({@code await writer.drain()}); throws
     * if the connection was lost.
     */
    public void drain() {
        if (failure != null) throw failure;
        if (pendingBytes > HIGH_WATER) {
            while (pendingBytes > LOW_WATER && failure == null) drained.await(rt, -1, null);
        } else if (closing) {
            rt.yieldNow();
        }
        if (failure != null) throw failure;
    }

    /** Closes the sending side once the buffer is sent ({@code write_eof()}). */
    public void writeEof() {
        if (pending.isEmpty()) {
            try {
                ch.shutdownOutput();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            eofRequested = true;
        }
    }

    /** Whether {@link #writeEof()} is supported (it is, for TCP). */
    public boolean canWriteEof() {
        return true;
    }

    /** Closes the connection once the buffer is sent ({@code close()}); returns at once. */
    public void close() {
        if (closing) return;
        closing = true;
        if (!flusherRunning) closeNow();
    }

    private void closeNow() {
        if (closed) return;
        closed = true;
        rt.closeIo(io);
        closedWaiters.wakeAll(rt);
    }

    /** Whether {@link #close()} was called ({@code is_closing()}). */
    public boolean isClosing() {
        return closing;
    }

    /** Waits until the connection is closed ({@code await writer.wait_closed()}). */
    public void waitClosed() {
        while (!closed) closedWaiters.await(rt, -1, null);
    }

    /** The peer's address ({@code get_extra_info('peername')}). */
    public InetSocketAddress peername() {
        try {
            return (InetSocketAddress) ch.getRemoteAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The local address ({@code get_extra_info('sockname')}). */
    public InetSocketAddress sockname() {
        try {
            return (InetSocketAddress) ch.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The underlying channel ({@code get_extra_info('socket')}; non-blocking, do not block on it). */
    public SocketChannel socket() {
        return ch;
    }

    /** The loop it belongs to. */
    public EventLoop loop() {
        return loop;
    }

    @Override
    public String toString() {
        return "<StreamWriter " + pendingBytes + " bytes buffered" + (closing ? " closing" : "") + ">";
    }
}
