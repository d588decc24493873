package io.github.concurrent4j.multiprocessing.synchronize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.sharedctypes.Array;

/**
 * Issue 10: the multi-process counterpart of {@link SemaphoreLincheckTest}. Four processes run
 * seeded random non-blocking acquires, timed acquires and releases on one
 * {@code BoundedSemaphore(3)}, counting what succeeded; the sequential model of a bounded
 * semaphore says the final value is {@code 3 - acquired + released}, that no release
 * succeeded beyond the bound, and that the value stayed within {@code [0, 3]} at every look.
 */
@Tag("stress")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SemaphoreModelStressTest {
    static final int PROCS = 4, OPS = 20_000, BOUND = 3;

    @Test
    void concurrentOperationsFromFourProcessesMatchTheSequentialModel() {
        java.util.Set<java.nio.file.Path> before = new java.util.HashSet<>(CrossProcessSyncTest.syncFiles());
        BoundedSemaphore sem = new BoundedSemaphore(BOUND);
        Array counts = Array.raw('q', 3 * PROCS); // per process: acquired, released, out-of-range values seen
        Barrier start = new Barrier(PROCS);
        List<Process> ps = new ArrayList<>();
        for (int p = 0; p < PROCS; p++) {
            int me = p;
            Process proc = new Process(() -> {
                SplittableRandom random = new SplittableRandom(1234 + me);
                long acquired = 0, released = 0, bad = 0;
                start.await(Duration.ofSeconds(60));
                for (int i = 0; i < OPS; i++) {
                    int v = sem.getValue();
                    if (v < 0 || v > BOUND) bad++;
                    switch (random.nextInt(3)) {
                        case 0 -> acquired += sem.acquire(false) ? 1 : 0;
                        case 1 -> acquired += sem.acquire(Duration.ofNanos(random.nextInt(50_000))) ? 1 : 0;
                        default -> {
                            try {
                                sem.release();
                                released++;
                            } catch (IllegalStateException overBound) {
                                // the model refuses it too: the value was at the bound
                            }
                        }
                    }
                }
                counts.set(3 * me, acquired);
                counts.set(3 * me + 1, released);
                counts.set(3 * me + 2, bad);
            });
            proc.start();
            ps.add(proc);
        }
        for (Process p : ps) {
            p.join();
            assertThat(p.exitCode()).hasValue(0);
        }
        long acquired = 0, released = 0, bad = 0;
        for (int p = 0; p < PROCS; p++) {
            acquired += counts.getLong(3 * p);
            released += counts.getLong(3 * p + 1);
            bad += counts.getLong(3 * p + 2);
        }
        assertThat(bad).as("values outside [0, bound] seen").isZero();
        assertThat(acquired).as("some acquires succeeded").isPositive();
        assertThat((long) sem.getValue()).isEqualTo(BOUND - acquired + released);
        sem.close();
        counts.close();
        start.close();
        CrossProcessSyncTest.assertNoNewSyncFiles(before);
    }
}
