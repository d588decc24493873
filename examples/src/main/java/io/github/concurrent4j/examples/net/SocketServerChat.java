package io.github.concurrent4j.examples.net;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.concurrent4j.net.BaseRequestHandler;
import io.github.concurrent4j.net.ThreadingTCPServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The seeds' chat server ({@code con.recv(1024)} → {@code msg.upper()} → {@code con.send}),
 * served "socket server：多线程实现" — with {@code socketserver}, one thread per client:
 *
 * <pre>
 * import socketserver
 * class MyServer(socketserver.BaseRequestHandler):
 *     def handle(self):
 *         conn = self.request
 *         while True:
 *             msg = conn.recv(1024).decode('utf-8')
 *             if not msg: break
 *             conn.send(msg.upper().encode('utf-8'))
 * server = socketserver.ThreadingTCPServer(('127.0.0.1', 9000), MyServer)
 * server.serve_forever()
 * </pre>
 *
 * The port: a free one instead of 9000, so that the demo never collides with anything. Three
 * clients chat at the same time; each has its own (virtual) thread on the server, so none
 * waits for another.
 */
public final class SocketServerChat {
    private SocketServerChat() {}

    /** Python's {@code MyServer(socketserver.BaseRequestHandler)}. */
    static final class MyServer extends BaseRequestHandler {
        @Override
        protected void handle() throws IOException {
            Socket conn = request();
            InputStream in = conn.getInputStream();
            OutputStream out = conn.getOutputStream();
            byte[] buf = new byte[1024];
            while (true) {
                int n = in.read(buf);                                 // conn.recv(1024)
                if (n <= 0) break;                                    // if not msg: break
                String msg = new String(buf, 0, n, UTF_8);
                out.write(msg.toUpperCase(Locale.ROOT).getBytes(UTF_8));   // conn.send(msg.upper())
            }
        }
    }

    public static void main(String[] args) throws Exception {
        try (ThreadingTCPServer server = ThreadingTCPServer.of(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), MyServer::new)) {
            Thread serving = Thread.ofPlatform().name("serve_forever").start(server::serveForever);
            int port = server.serverAddress().getPort();
            System.out.println("ThreadingTCPServer serving on 127.0.0.1:" + port);

            List<CompletableFuture<List<String>>> clients = new ArrayList<>();
            for (String who : List.of("alice", "bob", "carol")) {
                clients.add(CompletableFuture.supplyAsync(() -> chat(port, who), Thread::startVirtualThread));
            }
            for (var c : clients) c.get(10, TimeUnit.SECONDS).forEach(System.out::println);

            server.shutdown();            // from the main thread: serve_forever returns
            serving.join();
            System.out.println("shutdown() returned; serve_forever has stopped");
        }
    }

    private static List<String> chat(int port, String who) {
        List<String> lines = new ArrayList<>();
        try (Socket sk = new Socket(InetAddress.getLoopbackAddress(), port)) {
            sk.setSoTimeout(10_000);
            for (String msg : List.of("hi, I am " + who, "bye from " + who)) {
                sk.getOutputStream().write(msg.getBytes(UTF_8));
                byte[] reply = sk.getInputStream().readNBytes(msg.getBytes(UTF_8).length);
                lines.add("  " + who + ": sent \"" + msg + "\", the server said \"" + new String(reply, UTF_8) + "\"");
            }
        } catch (IOException e) {
            lines.add("  " + who + " failed: " + e);
        }
        return lines;
    }
}
