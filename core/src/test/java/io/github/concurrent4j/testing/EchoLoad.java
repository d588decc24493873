package io.github.concurrent4j.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * A neutral echo load for tests: one NIO selector thread drives {@code connections} loopback
 * connections, each doing {@code roundTrips} round trips of a random message (1..512 bytes,
 * seeded) and checking that the echo is exactly what it sent. Independent of the server's I/O
 * model, like {@code bench/peers/java/EchoClient.java}.
 */
public final class EchoLoad {
    private EchoLoad() {}

    /** What a run did. */
    public record Result(long roundTrips, double seconds) {
        public double perSecond() {
            return roundTrips / seconds;
        }
    }

    private static final class Conn {
        final SocketChannel ch;
        final Random rnd;
        ByteBuffer out, in;
        byte[] sent;
        int done;
        SelectionKey key;

        Conn(SocketChannel ch, long seed) {
            this.ch = ch;
            this.rnd = new Random(seed);
        }

        void next() {
            sent = new byte[1 + rnd.nextInt(512)];
            rnd.nextBytes(sent);
            out = ByteBuffer.wrap(sent);
            in = ByteBuffer.allocate(sent.length);
        }
    }

    public static Result run(int port, int connections, int roundTrips, long seed, Duration deadline) throws IOException {
        long t0 = System.nanoTime();
        long end = t0 + deadline.toNanos();
        List<Conn> conns = new ArrayList<>(connections);
        try (Selector sel = Selector.open()) {
            for (int i = 0; i < connections; i++) {
                SocketChannel ch = SocketChannel.open();
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.connect(new InetSocketAddress("127.0.0.1", port));
                ch.configureBlocking(false);
                Conn c = new Conn(ch, seed * 1_000_003L + i);
                c.key = ch.register(sel, SelectionKey.OP_READ, c);
                conns.add(c);
            }
            int active = connections;
            for (Conn c : conns) send(c);
            long total = 0;
            while (active > 0) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("echo load did not finish within " + deadline + ": " + total
                            + " of " + (long) connections * roundTrips + " round trips");
                }
                sel.select(100);
                for (Iterator<SelectionKey> it = sel.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey k = it.next();
                    it.remove();
                    Conn c = (Conn) k.attachment();
                    if (k.isValid() && k.isWritable()) send(c);
                    if (!k.isValid() || !k.isReadable()) continue;
                    int r = c.ch.read(c.in);
                    if (r < 0) throw new AssertionError("server closed connection early");
                    if (c.in.hasRemaining()) continue;
                    if (!Arrays.equals(c.in.array(), c.sent)) throw new AssertionError("wrong echo");
                    total++;
                    if (++c.done == roundTrips) {
                        c.ch.close();
                        active--;
                    } else {
                        send(c);
                    }
                }
            }
            return new Result(total, (System.nanoTime() - t0) / 1e9);
        } finally {
            for (Conn c : conns) c.ch.close();
        }
    }

    private static void send(Conn c) throws IOException {
        if (c.out == null || !c.out.hasRemaining()) c.next();
        c.ch.write(c.out);
        c.key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }
}
