package io.github.concurrent4j.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Semaphore, BoundedSemaphore, Condition and Local. */
@Tag("unit")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PrimitivesTest {

    @Test
    void aSemaphoreLimitsHowManyThreadsAreInside() {
        Semaphore readers = new Semaphore(3);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(Threading.start(() -> {
                for (int k = 0; k < 200; k++) {
                    try (var _ = readers.hold()) {
                        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.onSpinWait();
                        inside.decrementAndGet();
                    }
                }
            }));
        }
        threads.forEach(Threading::join);
        assertThat(maxInside.get()).isBetween(1, 3);
        assertThat(readers.value()).isEqualTo(3);
    }

    @Test
    void semaphoreAcquireFormsAndReleaseN() {
        Semaphore s = new Semaphore(0);
        assertThat(s.acquire(false)).isFalse();
        assertThat(s.acquire(Duration.ofMillis(20))).isFalse();
        s.release(2);
        assertThat(s.acquire(false)).isTrue();
        assertThat(s.acquire(Duration.ZERO)).isTrue();
        s.release(); // an unbounded semaphore may exceed its initial value
        assertThat(s.value()).isEqualTo(1);
        assertThatThrownBy(() -> new Semaphore(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.release(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBoundedSemaphoreRefusesTooManyReleases() {
        BoundedSemaphore s = new BoundedSemaphore(2);
        s.acquire();
        s.release();
        assertThatThrownBy(s::release).isInstanceOf(IllegalStateException.class).hasMessage("Semaphore released too many times");
        assertThat(s.value()).isEqualTo(2);
    }

    @Test
    void conditionAwaitForWaitsUntilThePredicateHolds() {
        Condition changed = new Condition();
        List<Integer> items = new ArrayList<>();
        CompletableFuture<Integer> consumer = new CompletableFuture<>();
        Thread t = Threading.start(() -> {
            try (var _ = changed.hold()) {
                changed.awaitFor(() -> !items.isEmpty());
                consumer.complete(items.removeFirst());
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> t.getState() == Thread.State.WAITING);
        try (var _ = changed.hold()) {
            items.add(42);
            changed.signal();
        }
        assertThat(consumer.join()).isEqualTo(42);
    }

    @Test
    void conditionTimedWaitsReturnFalseAfterTheTimeout() {
        Condition c = new Condition(new Lock());
        try (var _ = c.hold()) {
            assertThat(c.await(Duration.ofMillis(20))).isFalse();
            assertThat(c.awaitFor(() -> false, Duration.ofMillis(20))).isFalse();
            assertThat(c.awaitFor(() -> true, Duration.ofMillis(20))).isTrue();
        }
    }

    @Test
    void conditionRequiresTheLock() {
        Condition c = new Condition();
        assertThatThrownBy(c::await).isInstanceOf(IllegalMonitorStateException.class).hasMessage("cannot wait on un-acquired lock");
        assertThatThrownBy(c::signal).isInstanceOf(IllegalMonitorStateException.class).hasMessage("cannot notify on un-acquired lock");
        assertThatThrownBy(c::signalAll).isInstanceOf(IllegalMonitorStateException.class);
    }

    @Test
    void anRLockConditionWaitReleasesAllHoldsAndRestoresThem() {
        RLock rlock = new RLock();
        Condition c = new Condition(rlock);
        rlock.acquire();
        rlock.acquire();
        CompletableFuture<Boolean> other = new CompletableFuture<>();
        Threading.start(() -> {
            try (var _ = c.hold()) { // possible only because the wait released both holds
                other.complete(true);
                c.signalAll();
            }
        });
        c.awaitFor(other::isDone);
        assertThat(rlock.holdCount()).isEqualTo(2);
        rlock.release();
        rlock.release();
    }

    @Test
    void aLocalHasOneValuePerThread() {
        Local<Integer> money = new Local<>();
        assertThatThrownBy(money::get).isInstanceOf(NoSuchElementException.class);
        money.set(100);
        CompletableFuture<String> seenElsewhere = new CompletableFuture<>();
        Threading.join(Threading.start(() -> {
            seenElsewhere.complete(money.isSet() ? "set" : "unset");
            money.set(7);
        }));
        assertThat(seenElsewhere.join()).isEqualTo("unset");
        assertThat(money.get()).isEqualTo(100);
        money.remove();
        assertThat(money.isSet()).isFalse();

        Local<List<String>> perThread = Local.withInitial(ArrayList::new);
        perThread.get().add("main");
        CompletableFuture<List<String>> other = new CompletableFuture<>();
        Threading.join(Threading.start(() -> other.complete(perThread.get())));
        assertThat(other.join()).isEmpty();
        assertThat(perThread.get()).containsExactly("main");
    }
}
