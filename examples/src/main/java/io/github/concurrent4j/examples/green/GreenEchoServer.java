package io.github.concurrent4j.examples.green;

import io.github.concurrent4j.green.Event;
import io.github.concurrent4j.green.GreenSocket;
import io.github.concurrent4j.green.Hub;
import io.github.concurrent4j.green.StreamServer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The fifth I/O model, gevent style: a TCP echo server on {@link StreamServer}, one greenlet
 * per connection, every greenlet in one hub (one runs at a time; each waits for its socket
 * cooperatively). The seeds' gevent server ({@code gevent.spawn(chat, con)} after
 * {@code monkey.patch_all()}) minus the upper-casing, for the echo benchmark.
 *
 * <p>Binds 127.0.0.1 on an ephemeral port, prints {@code PORT <n>} as its first line (the
 * protocol of {@code bench/peers}), echoes bytes until each client closes, TCP_NODELAY on.
 * Stops by itself after {@code --lifetime SECONDS} (default 180), or when killed.
 */
public final class GreenEchoServer {
    private GreenEchoServer() {}

    public static void main(String[] args) {
        long lifetime = 180;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--lifetime")) lifetime = Long.parseLong(args[++i]);
        }
        long lifetimeS = lifetime;
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                Thread.sleep(lifetimeS * 1000);
            } catch (InterruptedException ignored) {
                return;
            }
            System.exit(0);
        });
        try (Hub hub = Hub.get()) {
            StreamServer server = StreamServer.create(new InetSocketAddress("127.0.0.1", 0), GreenEchoServer::echo)
                    .start();
            System.out.println("PORT " + server.port());
            System.out.flush();
            server.serveForever();
        }
    }

    /** A server running in a thread of its own (for the demo and the tests); close() stops it. */
    public record Running(int port, Hub hub, Event stop, Thread thread) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            hub.callSoonThreadsafe(stop::set);
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** Starts the server on an ephemeral port in a platform thread whose hub runs it. */
    public static Running startInBackground() throws Exception {
        CompletableFuture<Running> started = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().name("green-echo-server").unstarted(() -> {
            try (Hub hub = Hub.open()) {
                Event stop = new Event();
                StreamServer server = StreamServer.create(new InetSocketAddress("127.0.0.1", 0), GreenEchoServer::echo)
                        .start();
                started.complete(new Running(server.port(), hub, stop, Thread.currentThread()));
                stop.await();
                server.stop();
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        });
        t.start();
        return started.get(10, TimeUnit.SECONDS);
    }

    /** Echoes until the client closes: recv, sendall, again. */
    static void echo(GreenSocket sock, InetSocketAddress peer) {
        ByteBuffer buf = ByteBuffer.allocate(65536);
        for (;;) {
            buf.clear();
            if (sock.recvInto(buf) == 0) return;
            buf.flip();
            sock.sendAll(buf);
        }
    }
}
