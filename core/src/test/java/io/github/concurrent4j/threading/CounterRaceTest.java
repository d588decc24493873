package io.github.concurrent4j.threading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Acceptance 1: the seeds' MONEY race. Two threads each run {@code MONEY += n; MONEY -= n}
 * a million times; without a lock the result is off zero at least sometimes, with a
 * {@link Lock} it is always exactly zero.
 */
@Tag("unit")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CounterRaceTest {
    private static final int ITERATIONS = 1_000_000;
    /**
     * {@code volatile} only so that the JIT cannot fold {@code += n; -= n} into nothing (it
     * may for a plain field); it does not make {@code +=} atomic, which is the point.
     */
    private static volatile long money;

    private static void change(long n) {
        money += n;
        money -= n;
    }

    private static long runTwoThreads(Lock lockOrNull) {
        money = 0;
        // both threads start their loops together, so that they overlap (the seed relies on luck)
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (long n : new long[] {6, 7}) {
            threads.add(Threading.start("Thread-" + n, () -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < ITERATIONS; i++) {
                    if (lockOrNull == null) {
                        change(n);
                    } else {
                        lockOrNull.acquire();
                        try {
                            change(n);
                        } finally {
                            lockOrNull.release();
                        }
                    }
                }
            }));
        }
        go.countDown();
        threads.forEach(Threading::join);
        return money;
    }

    @Test
    void withoutALockTheCounterEndsOffZeroAtLeastSometimes() {
        // A race is a matter of timing, so it is shown by repeating until it is observed,
        // within a bound: on any multi-core machine the first run almost always shows it.
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        int attempts = 0;
        long observed = 0;
        while (observed == 0 && attempts < 500 && System.nanoTime() < deadline) {
            observed = runTwoThreads(null);
            attempts++;
        }
        System.out.printf("unlocked MONEY = %d after %d run(s) of 2 x %d%n", observed, attempts, ITERATIONS);
        assertThat(observed).as("MONEY without a lock after %d runs", attempts).isNotZero();
    }

    @Test
    void withALockTheCounterIsAlwaysExactlyZero() {
        Lock lock = new Lock("money");
        for (int run = 0; run < 3; run++) {
            assertThat(runTwoThreads(lock)).as("MONEY with a lock, run %d", run).isZero();
        }
        assertThat(lock.locked()).isFalse();
    }
}
