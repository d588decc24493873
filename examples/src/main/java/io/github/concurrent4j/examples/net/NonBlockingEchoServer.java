package io.github.concurrent4j.examples.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * I/O model 2, <b>non-blocking I/O with polling</b> (非阻塞I/O), the seeds' classic
 * {@code setblocking(False)} program:
 *
 * <pre>
 * sk.setblocking(False); conns = []
 * while True:
 *     try:
 *         conn, _ = sk.accept(); conn.setblocking(False); conns.append(conn)
 *     except BlockingIOError:                 # nobody is connecting: go and poll the clients
 *         for conn in conns:
 *             try:
 *                 data = conn.recv(1024)
 *                 if data: conn.send(data)
 *                 else:   conns.remove(conn); conn.close()
 *             except BlockingIOError:         # this client has nothing for us yet
 *                 pass
 * </pre>
 *
 * One thread serves every client by asking each socket in turn "anything for me?"; a
 * non-blocking call never suspends the thread, it answers "nothing yet" at once (Python raises
 * {@code BlockingIOError}; NIO returns {@code null} from {@code accept} and 0 from
 * {@code read}). The price: the thread never sleeps — it burns a core even when every client is
 * quiet, and each pass costs a system call per connection whether or not it has data. The
 * {@code --demo} run prints how many passes found nothing.
 *
 * <p>Two things the seed program leaves out and a real server needs: a partial write keeps its
 * rest for the next pass (and the connection is not read meanwhile, so a client that does not
 * read its echoes cannot make the server buffer without bound); and when a whole pass found
 * nothing, the thread yields the CPU to others before polling again (still polling).
 *
 * <p>Run: {@code examples/run echo-nonblocking} (demo) or {@code ... --serve} (benchmark mode).
 */
public final class NonBlockingEchoServer {
    private NonBlockingEchoServer() {}

    public static void main(String[] args) throws Exception {
        EchoMain.run(args, "non-blocking I/O, one thread polling every socket in turn", NonBlockingEchoServer::start);
    }

    /** One client: its channel and its buffer, which holds the unsent rest of an echo while {@code draining}. */
    private static final class Conn {
        final SocketChannel ch;
        final ByteBuffer buf = ByteBuffer.allocateDirect(65536);
        boolean draining;

        Conn(SocketChannel ch) {
            this.ch = ch;
        }
    }

    static EchoServer start(InetSocketAddress address) throws IOException {
        ServerSocketChannel sk = ServerSocketChannel.open();
        sk.bind(address, 1024);
        sk.configureBlocking(false);                         // Python: sk.setblocking(False)
        Loop loop = new Loop(sk);
        Thread thread = Thread.ofPlatform().daemon().name("echo-polling-loop").start(loop);
        return new EchoServer() {
            @Override
            public int port() {
                return sk.socket().getLocalPort();
            }

            @Override
            public String stats() {
                return loop.passes + " polling passes over all sockets, " + loop.emptyPasses
                        + " of them found nothing to do (CPU spent asking)";
            }

            @Override
            public void close() {
                loop.running = false;
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    private static final class Loop implements Runnable {
        final ServerSocketChannel sk;
        final List<Conn> conns = new ArrayList<>();
        volatile boolean running = true;
        volatile long passes, emptyPasses;

        Loop(ServerSocketChannel sk) {
            this.sk = sk;
        }

        @Override
        public void run() {
            try {
                while (running) {
                    boolean busy = acceptAll();
                    for (Iterator<Conn> it = conns.iterator(); it.hasNext(); ) {
                        Conn c = it.next();
                        try {
                            int did = serve(c);
                            if (did < 0) {
                                it.remove();
                                c.ch.close();
                            } else if (did > 0) {
                                busy = true;
                            }
                        } catch (IOException e) {           // reset by the client
                            it.remove();
                            close(c);
                        }
                    }
                    passes++;
                    if (!busy) {
                        emptyPasses++;
                        Thread.yield();
                    }
                }
            } finally {
                conns.forEach(Loop::close);
                try {
                    sk.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }

        /** Python's {@code try: sk.accept() except BlockingIOError}: takes every waiting client. */
        private boolean acceptAll() {
            boolean any = false;
            while (true) {
                SocketChannel ch;
                try {
                    ch = sk.accept();                        // null at once if nobody is connecting
                    if (ch == null) return any;
                    ch.configureBlocking(false);
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                } catch (IOException e) {
                    return any;
                }
                conns.add(new Conn(ch));
                any = true;
            }
        }

        /** One poll of one client: -1 if it closed, 1 if bytes moved, 0 if it had nothing ("BlockingIOError"). */
        private static int serve(Conn c) throws IOException {
            if (c.draining) {                               // finish the last echo before reading more
                int n = c.ch.write(c.buf);
                c.draining = c.buf.hasRemaining();
                return n > 0 ? 1 : 0;
            }
            c.buf.clear();
            int n = c.ch.read(c.buf);                       // 0 at once if nothing arrived
            if (n < 0) return -1;
            if (n == 0) return 0;
            c.buf.flip();
            c.ch.write(c.buf);                              // may take only part of it
            c.draining = c.buf.hasRemaining();
            return 1;
        }

        private static void close(Conn c) {
            try {
                c.ch.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
