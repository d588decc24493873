package io.github.concurrent4j.green;

import io.github.concurrent4j.asyncio.Asyncio;
import io.github.concurrent4j.asyncio.Server;
import io.github.concurrent4j.asyncio.StreamPair;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Run by {@link DedicatedCarrierTest} in a child JVM with java.lang opened (dedicated carriers). */
public final class DedicatedCarrierCheck {
    private DedicatedCarrierCheck() {}

    static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }

    public static void main(String[] args) {
        boolean dedicated;
        try (Hub hub = Hub.open()) {
            dedicated = hub.dedicatedCarrier();
            List<Greenlet<?>> gs = new ArrayList<>();
            int[] counter = {0};
            for (int i = 0; i < 2000; i++) {
                gs.add(Gevent.spawn(() -> {
                    Gevent.sleep(Duration.ofMillis(20));
                    int v = counter[0];
                    Thread.yield();
                    counter[0] = v + 1;
                }));
            }
            Gevent.joinAll(gs);
            check(counter[0] == 2000, "counter " + counter[0]);
            Queue<Integer> q1 = new Queue<>(), q2 = new Queue<>();
            Greenlet<Void> pong = Gevent.spawn(() -> {
                for (int i = 0; i < 10_000; i++) q2.put(q1.get());
            });
            for (int i = 0; i < 10_000; i++) {
                q1.put(i);
                check(q2.get() == i, "ping-pong");
            }
            pong.join();
            StreamServer server = StreamServer.create(new InetSocketAddress("127.0.0.1", 0), (s, peer) -> {
                byte[] d;
                while ((d = s.recv(4096)).length > 0) s.sendAll(d);
            }).start();
            List<Greenlet<String>> clients = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int k = i;
                clients.add(Gevent.spawn(() -> {
                    try (GreenSocket s = GreenSocket.connect("127.0.0.1", server.port())) {
                        String m = "hello " + k;
                        s.sendAll(m.getBytes(StandardCharsets.UTF_8));
                        return new String(s.recv(100), StandardCharsets.UTF_8);
                    }
                }));
            }
            Gevent.joinAll(clients);
            for (int i = 0; i < 50; i++) check(clients.get(i).get().equals("hello " + i), "echo " + i);
            server.stop();
            List<StallReport> reports = new ArrayList<>();
            hub.stallThreshold(Duration.ofMillis(200)).onStall(reports::add);
            Greenlet<Void> blocker = Gevent.spawn(() -> {
                try {
                    Thread.sleep(600);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            Greenlet<Void> other = Gevent.spawn(() -> Gevent.sleep(Duration.ofMillis(1)));
            Gevent.joinAll(List.of(blocker, other));
            check(reports.size() == 1 && reports.getFirst().greenlet().equals(blocker.name()), "stall " + reports);
        }
        String r = Asyncio.run(() -> {
            Server s = Asyncio.startServer((reader, writer) -> {
                writer.write(reader.readLine());
                writer.drain();
            }, "127.0.0.1", 0);
            StreamPair c = Asyncio.openConnection("127.0.0.1", s.port());
            c.writer().write("line\n".getBytes(StandardCharsets.UTF_8));
            String got = new String(c.reader().readLine(), StandardCharsets.UTF_8);
            List<String> g = Asyncio.gather(() -> {
                Asyncio.sleep(Duration.ofMillis(30));
                return "a";
            }, () -> "b").await();
            s.close();
            return got.trim() + g;
        });
        check(r.equals("line[a, b]"), r);
        System.out.println("OK dedicated=" + dedicated);
    }
}
