package io.github.concurrent4j.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Acceptance 4: Barrier(3): the action runs once per generation; a timeout breaks it for all
 * parties; reset releases waiters with BrokenBarrierException.
 */
@Tag("unit")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BarrierTest {

    private static <T> CompletableFuture<T> inThread(Supplier<T> body) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Threading.start(() -> {
            try {
                f.complete(body.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    @Test
    void theActionRunsOncePerGenerationAndIndicesAreZeroToPartiesMinusOne() {
        AtomicInteger actions = new AtomicInteger();
        Barrier barrier = new Barrier(3, actions::incrementAndGet);
        for (int generation = 1; generation <= 3; generation++) {
            List<CompletableFuture<Integer>> parties = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                parties.add(inThread(barrier::await));
            }
            List<Integer> indices = parties.stream().map(CompletableFuture::join).sorted().toList();
            assertThat(indices).containsExactly(0, 1, 2);
            assertThat(actions.get()).isEqualTo(generation);
        }
        assertThat(barrier.isBroken()).isFalse();
    }

    @Test
    void aTimeoutBreaksTheBarrierForAllParties() {
        Barrier barrier = new Barrier(3);
        CompletableFuture<Integer> patient = inThread(() -> barrier.await(Duration.ofSeconds(20)));
        await().atMost(Duration.ofSeconds(10)).until(() -> barrier.nWaiting() == 1);
        CompletableFuture<Integer> hasty = inThread(() -> barrier.await(Duration.ofMillis(100)));

        assertThatThrownBy(hasty::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(BrokenBarrierException.class);
        assertThatThrownBy(patient::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(BrokenBarrierException.class);
        assertThat(barrier.isBroken()).isTrue();
        assertThatThrownBy(barrier::await).isInstanceOf(BrokenBarrierException.class);
    }

    @Test
    void theDefaultTimeoutOfTheConstructorApplies() {
        Barrier barrier = new Barrier(2, null, Duration.ofMillis(50));
        assertThatThrownBy(barrier::await).isInstanceOf(BrokenBarrierException.class).hasMessageContaining("timed out");
    }

    @Test
    void resetReleasesWaitersWithBrokenBarrierAndTheBarrierWorksAgain() {
        Barrier barrier = new Barrier(3);
        CompletableFuture<Integer> a = inThread(barrier::await);
        CompletableFuture<Integer> b = inThread(barrier::await);
        await().atMost(Duration.ofSeconds(10)).until(() -> barrier.nWaiting() == 2);

        barrier.reset();

        assertThatThrownBy(a::join).hasCauseInstanceOf(BrokenBarrierException.class);
        assertThatThrownBy(b::join).hasCauseInstanceOf(BrokenBarrierException.class);
        assertThat(barrier.isBroken()).isFalse();
        assertThat(barrier.nWaiting()).isZero();
        List<CompletableFuture<Integer>> again = List.of(inThread(barrier::await), inThread(barrier::await), inThread(barrier::await));
        assertThat(again.stream().map(CompletableFuture::join).sorted().toList()).containsExactly(0, 1, 2);
    }

    @Test
    void abortBreaksUntilReset() {
        Barrier barrier = new Barrier(2);
        CompletableFuture<Integer> waiting = inThread(barrier::await);
        await().atMost(Duration.ofSeconds(10)).until(() -> barrier.nWaiting() == 1);
        barrier.abort();
        assertThatThrownBy(waiting::join).hasCauseInstanceOf(BrokenBarrierException.class);
        assertThatThrownBy(barrier::await).isInstanceOf(BrokenBarrierException.class);
        barrier.reset();
        CompletableFuture<Integer> other = inThread(barrier::await);
        assertThat(barrier.await()).isBetween(0, 1);
        assertThat(other.join()).isBetween(0, 1);
    }

    @Test
    void aFailingActionBreaksTheBarrierAndPropagatesInTheLastThread() {
        Barrier barrier = new Barrier(2, () -> {
            throw new IllegalStateException("action failed");
        });
        CompletableFuture<Integer> first = inThread(barrier::await);
        await().atMost(Duration.ofSeconds(10)).until(() -> barrier.nWaiting() == 1);
        assertThatThrownBy(barrier::await).isInstanceOf(IllegalStateException.class).hasMessage("action failed");
        assertThatThrownBy(first::join).hasCauseInstanceOf(BrokenBarrierException.class);
        assertThat(barrier.isBroken()).isTrue();
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> new Barrier(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Barrier(2, null, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
