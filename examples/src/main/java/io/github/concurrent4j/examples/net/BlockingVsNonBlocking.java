package io.github.concurrent4j.examples.net;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The seeds' 同步阻塞 / 同步非阻塞 (synchronous blocking vs synchronous non-blocking), on one
 * socket: "阻塞: CPU不工作 — {@code con.recv()}, socket阻塞的tcp协议" and "非阻塞: CPU工作 —
 * socket非阻塞tcp协议".
 *
 * <pre>
 * data = con.recv(1024)          # blocking: the thread is suspended until data arrive
 *
 * con.setblocking(False)
 * while True:
 *     try:
 *         data = con.recv(1024)  # non-blocking: answers at once ...
 *         break
 *     except BlockingIOError:    # ... "nothing yet", and the thread may do other work
 *         polls += 1
 * </pre>
 *
 * The peer sends its message 300 ms after being asked. The blocking read makes one call and
 * waits; the non-blocking read comes back at once every time and the thread keeps running
 * (here: counting its polls; in a real program, serving other sockets — I/O model 2).
 */
public final class BlockingVsNonBlocking {
    private BlockingVsNonBlocking() {}

    public static void main(String[] args) throws Exception {
        try (ServerSocketChannel sk = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel peer = SocketChannel.open(sk.getLocalAddress());
             SocketChannel con = sk.accept()) {

            System.out.println("1. blocking: con.recv(1024)");
            sendLater(peer, "first message");
            long t0 = System.nanoTime();
            ByteBuffer buf = ByteBuffer.allocate(1024);
            con.read(buf);                                          // the thread sleeps here
            System.out.printf("   got \"%s\" after %d ms, in 1 call: the thread was suspended meanwhile (CPU idle)%n",
                    text(buf), ms(t0));

            System.out.println("2. non-blocking: con.setblocking(False); recv in a loop");
            con.configureBlocking(false);
            sendLater(peer, "second message");
            t0 = System.nanoTime();
            long polls = 0;
            buf.clear();
            while (con.read(buf) == 0) {                            // Python: BlockingIOError
                polls++;
                Thread.onSpinWait();
            }
            System.out.printf("   got \"%s\" after %d ms, and %,d calls came back empty: the thread never stopped (CPU busy)%n",
                    text(buf), ms(t0), polls);
        }
    }

    private static void sendLater(SocketChannel peer, String msg) {
        CompletableFuture.runAsync(() -> {
            try {
                peer.write(ByteBuffer.wrap(msg.getBytes(UTF_8)));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
    }

    private static String text(ByteBuffer buf) {
        return new String(buf.array(), 0, buf.position(), UTF_8);
    }

    private static long ms(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }
}
