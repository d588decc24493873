package io.github.concurrent4j.examples.net;

import static io.github.concurrent4j.net.Selectors.EVENT_READ;
import static io.github.concurrent4j.net.Selectors.EVENT_WRITE;

import io.github.concurrent4j.net.DefaultSelector;
import io.github.concurrent4j.net.Selectors;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * I/O model 3, <b>I/O multiplexing</b> (I/O多路复用: {@code select}/{@code poll}/{@code epoll}),
 * written as Python writes it with {@code selectors}:
 *
 * <pre>
 * sel = selectors.DefaultSelector()
 * def accept(sock, mask):
 *     conn, _ = sock.accept(); conn.setblocking(False)
 *     sel.register(conn, selectors.EVENT_READ, read)
 * def read(conn, mask):
 *     data = conn.recv(65536)
 *     if data: conn.send(data)
 *     else:    sel.unregister(conn); conn.close()
 * sel.register(sock, selectors.EVENT_READ, accept)
 * while True:
 *     for key, mask in sel.select():           # sleeps until at least one socket is ready
 *         key.data(key.fileobj, mask)           # the callback registered with it
 * </pre>
 *
 * One thread, like the polling model, but it sleeps in one system call ({@code epoll_wait})
 * that returns only the sockets that are ready: no CPU is spent on quiet clients, and a client
 * that connects and stays silent costs nothing but its registration. Built on
 * {@link io.github.concurrent4j.net.DefaultSelector}.
 *
 * <p>What the Python sketch leaves out and a real server needs: {@code send} may take only part
 * of the data; the rest is kept, the connection is watched for {@code EVENT_WRITE} instead of
 * {@code EVENT_READ} until it is sent (so a client that does not read its echoes makes the
 * server stop reading from it, instead of buffering without bound or blocking the loop).
 *
 * <p>Run: {@code examples/run echo-selector} (demo) or {@code ... --serve} (benchmark mode).
 */
public final class SelectorEchoServer {
    private SelectorEchoServer() {}

    public static void main(String[] args) throws Exception {
        EchoMain.run(args, "I/O multiplexing: one thread, one selector (c4j.net.DefaultSelector over epoll)",
                SelectorEchoServer::start);
    }

    /** What Python stores as {@code key.data}: the function to call when the channel is ready. */
    @FunctionalInterface
    interface Callback {
        void call(SelectableChannel channel, int mask) throws IOException;
    }

    static EchoServer start(InetSocketAddress address) throws IOException {
        ServerSocketChannel sock = ServerSocketChannel.open();
        sock.bind(address, 1024);
        sock.configureBlocking(false);
        Loop loop = new Loop(sock);
        Thread thread = Thread.ofPlatform().daemon().name("echo-selector-loop").start(loop);
        return new EchoServer() {
            @Override
            public int port() {
                return sock.socket().getLocalPort();
            }

            @Override
            public String stats() {
                return loop.selects + " select() calls, " + loop.callbacks + " callbacks run; the thread slept in between";
            }

            @Override
            public void close() {
                loop.running = false;
                loop.sel.wakeup();
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    private static final class Loop implements Runnable {
        final DefaultSelector<Callback> sel = Selectors.defaultSelector();
        final ServerSocketChannel sock;
        volatile boolean running = true;
        volatile long selects, callbacks;

        Loop(ServerSocketChannel sock) {
            this.sock = sock;
            sel.register(sock, EVENT_READ, (ch, mask) -> accept());
        }

        @Override
        public void run() {
            try {
                while (running) {
                    var ready = sel.select();
                    selects++;
                    for (DefaultSelector.Ready<Callback> r : ready) {
                        callbacks++;
                        try {
                            r.key().data().call(r.key().channel(), r.events());
                        } catch (IOException e) {
                            // a client reset its connection: forget it (a failed accept: go on)
                            if (r.key().channel() != sock) drop(r.key().channel());
                        }
                    }
                }
            } finally {
                for (SelectableChannel ch : sel.getMap().keySet()) closeQuietly(ch);
                sel.close();
            }
        }

        private void accept() throws IOException {
            SocketChannel conn = sock.accept();
            if (conn == null) return;
            conn.configureBlocking(false);
            conn.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Conn c = new Conn(conn);
            sel.register(conn, EVENT_READ, c::ready);
        }

        /** One client's state: the buffer holds the unsent rest of an echo while it waits for EVENT_WRITE. */
        private final class Conn {
            final SocketChannel ch;
            final ByteBuffer buf = ByteBuffer.allocateDirect(65536);

            Conn(SocketChannel ch) {
                this.ch = ch;
            }

            void ready(SelectableChannel channel, int mask) throws IOException {
                if ((mask & EVENT_WRITE) != 0) {            // the rest of the last echo
                    ch.write(buf);
                    if (!buf.hasRemaining()) sel.modify(ch, EVENT_READ);
                    return;
                }
                buf.clear();
                int n = ch.read(buf);
                if (n < 0) {                                 // the client closed
                    drop(ch);
                    return;
                }
                buf.flip();
                ch.write(buf);
                if (buf.hasRemaining()) sel.modify(ch, EVENT_WRITE);   // stop reading until it is sent
            }
        }

        private void drop(SelectableChannel ch) {
            if (sel.getKey(ch).isPresent()) sel.unregister(ch);
            closeQuietly(ch);
        }

        private static void closeQuietly(SelectableChannel ch) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
