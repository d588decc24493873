package io.github.concurrent4j.examples.green;

import io.github.concurrent4j.examples.asyncio.AsyncioEchoServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The coroutine I/O model at work: the green echo server ({@link GreenEchoServer}, gevent's
 * {@code StreamServer}) and the asyncio echo server ({@link AsyncioEchoServer},
 * {@code asyncio.start_server} streams), each serving 50 connections of one neutral NIO
 * client for a second, every echo checked. Each server handles all its connections with
 * coroutines of one hub: one runs at a time, each waits for its socket cooperatively.
 */
public final class EchoServersDemo {
    private EchoServersDemo() {}

    public static void main(String[] args) throws Exception {
        try (GreenEchoServer.Running green = GreenEchoServer.startInBackground()) {
            report("green (StreamServer, one greenlet per connection)", load(green.port(), 50, 1.0));
        }
        try (AsyncioEchoServer.Running asyncio = AsyncioEchoServer.startInBackground()) {
            report("asyncio (start_server streams, one task per connection)", load(asyncio.port(), 50, 1.0));
        }
        System.out.println("(bench/run echo measures them properly, beside CPython's asyncio server)");
    }

    static void report(String what, long roundTrips) {
        System.out.printf("%-58s %8d round trips in 1 s, every echo exact%n", what, roundTrips);
    }

    /** Drives {@code n} connections, one 64-byte message in flight each, for {@code seconds}. */
    static long load(int port, int n, double seconds) throws IOException {
        try (Selector sel = Selector.open()) {
            List<SocketChannel> chans = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                ByteBuffer in = ByteBuffer.allocate(64);
                ch.register(sel, SelectionKey.OP_READ, new long[] {i, 0});
                chans.add(ch);
                ch.write(message(i, 0));
            }
            long count = 0, end = System.nanoTime() + (long) (seconds * 1e9);
            ByteBuffer in = ByteBuffer.allocate(64);
            while (System.nanoTime() < end) {
                sel.select(50);
                for (Iterator<SelectionKey> it = sel.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey k = it.next();
                    it.remove();
                    long[] st = (long[]) k.attachment();
                    SocketChannel ch = (SocketChannel) k.channel();
                    in.clear();
                    while (in.hasRemaining()) {
                        if (ch.read(in) < 0) throw new IOException("server closed the connection");
                    }
                    in.flip();
                    if (!in.equals(message((int) st[0], st[1]))) throw new IllegalStateException("wrong echo");
                    count++;
                    st[1]++;
                    ch.write(message((int) st[0], st[1]));
                }
            }
            for (SocketChannel ch : chans) ch.close();
            return count;
        }
    }

    static ByteBuffer message(int conn, long seq) {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.putInt(conn).putLong(seq);
        while (b.hasRemaining()) b.put((byte) ('a' + b.position() % 26));
        return b.flip();
    }
}
