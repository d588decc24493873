package io.github.concurrent4j.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.concurrent4j.InterruptedRuntimeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Acceptance 2 and the rest of the Lock/RLock contract. */
@Tag("unit")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LockTest {

    @Test
    void aLockAcquiredInOneThreadCanBeReleasedByAnother() {
        Lock lock = new Lock("handover");
        Thread acquirer = Threading.start("acquirer", lock::acquire);
        Threading.join(acquirer);
        assertThat(lock.locked()).isTrue();
        assertThat(lock.owner()).contains(ThreadRef.of(acquirer));

        lock.release(); // by the test thread, which never acquired it

        assertThat(lock.locked()).isFalse();
        assertThat(lock.owner()).isEmpty();
        assertThat(lock.acquire(false)).isTrue();
        lock.release();
    }

    @Test
    void aReleaseByAnotherThreadWakesAWaiter() {
        Lock lock = new Lock();
        lock.acquire();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> lock.acquire(Duration.ofSeconds(20)));
        await().atMost(Duration.ofSeconds(10)).until(() -> !lock.waiters().isEmpty());
        Threading.join(Threading.start(lock::release));
        assertThat(waiter.join()).isTrue();
        assertThat(lock.locked()).isTrue();
    }

    @Test
    void releasingAnUnlockedLockRaises() {
        Lock lock = new Lock();
        assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class).hasMessage("release unlocked lock");
        lock.acquire();
        lock.release();
        assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class);
        assertThat(lock.locked()).isFalse();
    }

    @Test
    void aLockIsNotReentrant() {
        Lock lock = new Lock();
        lock.acquire();
        assertThat(lock.acquire(false)).isFalse();
        assertThat(lock.acquire(Duration.ofMillis(20))).isFalse();
        lock.release();
    }

    @Test
    void holdIsPythonsWith() {
        Lock lock = new Lock("with");
        try (var _ = lock.hold()) {
            assertThat(lock.locked()).isTrue();
            assertThat(lock.toString()).isEqualTo("Lock 'with' [locked by " + ThreadRef.of(Thread.currentThread()) + "]");
        }
        assertThat(lock.locked()).isFalse();
        assertThat(lock.toString()).isEqualTo("Lock 'with' [unlocked]");
        assertThat(new Lock().name()).matches("Lock@[0-9a-f]+");
    }

    @Test
    void aTimedAcquireGivesUpAndRefusesANegativeTimeout() {
        Lock lock = new Lock();
        Threading.join(Threading.start(lock::acquire));
        long t0 = System.nanoTime();
        assertThat(lock.acquire(Duration.ofMillis(100))).isFalse();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
        assertThatThrownBy(() -> lock.acquire(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> lock.acquire((Duration) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aBlockedAcquireIsInterruptible() {
        Lock lock = new Lock();
        lock.acquire();
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread t = Threading.start(() -> {
            try {
                lock.acquire();
            } catch (InterruptedRuntimeException e) {
                interrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> lock.waiters().contains(ThreadRef.of(t)));
        t.interrupt();
        Threading.join(t);
        assertThat(interrupted).isTrue();
    }

    @Test
    void anRLockAcquiredThreeTimesNeedsThreeReleases() {
        RLock rlock = new RLock("r");
        rlock.acquire();
        rlock.acquire();
        assertThat(rlock.acquire(false)).isTrue();
        assertThat(rlock.holdCount()).isEqualTo(3);

        rlock.release();
        rlock.release();
        assertThat(rlock.locked()).isTrue();
        assertThat(otherThreadCanAcquire(rlock)).isFalse();

        rlock.release();
        assertThat(rlock.locked()).isFalse();
        assertThat(otherThreadCanAcquire(rlock)).isTrue();
        assertThatThrownBy(rlock::release).isInstanceOf(IllegalMonitorStateException.class);
    }

    @Test
    void anRLockRefusesAForeignRelease() {
        RLock rlock = new RLock();
        Thread owner = Threading.start(rlock::acquire);
        Threading.join(owner);
        assertThat(rlock.owner()).contains(ThreadRef.of(owner));

        assertThatThrownBy(rlock::release)
                .isInstanceOf(IllegalMonitorStateException.class)
                .hasMessage("cannot release un-acquired lock");
        assertThat(rlock.locked()).isTrue();
        assertThat(rlock.isHeldByCurrentThread()).isFalse();
        assertThat(rlock.holdCount()).isZero();
    }

    @Test
    void withOnAnRLockNests() {
        RLock rlock = new RLock();
        try (var _ = rlock.hold()) {
            try (var _ = rlock.hold()) {
                assertThat(rlock.holdCount()).isEqualTo(2);
            }
            assertThat(rlock.holdCount()).isEqualTo(1);
        }
        assertThat(rlock.locked()).isFalse();
    }

    private static boolean otherThreadCanAcquire(Mutex lock) {
        CompletableFuture<Boolean> r = new CompletableFuture<>();
        Threading.join(Threading.start(() -> {
            boolean got = lock.acquire(false);
            r.complete(got);
            if (got) {
                lock.release();
            }
        }));
        return r.join();
    }
}
