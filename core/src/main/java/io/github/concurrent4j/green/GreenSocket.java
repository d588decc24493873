package io.github.concurrent4j.green;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.coroutine.internal.IoHandle;
import io.github.concurrent4j.coroutine.internal.Loop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * The equivalent of Python's {@code gevent.socket.socket} (what {@code socket.socket} becomes
 * after {@code monkey.patch_all()}) for TCP: a socket whose blocking operations suspend only
 * the calling greenlet.
 *
 * <p>Under the hood the channel is in non-blocking mode; an operation first tries at once,
 * and only when the kernel has nothing to give (or no room to take) does the greenlet wait
 * for readiness on its hub's {@link java.nio.channels.Selector}, which the hub polls between
 * greenlet steps and waits on when nothing else is runnable. See {@code docs/green.md}.
 *
 * <p>{@link #recv} returns an empty array at end of stream and {@link #recvInto} returns 0,
 * as in Python. Errors are {@link UncheckedIOException}s; a timeout set with
 * {@link #setTimeout} raises one caused by {@link SocketTimeoutException} (Python's
 * {@code socket.timeout}).
 *
 * <p><b>Thread safety.</b> Belongs to the hub of the greenlet that made it; at most one
 * greenlet may wait to read and one to write at a time (a second gets an
 * {@link IllegalStateException}, as gevent refuses a second reader).
 *
 * <p><b>Memory consistency effects.</b> None beyond the hub's baton.
 */
public final class GreenSocket implements AutoCloseable {
    private final Loop loop;
    private final SocketChannel ch;
    private final IoHandle io;
    private long timeoutNanos = -1;

    GreenSocket(Loop loop, SocketChannel ch) {
        this.loop = loop;
        this.ch = ch;
        try {
            ch.configureBlocking(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.io = loop.ioHandle(ch);
    }

    /** Connects to {@code host:port} ({@code gevent.socket.create_connection}). */
    public static GreenSocket connect(String host, int port) {
        return connect(new InetSocketAddress(host, port), null);
    }

    /** Connects to {@code address}, waiting at most {@code timeout} (null: no limit). */
    public static GreenSocket connect(InetSocketAddress address, Duration timeout) {
        Objects.requireNonNull(address, "address");
        Loop loop = Hub.get().loop;
        SocketChannel ch;
        try {
            ch = SocketChannel.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GreenSocket s = new GreenSocket(loop, ch);
        boolean ok = false;
        try {
            s.setTcpNoDelay(true);
            if (!ch.connect(address)) {
                long t = timeout == null ? -1 : Timeouts.toNanos(timeout);
                while (!ch.finishConnect()) {
                    if (!loop.awaitIo(s.io, SelectionKey.OP_CONNECT, t)) {
                        throw new UncheckedIOException(new SocketTimeoutException("connect to " + address + " timed out"));
                    }
                }
            }
            ok = true;
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + address, e);
        } finally {
            if (!ok) s.close();
        }
    }

    /** Sets the timeout of every blocking operation ({@code settimeout}); null means none. */
    public GreenSocket setTimeout(Duration timeout) {
        this.timeoutNanos = timeout == null ? -1 : Timeouts.toNanos(timeout);
        return this;
    }

    /** Turns Nagle's algorithm off ({@code TCP_NODELAY}) or on. */
    public GreenSocket setTcpNoDelay(boolean on) {
        return setOption(StandardSocketOptions.TCP_NODELAY, on);
    }

    /** Sets a socket option ({@code setsockopt}). */
    public <T> GreenSocket setOption(SocketOption<T> option, T value) {
        try {
            ch.setOption(option, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Reads what is available, waiting until at least one byte is (or the peer closed), into
     * {@code dst}; returns the number of bytes read, 0 at end of stream ({@code recv_into}).
     */
    public int recvInto(ByteBuffer dst) {
        if (!dst.hasRemaining()) throw new IllegalArgumentException("buffer has no room");
        try {
            for (;;) {
                int n = ch.read(dst);
                if (n > 0) return n;
                if (n < 0) return 0;
                waitFor(SelectionKey.OP_READ, "recv");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads up to {@code max} bytes; an empty array means end of stream ({@code recv}). */
    public byte[] recv(int max) {
        if (max <= 0) throw new IllegalArgumentException("max must be positive: " + max);
        ByteBuffer b = ByteBuffer.allocate(max);
        int n = recvInto(b);
        return n == max ? b.array() : Arrays.copyOf(b.array(), n);
    }

    /** Writes some of {@code src}, waiting until at least one byte fits; returns how many ({@code send}). */
    public int send(ByteBuffer src) {
        if (!src.hasRemaining()) return 0;
        try {
            for (;;) {
                int n = ch.write(src);
                if (n > 0) return n;
                waitFor(SelectionKey.OP_WRITE, "send");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes all of {@code src}, waiting as needed ({@code sendall}). */
    public void sendAll(ByteBuffer src) {
        while (src.hasRemaining()) send(src);
    }

    /** Writes all of {@code data} ({@code sendall}). */
    public void sendAll(byte[] data) {
        sendAll(ByteBuffer.wrap(data));
    }

    private void waitFor(int op, String what) {
        if (!loop.awaitIo(io, op, timeoutNanos)) {
            throw new UncheckedIOException(new SocketTimeoutException(what + " timed out"));
        }
    }

    /** Shuts the sending side down, so that the peer reads end of stream ({@code shutdown(SHUT_WR)}). */
    public void shutdownOutput() {
        try {
            ch.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The local address ({@code getsockname}). */
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) ch.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The peer's address ({@code getpeername}). */
    public InetSocketAddress remoteAddress() {
        try {
            return (InetSocketAddress) ch.getRemoteAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The underlying channel (non-blocking; do not block on it in a greenlet). */
    public SocketChannel channel() {
        return ch;
    }

    /** Whether the socket is open. */
    public boolean isOpen() {
        return ch.isOpen();
    }

    /**
     * Closes the socket; a greenlet waiting on it gets an {@link UncheckedIOException}. Must be
     * called from the socket's hub (the channel is closed at once either way).
     */
    @Override
    public void close() {
        Closing.closeFrom(loop, io, ch);
    }

    @Override
    public String toString() {
        return "GreenSocket[" + ch + "]";
    }

    /** Closing helper shared with {@link GreenServerSocket}. */
    static final class Closing {
        private Closing() {}

        static void closeFrom(Loop loop, IoHandle io, java.nio.channels.Channel ch) {
            io.github.concurrent4j.coroutine.internal.Fiber f = Loop.currentFiber();
            if (f != null && f.loop() == loop && !loop.isClosed()) {
                loop.closeIo(io);
            } else {
                try {
                    ch.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
