package io.github.concurrent4j.examples.net;

import io.github.concurrent4j.net.BaseRequestHandler;
import io.github.concurrent4j.net.ThreadingTCPServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * I/O model 1 again, <b>blocking I/O, one virtual thread per connection</b>, written as Python
 * writes it with {@code socketserver} (the seeds' "socket server：多线程实现"):
 *
 * <pre>
 * class EchoHandler(socketserver.BaseRequestHandler):
 *     def handle(self):
 *         while data := self.request.recv(65536):
 *             self.request.sendall(data)
 * socketserver.ThreadingTCPServer(addr, EchoHandler).serve_forever()
 * </pre>
 *
 * The handler code blocks exactly as in {@link BlockingEchoServer}, but
 * {@link ThreadingTCPServer} runs it on a virtual thread: a blocked read parks the virtual
 * thread and frees its carrier, so the cost of a connection is a small heap stack, not an OS
 * thread. (Under the hood the JDK waits for all parked sockets with one epoll: the
 * multiplexing of model 3, hidden behind blocking code.)
 *
 * <p>Run: {@code examples/run echo-socketserver} (demo) or {@code ... --serve} (benchmark mode).
 */
public final class ThreadingEchoServer {
    private ThreadingEchoServer() {}

    public static void main(String[] args) throws Exception {
        EchoMain.run(args, "blocking I/O, one virtual thread per connection (c4j.net.ThreadingTCPServer)",
                ThreadingEchoServer::start);
    }

    private static final AtomicInteger HANDLED = new AtomicInteger();

    /** Python's {@code EchoHandler(BaseRequestHandler)}. */
    static final class EchoHandler extends BaseRequestHandler {
        @Override
        protected void handle() throws IOException {
            HANDLED.incrementAndGet();
            Socket conn = request();
            conn.setTcpNoDelay(true);
            InputStream in = conn.getInputStream();
            OutputStream out = conn.getOutputStream();
            byte[] buf = new byte[65536];
            int n;
            try {
                while ((n = in.read(buf)) > 0) out.write(buf, 0, n);
            } catch (IOException e) {
                // the client went away (Python's handler catches ConnectionError the same way)
            }
        }
    }

    static EchoServer start(InetSocketAddress address) {
        int before = HANDLED.get();
        ThreadingTCPServer server = ThreadingTCPServer.builder(address, EchoHandler::new)
                .requestQueueSize(1024)
                .daemonThreads(true)          // Python: daemon_threads = True — close() does not wait for clients
                .build();
        Thread serving = Thread.ofPlatform().daemon().name("serve-forever").start(server::serveForever);
        return new EchoServer() {
            @Override
            public int port() {
                return server.serverAddress().getPort();
            }

            @Override
            public String stats() {
                return (HANDLED.get() - before) + " connections, each handled on its own virtual thread";
            }

            @Override
            public void close() {
                server.shutdown();
                server.serverClose();
                try {
                    serving.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
