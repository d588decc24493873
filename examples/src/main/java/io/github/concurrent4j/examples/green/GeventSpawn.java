package io.github.concurrent4j.examples.green;

import io.github.concurrent4j.green.Gevent;
import io.github.concurrent4j.green.Greenlet;
import io.github.concurrent4j.green.Hub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The seeds' gevent programs: {@code gevent.spawn} / {@code joinall} with {@code gevent.sleep},
 * then "示例大变身" (with {@code monkey.patch_all()}, {@code time.sleep} becomes cooperative: here
 * one calls {@link Gevent#sleep} directly), {@code g.value}, and what an <i>unpatched</i>
 * blocking call does: it holds the whole hub, and the hub reports it.
 *
 * <pre>
 * def func1(): print(123); gevent.sleep(1); print(123)
 * def func2(): print(456); gevent.sleep(1); print(456)
 * g1 = gevent.spawn(func1); g2 = gevent.spawn(func2); gevent.joinall([g1, g2])
 * </pre>
 */
public final class GeventSpawn {
    private GeventSpawn() {}

    static void func1() {
        System.out.println(123);
        Gevent.sleep(Duration.ofSeconds(1));
        System.out.println(123);
    }

    static void func2() {
        System.out.println(456);
        Gevent.sleep(Duration.ofSeconds(1));
        System.out.println(456);
    }

    public static void main(String[] args) {
        try (Hub hub = Hub.open()) {
            long t0 = System.nanoTime();
            Greenlet<Void> g1 = Gevent.spawn(GeventSpawn::func1);
            Greenlet<Void> g2 = Gevent.spawn(GeventSpawn::func2);
            Gevent.joinAll(List.of(g1, g2));   // 123 456, one second, 123 456
            System.out.printf("two greenlets sleeping 1 s each took %.1f s%n", secs(t0));

            t0 = System.nanoTime();
            List<Greenlet<?>> gl = new ArrayList<>();
            for (int i = 0; i < 10; i++) gl.add(Gevent.spawn(GeventSpawn::func1));
            Gevent.joinAll(gl);
            System.out.printf("ten greenlets sleeping 1 s each took %.1f s%n", secs(t0));

            System.out.println("-- 示例大变身: the patched time.sleep is Gevent.sleep");
            Greenlet<String> a = Gevent.spawn(() -> {
                System.out.println(123);
                Gevent.sleep(Duration.ofSeconds(1));   // the seeds sleep 3 s and 1 s; here 1 s and 1/3 s
                System.out.println(456);
                return "func1 done";
            });
            Greenlet<String> b = Gevent.spawn(() -> {
                System.out.println("---------");
                Gevent.sleep(Duration.ofMillis(333));
                System.out.println("=========");
                return "func2 done";
            });
            Gevent.joinAll(List.of(a, b));
            System.out.println("main");
            System.out.println("g1.value = " + a.value().orElse(null) + ", g2.value = " + b.value().orElse(null));

            System.out.println("-- an unpatched call: Thread.sleep holds the hub (and is reported)");
            hub.stallThreshold(Duration.ofMillis(200))
                    .onStall(r -> System.out.println("  stall report: " + r.greenlet() + " blocked the hub for "
                            + r.blocked().toMillis() + " ms in " + r.stack().stream()
                            .filter(e -> e.getClassName().equals("java.lang.Thread")).findFirst().orElseThrow()));
            t0 = System.nanoTime();
            List<Greenlet<?>> blocking = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                blocking.add(Gevent.spawn(() -> {
                    try {
                        Thread.sleep(400);   // not cooperative: the other greenlets wait
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            Gevent.joinAll(blocking);
            System.out.printf("three greenlets in Thread.sleep(400 ms) took %.1f s: one after the other%n", secs(t0));
        }
    }

    static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
