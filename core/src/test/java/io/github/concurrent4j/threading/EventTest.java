package io.github.concurrent4j.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Acceptance 3: Event.await(timeout) returns false on timeout and true once set; clear resets. */
@Tag("unit")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventTest {

    @Test
    void awaitReturnsFalseOnTimeoutTrueOnceSetAndClearResets() {
        Event event = new Event();
        assertThat(event.isSet()).isFalse();
        long t0 = System.nanoTime();
        assertThat(event.await(Duration.ofMillis(100))).isFalse();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());

        event.set();
        assertThat(event.isSet()).isTrue();
        assertThat(event.await(Duration.ofMillis(100))).isTrue();
        assertThat(event.await()).isTrue();

        event.clear();
        assertThat(event.isSet()).isFalse();
        assertThat(event.await(Duration.ZERO)).isFalse();
        assertThat(event.await(Duration.ofMillis(50))).isFalse();
    }

    @Test
    void setWakesEveryWaiter() {
        Event dinner = new Event();
        List<CompletableFuture<Boolean>> guests = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (String name : List.of("Tom", "Jack")) {
            CompletableFuture<Boolean> ate = new CompletableFuture<>();
            guests.add(ate);
            threads.add(Threading.start(name, () -> ate.complete(dinner.await(Duration.ofSeconds(20)))));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> threads.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING));
        dinner.set();
        for (CompletableFuture<Boolean> ate : guests) {
            assertThat(ate.join()).isTrue();
        }
    }

    @Test
    void aWaiterWokenBySetReturnsTrueEvenIfClearedRightAfter() {
        Event pulse = new Event();
        CompletableFuture<Boolean> woke = new CompletableFuture<>();
        Thread t = Threading.start(() -> woke.complete(pulse.await(Duration.ofSeconds(20))));
        await().atMost(Duration.ofSeconds(10)).until(() -> t.getState() == Thread.State.TIMED_WAITING);
        pulse.set();
        pulse.clear();
        assertThat(woke.join()).isTrue();
    }

    @Test
    void aNegativeTimeoutIsRefused() {
        assertThatThrownBy(() -> new Event().await(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
