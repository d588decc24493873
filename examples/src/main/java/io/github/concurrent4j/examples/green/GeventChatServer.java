package io.github.concurrent4j.examples.green;

import io.github.concurrent4j.green.Gevent;
import io.github.concurrent4j.green.GreenServerSocket;
import io.github.concurrent4j.green.GreenSocket;
import io.github.concurrent4j.green.Greenlet;
import io.github.concurrent4j.green.Hub;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The seeds' gevent socket server ("协程实现socket"): after {@code monkey.patch_all()} a plain
 * accept loop spawns one greenlet per connection, which upper-cases what it receives.
 *
 * <pre>
 * sk = socket.socket(); sk.bind(('127.0.0.1', 9000)); sk.listen()
 * def chat(con):
 *     while True:
 *         msg = con.recv(1024).decode('utf-8')
 *         con.send(msg.upper().encode('utf-8'))
 * while True:
 *     con, _ = sk.accept()
 *     gevent.spawn(chat, con)
 * </pre>
 *
 * Here the sockets are {@link GreenServerSocket}/{@link GreenSocket} (what patching gives
 * Python), the port is ephemeral, and three client greenlets in the same hub talk to it, so
 * that the demonstration ends by itself. {@code StreamServer} packages the same pattern.
 */
public final class GeventChatServer {
    private GeventChatServer() {}

    static void chat(GreenSocket con) {
        try (con) {
            while (true) {
                byte[] data = con.recv(1024);
                if (data.length == 0) return;   // the seeds' loop would spin here; a closed peer ends it
                String msg = new String(data, StandardCharsets.UTF_8);
                con.sendAll(msg.toUpperCase().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    public static void main(String[] args) {
        try (Hub hub = Hub.open();
             GreenServerSocket sk = GreenServerSocket.bind(new InetSocketAddress("127.0.0.1", 0), 128)) {
            Greenlet<Void> server = Gevent.spawn(() -> {
                while (true) {
                    GreenSocket con = sk.accept();
                    Gevent.spawn(() -> chat(con));
                }
            });
            List<Greenlet<?>> clients = new ArrayList<>();
            for (String name : List.of("alice", "bob", "carol")) {
                clients.add(Gevent.spawn(() -> {
                    try (GreenSocket s = GreenSocket.connect("127.0.0.1", sk.port())) {
                        for (int i = 1; i <= 3; i++) {
                            s.sendAll((name + " says hello #" + i).getBytes(StandardCharsets.UTF_8));
                            String reply = new String(s.recv(1024), StandardCharsets.UTF_8);
                            System.out.println(name + " <- " + reply);
                            Gevent.sleep(Duration.ofMillis(50));
                        }
                    }
                }));
            }
            Gevent.joinAll(clients);
            server.kill();
            System.out.println("three clients served concurrently by greenlets of one thread");
        }
    }
}
