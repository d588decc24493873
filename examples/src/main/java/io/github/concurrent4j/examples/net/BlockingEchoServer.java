package io.github.concurrent4j.examples.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * I/O model 1, <b>blocking I/O, one thread per connection</b> (阻塞I/O), the seeds' model:
 *
 * <pre>
 * sk = socket.socket(); sk.bind(addr); sk.listen()
 * while True:
 *     conn, _ = sk.accept()                                  # blocks until a client comes
 *     threading.Thread(target=chat, args=(conn,)).start()    # chat: while data := conn.recv(n): conn.sendall(data)
 * </pre>
 *
 * Each {@code read} suspends its thread until data arrive, so the program needs one thread per
 * client: here a platform (OS) thread, as in CPython. The virtual-thread variant of the same
 * code is {@link ThreadingEchoServer} (socketserver's {@code ThreadingTCPServer} on virtual threads).
 *
 * <p>Run: {@code examples/run echo-blocking} (demo) or {@code ... --serve} (benchmark mode).
 */
public final class BlockingEchoServer {
    private BlockingEchoServer() {}

    public static void main(String[] args) throws Exception {
        EchoMain.run(args, "blocking I/O, one platform thread per connection (java.net.Socket streams)",
                BlockingEchoServer::start);
    }

    static EchoServer start(InetSocketAddress address) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(address, 1024);
        Set<Socket> open = ConcurrentHashMap.newKeySet();
        AtomicInteger threads = new AtomicInteger();
        Thread acceptor = Thread.ofPlatform().daemon().name("echo-acceptor").start(() -> {
            while (true) {
                Socket conn;
                try {
                    conn = listener.accept();                 // blocks: the thread sleeps until a client comes
                } catch (IOException e) {
                    return;                                   // listener closed
                }
                open.add(conn);
                Thread.ofPlatform().daemon().name("echo-conn-" + threads.incrementAndGet()).start(() -> {
                    chat(conn);
                    open.remove(conn);
                });
            }
        });
        return new EchoServer() {
            @Override
            public int port() {
                return listener.getLocalPort();
            }

            @Override
            public String stats() {
                return threads.get() + " platform threads started, one per connection, each blocked in read() while its client is quiet";
            }

            @Override
            public void close() {
                try {
                    listener.close();
                    acceptor.join();
                    for (Socket s : open) s.close();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException("closing the server", e);
                }
            }
        };
    }

    /** The connection's thread: read (blocking), write back, until the client closes. */
    private static void chat(Socket conn) {
        try (conn) {
            conn.setTcpNoDelay(true);
            InputStream in = conn.getInputStream();
            OutputStream out = conn.getOutputStream();
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {                  // blocks until data arrive
                out.write(buf, 0, n);                         // blocks until the kernel took it all (sendall)
            }
        } catch (IOException e) {
            // the client went away
        }
    }
}
