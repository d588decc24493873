package io.github.concurrent4j.multiprocessing.synchronize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.internal.RuntimeDirs;
import io.github.concurrent4j.threading.BrokenBarrierException;

/**
 * Issue 10, acceptance 9 and 10, and the basic contract of every synchronize type across real
 * child JVMs: passed to {@code new Process(target)}, used there, seen here.
 */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CrossProcessSyncTest {
    private final List<Runnable> toClose = new ArrayList<>();
    private final java.util.Set<Path> before = new java.util.HashSet<>(syncFiles());

    @AfterEach
    void closeAndCheckNothingLeft() {
        toClose.forEach(Runnable::run);
        assertNoNewSyncFiles(before);
    }

    /**
     * No shared object file made since {@code before} is left. Objects a test dropped without
     * closing are released by their cleaner once collected: the check gives the collector up to
     * 10 s. Files of earlier test classes in the same JVM are not this test's.
     */
    static void assertNoNewSyncFiles(java.util.Set<Path> before) {
        long end = System.nanoTime() + 10_000_000_000L;
        List<Path> left;
        while (!(left = syncFiles().stream().filter(p -> !before.contains(p)).toList()).isEmpty() && System.nanoTime() < end) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(left).as("shared-memory files left").isEmpty();
    }

    static List<Path> syncFiles() {
        try (Stream<Path> s = Files.list(RuntimeDirs.shmDir())) {
            return s.filter(p -> p.getFileName().toString().startsWith("sync-")).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Process start(io.github.concurrent4j.function.SerializableRunnable target) {
        Process p = new Process(target);
        p.start();
        return p;
    }

    private static void joinOk(Process p) {
        p.join();
        assertThat(p.exitCode()).as("exit code of " + p).hasValue(0);
    }

    @Test
    void aLockTakenInAChildIsSeenHereAndReleasedThere() {
        Lock lock = new Lock();
        Event taken = new Event(), go = new Event();
        toClose.add(lock::close);
        toClose.add(taken::close);
        toClose.add(go::close);
        Process p = start(() -> {
            lock.acquire();
            taken.set();
            go.await();
            lock.release();
        });
        assertThat(taken.await(Duration.ofSeconds(30))).isTrue();
        assertThat(lock.locked()).isTrue();
        assertThat(lock.owner()).get().extracting(o -> o.pid()).isEqualTo(p.pid());
        assertThat(lock.acquire(Duration.ofMillis(100))).isFalse();
        go.set();
        assertThat(lock.acquire(Duration.ofSeconds(30))).isTrue();
        lock.release();
        joinOk(p);
    }

    @Test
    void anyProcessMayReleaseAPlainLockButNotAnUnownedRLock() {
        Lock lock = new Lock();
        RLock rlock = new RLock();
        toClose.add(lock::close);
        toClose.add(rlock::close);
        lock.acquire();
        rlock.acquire();
        rlock.acquire();
        assertThat(rlock.holdCount()).isEqualTo(2);
        Process p = start(() -> {
            lock.release(); // allowed, as in Python
            try {
                rlock.release();
                throw new AssertionError("released an RLock it does not hold");
            } catch (IllegalStateException expected) {
                // as Python's RuntimeError
            }
        });
        joinOk(p);
        assertThat(lock.locked()).isFalse();
        assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class).hasMessageContaining("release unlocked lock");
        rlock.release();
        rlock.release();
        assertThat(rlock.locked()).isFalse();
    }

    /** Acceptance 9: a holder SIGKILLed; the next acquire gets OwnerDiedException within 1 s, then the lock works. */
    @Test
    void aKilledHolderGivesOwnerDiedExceptionWithinASecond() {
        Lock lock = new Lock();
        Lock robust = new Lock("robust", true);
        Event taken = new Event();
        toClose.add(lock::close);
        toClose.add(robust::close);
        toClose.add(taken::close);
        Process p = start(() -> {
            lock.acquire();
            robust.acquire();
            taken.set();
            Thread.sleep(60_000);
        });
        assertThat(taken.await(Duration.ofSeconds(30))).isTrue();
        p.kill();
        p.join();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> lock.acquire(Duration.ofSeconds(5))).isInstanceOf(OwnerDiedException.class)
                .hasMessageContaining("died holding it");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1_000);
        assertThat(lock.locked()).isFalse();
        assertThat(lock.acquire(false)).isTrue();
        lock.release();
        t0 = System.nanoTime();
        assertThat(robust.acquire(Duration.ofSeconds(5))).isTrue();
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1_000);
        assertThat(robust.ownerDiedCount()).isEqualTo(1);
        robust.release();
    }

    @Test
    void semaphoreAndBoundedSemaphoreCountAcrossProcesses() {
        Semaphore sem = new Semaphore(0);
        BoundedSemaphore bounded = new BoundedSemaphore(2);
        toClose.add(sem::close);
        toClose.add(bounded::close);
        Process p = start(() -> {
            bounded.acquire();
            bounded.acquire();
            sem.release(3);
        });
        assertThat(sem.acquire(Duration.ofSeconds(30))).isTrue();
        assertThat(sem.acquire(false)).isTrue();
        assertThat(sem.acquire(false)).isTrue();
        assertThat(sem.acquire(false)).isFalse();
        joinOk(p);
        assertThat(bounded.getValue()).isZero();
        bounded.release(2);
        assertThatThrownBy(bounded::release).isInstanceOf(IllegalStateException.class).hasMessageContaining("released too many times");
    }

    @Test
    void eventAwaitReturnsTheFlagAcrossProcesses() {
        Event ping = new Event(), pong = new Event();
        toClose.add(ping::close);
        toClose.add(pong::close);
        Process p = start(() -> {
            for (int i = 0; i < 100; i++) {
                if (!ping.await(Duration.ofSeconds(30))) throw new AssertionError("no ping " + i);
                ping.clear();
                pong.set();
            }
        });
        for (int i = 0; i < 100; i++) {
            ping.set();
            assertThat(pong.await(Duration.ofSeconds(30))).isTrue();
            pong.clear();
        }
        joinOk(p);
        assertThat(pong.await(Duration.ofMillis(50))).isFalse();
    }

    @Test
    void conditionSignalWakesAWaiterInAnotherProcess() {
        Condition cond = new Condition();
        Event ready = new Event(), done = new Event();
        toClose.add(cond::close);
        toClose.add(ready::close);
        toClose.add(done::close);
        Process p = start(() -> {
            cond.acquire();
            ready.set();
            boolean ok = cond.await(Duration.ofSeconds(30));
            cond.release();
            if (ok) done.set();
        });
        assertThat(ready.await(Duration.ofSeconds(30))).isTrue();
        try (var _ = cond.hold()) { // the child is inside await once it has let go of the lock
            cond.signal();
        }
        assertThat(done.await(Duration.ofSeconds(30))).isTrue();
        joinOk(p);
    }

    /** Acceptance 10: Barrier(3) across 3 processes releases all; one party's timeout breaks it for the others. */
    @Test
    void barrierOfThreeProcessesAndATimeoutThatBreaksIt() {
        Barrier barrier = new Barrier(3);
        toClose.add(barrier::close);
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 2; i++) ps.add(start(() -> barrier.await(Duration.ofSeconds(30))));
        int index = barrier.await(Duration.ofSeconds(30));
        assertThat(index).isBetween(0, 2);
        ps.forEach(CrossProcessSyncTest::joinOk);

        Barrier b2 = new Barrier(3);
        Event broken = new Event();
        toClose.add(b2::close);
        toClose.add(broken::close);
        Process other = start(() -> {
            try {
                b2.await(Duration.ofSeconds(30));
            } catch (BrokenBarrierException e) {
                broken.set();
            }
        });
        assertThatThrownBy(() -> b2.await(Duration.ofMillis(300))).isInstanceOf(BrokenBarrierException.class);
        assertThat(broken.await(Duration.ofSeconds(30))).isTrue();
        assertThat(b2.isBroken()).isTrue();
        joinOk(other);
    }
}
