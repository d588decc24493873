package io.github.concurrent4j.examples.asyncio;

import io.github.concurrent4j.asyncio.Asyncio;
import io.github.concurrent4j.asyncio.EventLoop;
import io.github.concurrent4j.asyncio.Future;
import io.github.concurrent4j.asyncio.Server;
import io.github.concurrent4j.asyncio.StreamReader;
import io.github.concurrent4j.asyncio.StreamWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The fifth I/O model, asyncio style: a TCP echo server on {@link Asyncio#startServer}
 * streams, one task per connection on one event loop — a port of
 * {@code bench/peers/python/echo_asyncio.py}:
 *
 * <pre>
 * async def handle(reader, writer):
 *     while True:
 *         data = await reader.read(65536)
 *         if not data: break
 *         writer.write(data); await writer.drain()
 *     writer.close()
 * </pre>
 *
 * <p>Binds 127.0.0.1 on an ephemeral port, prints {@code PORT <n>} as its first line, echoes
 * until each client closes (TCP_NODELAY is on, as asyncio sets it). Stops by itself after
 * {@code --lifetime SECONDS} (default 180), or when killed.
 */
public final class AsyncioEchoServer {
    private AsyncioEchoServer() {}

    public static void main(String[] args) {
        long lifetime = 180;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--lifetime")) lifetime = Long.parseLong(args[++i]);
        }
        long lifetimeS = lifetime;
        Asyncio.run(() -> {
            Server server = Asyncio.startServer(AsyncioEchoServer::handle, "127.0.0.1", 0);
            System.out.println("PORT " + server.port());
            System.out.flush();
            try {
                Asyncio.waitFor(Asyncio.createTask(() -> {
                    server.serveForever();
                    return null;
                }), Duration.ofSeconds(lifetimeS));
            } catch (io.github.concurrent4j.asyncio.AsyncioTimeoutException end) {
                server.close();
            }
            return null;
        });
    }

    /** A server running in a thread of its own (for the demo and the tests); close() stops it. */
    public record Running(int port, EventLoop loop, Future<Void> stop, Thread thread) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            loop.callSoonThreadsafe(() -> stop.setResult(null));
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** Starts the server on an ephemeral port in a platform thread that runs its event loop. */
    public static Running startInBackground() throws Exception {
        CompletableFuture<Running> started = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().name("asyncio-echo-server").unstarted(() -> {
            try {
                Asyncio.run(() -> {
                    Server server = Asyncio.startServer(AsyncioEchoServer::handle, "127.0.0.1", 0);
                    Future<Void> stop = Asyncio.getRunningLoop().createFuture();
                    started.complete(new Running(server.port(), Asyncio.getRunningLoop(), stop, Thread.currentThread()));
                    stop.await();
                    server.close();
                    return null;
                });
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        });
        t.start();
        return started.get(10, TimeUnit.SECONDS);
    }

    static void handle(StreamReader reader, StreamWriter writer) {
        while (true) {
            byte[] data = reader.read(65536);
            if (data.length == 0) break;
            writer.write(data);
            writer.drain();
        }
        writer.close();
    }
}
