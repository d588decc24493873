package io.github.concurrent4j.examples.coroutine;

import io.github.concurrent4j.coroutine.Generator;
import java.util.ArrayList;
import java.util.List;

/**
 * The seeds' generator programs, as written ("使用yield实现协程", "协程切换原理"):
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
 * <p>and the event loop behind coroutines: each generator yields the time it wants to wake,
 * the loop sleeps until the earliest and resumes that one with {@code next}:
 *
 * <pre>
 * def sleep(num):                          g1 = sleep(1); g2 = sleep(2)
 *     t = num + time.time()                t1 = next(g1); t2 = next(g2)
 *     yield t                              ... time.sleep(min_t - time.time()); next(g1) ...
 *     print('sleep 结束')
 * </pre>
 *
 * The seeds sleep one second per step; this one sleeps 0.2 s.
 */
public final class GeneratorNext {
    private static final long STEP_MS = 200;

    private GeneratorNext() {}

    static Generator<Void> func1() {
        return Generator.of(() -> {
            for (int i = 0; i < 3; i++) {
                System.out.println("北京第" + i + "次打印");
                Generator.yield(null);                  // yield
                Thread.sleep(STEP_MS);                  // time.sleep(1)
            }
        });
    }

    static void func2() throws InterruptedException {
        Generator<Void> g = func1();
        System.out.println(g);                          // print(type(g)): a generator, not started
        for (int k = 0; k < 3; k++) {
            System.out.println("上海第" + k + "次打印");
            g.next();                                   // next(g): run func1 to its next yield
            Thread.sleep(STEP_MS);
        }
    }

    /** {@code def sleep(num): t = num + time.time(); yield t; print('sleep 结束')}. */
    static Generator<Long> sleep(long millis, String name) {
        return Generator.of(() -> {
            long t = System.currentTimeMillis() + millis;
            Generator.yield(t);
            System.out.println(name + ": sleep 结束");
        });
    }

    public static void main(String[] args) throws Exception {
        System.out.println("-- yield: two tasks take turns in one thread (北京 / 上海)");
        long t1 = System.nanoTime();
        func2();
        System.out.printf("耗时: %.1f s (the sleeps add up: the switches only interleave)%n",
                (System.nanoTime() - t1) / 1e9);

        System.out.println("-- the event loop behind it: resume the generator whose wake-up time comes first");
        long start = System.currentTimeMillis();
        List<Generator<Long>> sleepers = new ArrayList<>(List.of(sleep(2 * STEP_MS, "g2"), sleep(STEP_MS, "g1")));
        List<Long> wakeAt = new ArrayList<>();
        for (Generator<Long> g : sleepers) wakeAt.add(g.next());   // t1 = next(g1); t2 = next(g2)
        while (!sleepers.isEmpty()) {
            int i = wakeAt.indexOf(wakeAt.stream().min(Long::compare).orElseThrow());   // min_t = min(lst)
            Thread.sleep(Math.max(0, wakeAt.get(i) - System.currentTimeMillis()));     // time.sleep(min_t - time.time())
            Generator<Long> g = sleepers.remove(i);
            wakeAt.remove(i);
            try {
                g.next();                               // g.next(): runs to the end
            } catch (java.util.NoSuchElementException finished) {
                // StopIteration: this sleeper is done
            }
        }
        System.out.printf("both done after %.1f s, not %.1f: the waits overlap%n",
                (System.currentTimeMillis() - start) / 1e3, 3 * STEP_MS / 1e3);
    }
}
