package io.github.concurrent4j.examples.net;

import static io.github.concurrent4j.net.Selectors.EVENT_READ;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.concurrent4j.net.DefaultSelector;
import io.github.concurrent4j.net.Selectors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The seeds' chat server done the way gevent does it underneath ("gevent模块（select机制）"):
 * one thread, a selector, a callback per socket — Python's classic {@code selectors} program:
 *
 * <pre>
 * import selectors, socket
 * sel = selectors.DefaultSelector()
 * def accept(sock, mask):
 *     conn, addr = sock.accept()
 *     conn.setblocking(False)
 *     sel.register(conn, selectors.EVENT_READ, read)
 * def read(conn, mask):
 *     data = conn.recv(1024)
 *     if data:
 *         conn.send(data.upper())
 *     else:
 *         sel.unregister(conn)
 *         conn.close()
 * sock = socket.socket(); sock.bind(('127.0.0.1', 9000)); sock.listen(100); sock.setblocking(False)
 * sel.register(sock, selectors.EVENT_READ, accept)
 * while True:
 *     events = sel.select()
 *     for key, mask in events:
 *         callback = key.data
 *         callback(key.fileobj, mask)
 * </pre>
 *
 * The demo's clients run on other threads; the loop (in {@code main}) stops when they are done.
 * Each line printed by the loop shows which callback a {@code select} dispatched.
 */
public final class SelectorsChat {
    private SelectorsChat() {}

    /** {@code key.data}: the callback to run with {@code (key.fileobj, mask)}. */
    @FunctionalInterface
    interface Callback {
        void call(SelectableChannel fileobj, int mask) throws IOException;
    }

    private static final DefaultSelector<Callback> sel = Selectors.defaultSelector();

    static void accept(SelectableChannel sock, int mask) throws IOException {
        SocketChannel conn = ((ServerSocketChannel) sock).accept();
        if (conn == null) return;
        System.out.println("  accept: a client from " + conn.getRemoteAddress());
        conn.configureBlocking(false);
        sel.register(conn, EVENT_READ, SelectorsChat::read);
    }

    static void read(SelectableChannel fileobj, int mask) throws IOException {
        SocketChannel conn = (SocketChannel) fileobj;
        ByteBuffer data = ByteBuffer.allocate(1024);
        int n = conn.read(data);                                     // conn.recv(1024)
        if (n > 0) {
            String msg = new String(data.array(), 0, n, UTF_8);
            System.out.println("  read:   \"" + msg + "\" -> send \"" + msg.toUpperCase(Locale.ROOT) + "\"");
            conn.write(ByteBuffer.wrap(msg.toUpperCase(Locale.ROOT).getBytes(UTF_8)));
        } else {
            System.out.println("  read:   end of stream from " + conn.getRemoteAddress() + ": unregister and close");
            sel.unregister(conn);
            conn.close();
        }
    }

    public static void main(String[] args) throws Exception {
        ServerSocketChannel sock = ServerSocketChannel.open();
        sock.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        sock.configureBlocking(false);
        sel.register(sock, EVENT_READ, SelectorsChat::accept);
        int port = sock.socket().getLocalPort();
        System.out.println("one thread, one selector, serving 127.0.0.1:" + port);

        // The clients, one after the other so that the loop's lines read as a story.
        CompletableFuture<List<String>> clients = CompletableFuture.supplyAsync(() -> {
            List<String> replies = new ArrayList<>();
            for (String who : List.of("alice", "bob")) replies.add(chat(port, who));
            return replies;
        }, Thread::startVirtualThread);

        while (!clients.isDone() || sel.getMap().size() > 1) {      // Python: while True
            for (DefaultSelector.Ready<Callback> r : sel.select(Duration.ofMillis(50))) {
                Callback callback = r.key().data();
                callback.call(r.key().channel(), r.events());
            }
        }
        System.out.println("the clients heard back:");
        clients.get(10, TimeUnit.SECONDS).forEach(r -> System.out.println("  " + r));
        sel.close();
        sock.close();
    }

    private static String chat(int port, String who) {
        try (Socket sk = new Socket(InetAddress.getLoopbackAddress(), port)) {
            sk.setSoTimeout(10_000);
            String msg = "hello, I am " + who;
            sk.getOutputStream().write(msg.getBytes(UTF_8));
            return who + " got \"" + new String(sk.getInputStream().readNBytes(msg.length()), UTF_8) + "\"";
        } catch (IOException e) {
            return who + " failed: " + e;
        }
    }
}
