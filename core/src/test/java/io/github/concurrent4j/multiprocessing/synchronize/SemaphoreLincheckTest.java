package io.github.concurrent4j.multiprocessing.synchronize;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10: the shared-memory {@link BoundedSemaphore} is linearizable under concurrent
 * non-blocking acquires, releases (including over-releases, which throw) and reads, checked by
 * Lincheck's stress strategy in one JVM against the sequential behaviour of the same class.
 * (Model checking instruments field accesses; the semaphore's state is in a memory segment it
 * cannot see, so the stress strategy is the one that applies.)
 */
@Tag("stress")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
public class SemaphoreLincheckTest {
    /** Lincheck makes an instance per scenario: each a new semaphore in its own shared file. */
    public SemaphoreLincheckTest() {}

    /** Files of earlier test classes in the same JVM: not this test's. */
    private static final java.util.Set<java.nio.file.Path> BEFORE = new java.util.HashSet<>(CrossProcessSyncTest.syncFiles());
    private final BoundedSemaphore sem = new BoundedSemaphore(2);

    @Operation
    public boolean tryAcquire() {
        return sem.acquire(false);
    }

    @Operation
    public String release() {
        try {
            sem.release();
            return "ok";
        } catch (IllegalStateException e) {
            return "too many";
        }
    }

    @Operation
    public int getValue() {
        return sem.getValue();
    }

    /** Every instance's file is released by its cleaner once unreachable: none may be left. */
    @AfterEach
    void nothingLeft() {
        sem.close();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            System.gc();
            return CrossProcessSyncTest.syncFiles().stream().noneMatch(p -> !BEFORE.contains(p));
        });
    }

    @Test
    void semaphoreIsLinearizable() {
        new StressOptions().iterations(30).invocationsPerIteration(200).threads(3).actorsPerThread(3).check(SemaphoreLincheckTest.class);
    }
}
