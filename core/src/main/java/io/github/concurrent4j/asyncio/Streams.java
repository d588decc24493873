package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.coroutine.internal.IoHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/** The socket side of {@link Asyncio#openConnection} and {@link Asyncio#startServer}. */
final class Streams {
    private Streams() {}

    static StreamPair wrap(EventLoop loop, SocketChannel ch) throws IOException {
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);   // asyncio sets it on TCP transports
        IoHandle io = loop.rt.ioHandle(ch);
        return new StreamPair(new StreamReader(loop.rt, ch, io, StreamReader.DEFAULT_LIMIT),
                new StreamWriter(loop, ch, io));
    }

    static StreamPair openConnection(EventLoop loop, String host, int port) {
        Objects.requireNonNull(host, "host");
        InetSocketAddress address = new InetSocketAddress(host, port);
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            IoHandle io = loop.rt.ioHandle(ch);
            if (!ch.connect(address)) {
                while (!ch.finishConnect()) loop.rt.awaitIo(io, SelectionKey.OP_CONNECT, -1);
            }
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return new StreamPair(new StreamReader(loop.rt, ch, io, StreamReader.DEFAULT_LIMIT),
                    new StreamWriter(loop, ch, io));
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException("cannot connect to " + address, e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    static Server startServer(EventLoop loop, Asyncio.ClientConnected handler, String host, int port, int backlog) {
        Objects.requireNonNull(handler, "clientConnected");
        Objects.requireNonNull(host, "host");
        loop.rt.current();
        ServerSocketChannel ch = null;
        try {
            ch = ServerSocketChannel.open();
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(new InetSocketAddress(host, port), backlog);
            ch.configureBlocking(false);
            Server s = new Server(loop, ch, handler);
            s.startServing();
            return s;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
    }

    private static void closeQuietly(java.nio.channels.Channel ch) {
        if (ch == null) return;
        try {
            ch.close();
        } catch (IOException ignored) {
            // already failing
        }
    }
}
