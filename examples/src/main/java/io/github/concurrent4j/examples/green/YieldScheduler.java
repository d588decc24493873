package io.github.concurrent4j.examples.green;

import io.github.concurrent4j.green.Gevent;
import io.github.concurrent4j.green.Greenlet;
import io.github.concurrent4j.green.Hub;
import java.time.Duration;
import java.util.List;

/**
 * The seeds' yield-based coroutines, written with the hub.
 *
 * <p>1. "使用yield实现协程": {@code func2} drives the generator {@code func1} with
 * {@code next(g)}; every {@code yield} hands control back. A generator is a greenlet whose
 * {@code yield} is a switch to its parent and whose {@code next()} is a switch into it:
 *
 * <pre>
 * def func1():                             def func2():
 *     for i in range(3):                       g = func1()
 *         print(f"北京第{i}次打印")                for k in range(3):
 *         yield                                    print(f"上海第{k}次打印")
 *         time.sleep(1)                            next(g)
 *                                                  time.sleep(1)
 * </pre>
 *
 * <p>2. "协程切换原理": each generator yields the time at which it wants to wake, and a loop
 * sleeps until the earliest of them and resumes it — an event loop. The hub is exactly that
 * loop: {@code Gevent.sleep(d)} puts the greenlet in the hub's timer heap, and the hub wakes
 * the earliest one, so the two sleepers below finish after 1 s and 2 s, in that order.
 */
public final class YieldScheduler {
    private YieldScheduler() {}

    public static void main(String[] args) throws Exception {
        Duration step = Duration.ofMillis(200);   // the seeds sleep 1 s per step; shortened
        try (Hub hub = Hub.open()) {
            System.out.println("-- yield as a switch between two tasks (北京 / 上海)");
            long t0 = System.nanoTime();
            Greenlet<?> main = Greenlet.getCurrent();
            Greenlet<Void> g = Greenlet.create(() -> {
                for (int i = 0; i < 3; i++) {
                    System.out.println("北京第" + i + "次打印");
                    main.switchTo();                    // yield
                    Thread.sleep(step.toMillis());      // time.sleep
                }
                return null;
            });
            for (int k = 0; k < 3; k++) {
                System.out.println("上海第" + k + "次打印");
                g.switchTo();                           // next(g)
                Thread.sleep(step.toMillis());
            }
            System.out.printf("耗时: %.1f s (the sleeps add up: nothing overlaps)%n", (System.nanoTime() - t0) / 1e9);

            System.out.println("-- the event loop behind it: sleepers wake in deadline order");
            t0 = System.nanoTime();
            long start = t0;
            Greenlet<Void> s1 = Gevent.spawn(() -> {
                Gevent.sleep(Duration.ofSeconds(1));
                System.out.printf("sleep(1) 结束 at %.1f s%n", (System.nanoTime() - start) / 1e9);
            });
            Greenlet<Void> s2 = Gevent.spawn(() -> {
                Gevent.sleep(Duration.ofSeconds(2));
                System.out.printf("sleep(2) 结束 at %.1f s%n", (System.nanoTime() - start) / 1e9);
            });
            Gevent.joinAll(List.of(s2, s1));
            System.out.printf("both done after %.1f s, not 3: the waits overlap%n", (System.nanoTime() - t0) / 1e9);
        }
    }
}
