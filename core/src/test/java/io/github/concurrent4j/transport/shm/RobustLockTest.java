package io.github.concurrent4j.transport.shm;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.testing.JavaProgram;

/** The robust shared-memory lock: exclusion across threads and processes, owners, timeouts, and recovery from a dead owner. */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RobustLockTest {
    private static final VarHandle LONG = JAVA_LONG.varHandle();
    @RegisterExtension
    static final ShmFiles files = new ShmFiles();

    private static SharedFile file(String name) {
        return files.create(name, 4096);
    }

    @Test
    void anUncontendedLockIsAcquiredAndReleasedWithItsOwnerRecorded() {
        SharedFile f = file("plain");
        RobustLock lock = new RobustLock(f.memory(), 64);
        assertThat(lock.isLocked()).isFalse();
        assertThat(lock.owner()).isEmpty();
        assertThat(lock.acquire()).isEqualTo(RobustLock.Outcome.ACQUIRED);
        assertThat(lock.isLocked()).isTrue();
        assertThat(lock.isHeldByCurrentThread()).isTrue();
        RobustLock.Owner o = lock.owner().orElseThrow();
        assertThat(o.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(o.threadId()).isEqualTo(Thread.currentThread().threadId());
        assertThat(o.startTicks()).isEqualTo(Pids.SELF_START & 0xFFFF_FFFFL);
        assertThat(o.isAlive()).isTrue();
        lock.release();
        assertThat(lock.isLocked()).isFalse();
        assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class).hasMessageContaining("not held");
        assertThatThrownBy(lock::releaseAny).isInstanceOf(IllegalStateException.class).hasMessageContaining("not held");
    }

    @Test
    void aTimedAcquireOfAHeldLockTimesOutAndTryOnceDoesNotWait() throws Exception {
        SharedFile f = file("timed");
        RobustLock lock = new RobustLock(f.memory(), 0);
        lock.acquire();
        AtomicReference<RobustLock.Outcome> once = new AtomicReference<>(), timed = new AtomicReference<>();
        long[] waitedMs = new long[1];
        Thread t = Thread.ofPlatform().start(() -> {
            once.set(lock.acquire(0));
            long t0 = System.nanoTime();
            timed.set(lock.acquire(TimeUnit.MILLISECONDS.toNanos(200)));
            waitedMs[0] = (System.nanoTime() - t0) / 1_000_000;
        });
        t.join();
        assertThat(once.get()).isEqualTo(RobustLock.Outcome.TIMED_OUT);
        assertThat(timed.get()).isEqualTo(RobustLock.Outcome.TIMED_OUT);
        assertThat(timed.get().acquired()).isFalse();
        assertThat(waitedMs[0]).isBetween(190L, 2_000L);
        lock.release();
    }

    @Test
    void onlyTheOwningThreadMayReleaseButReleaseAnyFreesItForOthers() throws Exception {
        SharedFile f = file("owner");
        RobustLock lock = new RobustLock(f.memory(), 0);
        lock.acquire();
        AtomicReference<Throwable> err = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                lock.release();
            } catch (Throwable e) {
                err.set(e);
            }
        });
        t.join();
        assertThat(err.get()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("held by pid " + ProcessHandle.current().pid() + " thread " + Thread.currentThread().threadId());
        // Python's multiprocessing.Lock may be released by any thread of any process.
        Thread u = Thread.ofPlatform().start(lock::releaseAny);
        u.join();
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    void threadsExcludeEachOtherAndSleepersAreWoken() throws Exception {
        SharedFile f = file("threads");
        RobustLock lock = new RobustLock(f.memory(), 0);
        int threads = 4, each = 50_000;
        long[] counter = new long[1];
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            ts.add(Thread.ofPlatform().start(() -> {
                for (int k = 0; k < each; k++) {
                    lock.acquire();
                    try {
                        counter[0]++;
                        if (k % 10_000 == 0) Thread.sleep(2); // make the others sleep on the futex now and then
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    } finally {
                        lock.release();
                    }
                }
            }));
        }
        for (Thread t : ts) t.join();
        assertThat(counter[0]).isEqualTo((long) threads * each);
        assertThat(lock.isLocked()).isFalse();
    }

    @Test
    void anInterruptedWaiterStopsWaiting() throws Exception {
        SharedFile f = file("interrupt");
        RobustLock lock = new RobustLock(f.memory(), 0);
        lock.acquire();
        AtomicReference<Throwable> err = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread t = Thread.ofPlatform().start(() -> {
            started.countDown();
            try {
                lock.acquire();
            } catch (Throwable e) {
                err.set(e);
            }
        });
        started.await();
        Thread.sleep(50); // let it reach the futex sleep
        t.interrupt();
        t.join(5_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(err.get()).isInstanceOf(InterruptedRuntimeException.class);
        lock.release();
    }

    @Test
    void aLockWhoseOwnerPidWasReusedByAnotherProcessIsTakenOver() throws Exception {
        SharedFile f = file("reuse");
        RobustLock lock = new RobustLock(f.memory(), 0);
        // Pretend a process with the pid of a living one (our parent) but another start time holds it:
        // the pid was reused, so the owner is dead.
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        long wrongStart = (Pids.startTicks(parent) + 12_345) & 0xFFFF_FFFFL;
        LONG.setVolatile(f.memory(), RobustLock.STATE, (wrongStart << 32) | parent);
        assertThat(lock.owner().orElseThrow().isAlive()).isFalse();
        long t0 = System.nanoTime();
        assertThat(lock.acquire(TimeUnit.SECONDS.toNanos(5))).isEqualTo(RobustLock.Outcome.OWNER_DIED);
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(1));
        assertThat(lock.isHeldByCurrentThread()).isTrue();
        assertThat(lock.takeovers()).isEqualTo(1);
        lock.release();

        // The same pid with its true start time is a live owner: not taken over.
        LONG.setVolatile(f.memory(), RobustLock.STATE, ((Pids.startTicks(parent) & 0xFFFF_FFFFL) << 32) | parent);
        assertThat(lock.owner().orElseThrow().isAlive()).isTrue();
        assertThat(lock.acquire(TimeUnit.MILLISECONDS.toNanos(300))).isEqualTo(RobustLock.Outcome.TIMED_OUT);
        lock.releaseAny();
    }

    /** Acceptance 4 of issue 14: a holder SIGKILLed while it holds the lock; the next locker proceeds within 1 s. */
    @Test
    void aHolderKilledWhileHoldingTheLockIsTakenOverWithinASecond() throws Exception {
        SharedFile f = file("killed");
        RobustLock lock = new RobustLock(f.memory(), 128);
        try (JavaProgram holder = JavaProgram.start(LockHolderMain.class, "hold", f.path().toString(), "128")) {
            assertThat(holder.awaitLine("held", Duration.ofSeconds(60))).isEqualTo("held ACQUIRED");
            RobustLock.Owner o = lock.owner().orElseThrow();
            assertThat(o.pid()).isEqualTo(holder.process().pid());
            assertThat(o.isAlive()).isTrue();
            assertThat(lock.acquire(TimeUnit.MILLISECONDS.toNanos(100))).isEqualTo(RobustLock.Outcome.TIMED_OUT);

            AtomicReference<RobustLock.Outcome> got = new AtomicReference<>();
            long[] tookNanos = new long[1];
            CountDownLatch waiting = new CountDownLatch(1);
            Thread next = Thread.ofPlatform().start(() -> {
                waiting.countDown();
                got.set(lock.acquire());
                tookNanos[0] = System.nanoTime();
            });
            waiting.await();
            Thread.sleep(100); // the next locker is asleep on the futex
            holder.process().destroyForcibly(); // SIGKILL
            long killed = System.nanoTime();
            holder.process().waitFor();
            next.join(10_000);
            assertThat(got.get()).isEqualTo(RobustLock.Outcome.OWNER_DIED);
            assertThat((tookNanos[0] - killed) / 1_000_000).isLessThan(1_000);
            assertThat(lock.owner().orElseThrow().pid()).isEqualTo(ProcessHandle.current().pid());
        }
    }

    /** Python's {@code multiprocessing.Lock}: a lock held by one process may be released by another, which is not a takeover. */
    @Test
    void anotherProcessMayReleaseAPlainLockItDoesNotHold() throws Exception {
        SharedFile f = file("foreign");
        RobustLock lock = new RobustLock(f.memory(), 0);
        try (JavaProgram holder = JavaProgram.start(LockHolderMain.class, "hold", f.path().toString(), "0")) {
            holder.awaitLine("held", Duration.ofSeconds(60));
            assertThat(lock.owner().orElseThrow().pid()).isEqualTo(holder.process().pid());
            assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("held by pid " + holder.process().pid());
            lock.releaseAny();
            assertThat(lock.acquire(TimeUnit.SECONDS.toNanos(5))).isEqualTo(RobustLock.Outcome.ACQUIRED);
            assertThat(lock.takeovers()).isZero();
            lock.release();
        }
    }

    @Test
    void processesExcludeEachOther() throws Exception {
        SharedFile f = file("count");
        int procs = 3, each = 20_000;
        List<JavaProgram> ps = new ArrayList<>();
        try {
            for (int i = 0; i < procs; i++) ps.add(JavaProgram.start(LockHolderMain.class, "count", f.path().toString(), "0", "" + each));
            for (JavaProgram p : ps) p.awaitLine("done", Duration.ofSeconds(90));
            for (JavaProgram p : ps) assertThat(p.awaitExit(Duration.ofSeconds(30))).isZero();
        } finally {
            for (JavaProgram p : ps) p.close();
        }
        assertThat(f.memory().get(JAVA_LONG, RobustLock.SIZE)).isEqualTo((long) procs * each);
    }
}
