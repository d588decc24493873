package io.github.concurrent4j.examples.threading;

import io.github.concurrent4j.threading.Semaphore;
import io.github.concurrent4j.threading.Threading;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code Semaphore}: at most 3 of 8 readers read the file at the same time; the others wait
 * for a permit. A lock would let only one reader in.
 *
 * <p>The seed (003, "信号量(Semaphore)", 应用场景 1) describes this use without code: "when a
 * file is read by several threads, limit how many read at once with a semaphore". The
 * {@code with sem:} block is {@code try (var _ = sem.hold())}.
 */
public final class SemaphoreReaders {
    private SemaphoreReaders() {}

    public static void main(String[] args) {
        Semaphore sem = new Semaphore(3);
        AtomicInteger reading = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Thread> readers = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            String name = "reader-" + i;
            readers.add(Threading.start(name, () -> {
                try (var _ = sem.hold()) { // with sem:
                    int now = reading.incrementAndGet();
                    most.accumulateAndGet(now, Math::max);
                    System.out.printf("%s reads the file   (%d reading now)%n", name, now);
                    Naps.sleep(150);
                    reading.decrementAndGet();
                    System.out.printf("%s is done%n", name);
                }
            }));
        }
        readers.forEach(Threading::join);
        System.out.println("at most " + most.get() + " readers read at the same time (Semaphore(3))");
    }
}
