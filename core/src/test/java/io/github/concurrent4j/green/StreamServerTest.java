package io.github.concurrent4j.green;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.concurrent4j.testing.EchoLoad;

/** Acceptance 5: a green echo server (StreamServer) under 1 000 concurrent clients. */
@org.junit.jupiter.api.Timeout(value = 120, unit = TimeUnit.SECONDS)
@Tag("integration")
class StreamServerTest {

    /** A StreamServer echo server in a hub of its own platform thread; stop() ends it. */
    static final class EchoServer implements AutoCloseable {
        final CompletableFuture<Integer> port = new CompletableFuture<>();
        final CompletableFuture<Hub> hub = new CompletableFuture<>();
        final Thread thread;
        volatile Event stop;

        EchoServer() throws Exception {
            thread = Thread.ofPlatform().name("green-echo").start(() -> {
                try (Hub h = Hub.open()) {
                    stop = new Event();
                    StreamServer server = StreamServer.create(new InetSocketAddress("127.0.0.1", 0), (sock, peer) -> {
                        byte[] data;
                        while ((data = sock.recv(65536)).length > 0) sock.sendAll(data);
                    }).start();
                    hub.complete(h);
                    port.complete(server.port());
                    stop.await();
                    server.stop();
                } catch (Throwable t) {
                    port.completeExceptionally(t);
                }
            });
            port.get(10, TimeUnit.SECONDS);
        }

        int port() {
            return port.join();
        }

        @Override
        public void close() throws Exception {
            Hub h = hub.join();
            h.callSoonThreadsafe(() -> stop.set());
            thread.join(10_000);
            assertThat(thread.isAlive()).isFalse();
        }
    }

    static void roundTrips(int port, int id, int n, Random rnd) throws Exception {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            for (int i = 0; i < n; i++) {
                byte[] msg = new byte[1 + rnd.nextInt(200)];
                rnd.nextBytes(msg);
                msg[0] = (byte) id;
                out.write(msg);
                byte[] back = new byte[msg.length];
                in.readFully(back);
                assertThat(back).isEqualTo(msg);
            }
        }
    }

    @Test
    void thousandConcurrentClientsEachDoingHundredRoundTripsAllGetExactEchoes() throws Exception {
        try (EchoServer server = new EchoServer();
             Socket silent = new Socket("127.0.0.1", server.port())) {   // connects, never sends
            EchoLoad.Result r = EchoLoad.run(server.port(), 1000, 100, 5, Duration.ofSeconds(90));
            assertThat(r.roundTrips()).isEqualTo(100_000);
            System.out.printf("1000 clients x 100 round trips: %.2f s (%.0f rt/s)%n", r.seconds(), r.perSecond());
            // the silent client is still connected, and held nobody up
            assertThat(silent.isConnected()).isTrue();
            assertThat(silent.getInputStream().available()).isZero();
        }
    }

    @Test
    void aSilentClientDoesNotDelayAnother() throws Exception {
        try (EchoServer server = new EchoServer();
             Socket silent = new Socket("127.0.0.1", server.port())) {
            long t0 = System.nanoTime();
            roundTrips(server.port(), 1, 50, new Random(1));
            assertThat((System.nanoTime() - t0) / 1e6).isLessThan(5000.0);
        }
    }
}
