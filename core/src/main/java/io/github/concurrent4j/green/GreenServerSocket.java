package io.github.concurrent4j.green;

import io.github.concurrent4j.coroutine.internal.IoHandle;
import io.github.concurrent4j.coroutine.internal.Loop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * The equivalent of a listening Python socket under gevent ({@code socket.socket()} +
 * {@code bind} + {@code listen}, patched): {@link #accept()} suspends only the calling
 * greenlet.
 *
 * <p><b>Thread safety.</b> Belongs to the hub of the greenlet that made it.
 *
 * <p><b>Memory consistency effects.</b> None beyond the hub's baton.
 */
public final class GreenServerSocket implements AutoCloseable {
    private final Loop loop;
    private final ServerSocketChannel ch;
    private final IoHandle io;

    private GreenServerSocket(Loop loop, ServerSocketChannel ch) {
        this.loop = loop;
        this.ch = ch;
        this.io = loop.ioHandle(ch);
    }

    /**
     * Binds to {@code address} (port 0: an ephemeral port) and listens with {@code backlog}
     * pending connections ({@code bind} + {@code listen(backlog)}); address reuse is on.
     */
    public static GreenServerSocket bind(InetSocketAddress address, int backlog) {
        Objects.requireNonNull(address, "address");
        if (backlog <= 0) throw new IllegalArgumentException("backlog must be positive: " + backlog);
        Loop loop = Hub.get().loop;
        try {
            ServerSocketChannel ch = ServerSocketChannel.open();
            try {
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                ch.bind(address, backlog);
                ch.configureBlocking(false);
                return new GreenServerSocket(loop, ch);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
    }

    /** Waits for a connection and returns it ({@code accept}); TCP_NODELAY is set on it. */
    public GreenSocket accept() {
        try {
            for (;;) {
                SocketChannel c = ch.accept();
                if (c != null) return wrap(c);
                loop.awaitIo(io, SelectionKey.OP_ACCEPT, -1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Accepts a pending connection if there is one, without waiting. */
    GreenSocket acceptNowait() {
        try {
            SocketChannel c = ch.accept();
            return c == null ? null : wrap(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private GreenSocket wrap(SocketChannel c) throws IOException {
        c.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return new GreenSocket(loop, c);
    }

    /** The bound address ({@code getsockname}). */
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) ch.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bound port. */
    public int port() {
        return localAddress().getPort();
    }

    /** Whether it is open. */
    public boolean isOpen() {
        return ch.isOpen();
    }

    /** Stops listening; a greenlet waiting in {@link #accept()} gets an {@link UncheckedIOException}. */
    @Override
    public void close() {
        GreenSocket.Closing.closeFrom(loop, io, ch);
    }

    @Override
    public String toString() {
        return "GreenServerSocket[" + ch + "]";
    }
}
