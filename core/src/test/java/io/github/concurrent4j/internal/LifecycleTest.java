package io.github.concurrent4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.lifecycle.Service.State;

@Tag("unit")
@Timeout(10)
class LifecycleTest {
    @Test
    void movesForwardOnlyAndEachMoveHasOneOwner() {
        Lifecycle l = new Lifecycle("thing");
        assertThat(l.state()).isEqualTo(State.NEW);
        assertThat(l.starting()).isTrue();
        assertThat(l.starting()).isFalse();
        l.running();
        assertThat(l.state()).isEqualTo(State.RUNNING);
        assertThat(l.stopping()).isTrue();
        assertThat(l.stopping()).isFalse();
        l.terminated();
        assertThat(l.state()).isEqualTo(State.TERMINATED);
        assertThat(l.starting()).isFalse();
        assertThat(l.failed(new RuntimeException("late"))).isFalse();
        assertThat(l.state()).isEqualTo(State.TERMINATED);
        assertThat(l.failureCause()).isEmpty();
    }

    @Test
    void closedMeansStoppingOrTerminalAndCheckOpenNamesTheComponent() {
        Lifecycle l = new Lifecycle("the pool");
        l.checkOpen();
        l.stopping();
        assertThatThrownBy(l::checkOpen).isInstanceOf(IllegalStateException.class).hasMessage("the pool is shutting down");
        l.terminated();
        assertThatThrownBy(l::checkOpen).hasMessage("the pool is closed");
    }

    @Test
    void failureIsTerminalAndCarriesItsCause() {
        Lifecycle l = new Lifecycle("server");
        l.starting();
        RuntimeException boom = new RuntimeException("boom");
        assertThat(l.failed(boom)).isTrue();
        assertThat(l.failureCause()).contains(boom);
        l.terminated(); // refused silently: FAILED is never left
        assertThat(l.state()).isEqualTo(State.FAILED);
        assertThatThrownBy(l::checkOpen).hasMessageContaining("server has failed").hasCause(boom);
        assertThatThrownBy(() -> l.awaitRunning(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
        assertThat(l.awaitTerminated(Duration.ZERO)).isTrue();
    }

    @Test
    void waitersWakeOnTheTransition() throws Exception {
        Lifecycle l = new Lifecycle("x");
        l.starting();
        CountDownLatch running = new CountDownLatch(1), terminated = new CountDownLatch(1);
        Thread.ofPlatform().start(() -> {
            l.awaitRunning();
            running.countDown();
            l.awaitTerminated();
            terminated.countDown();
        });
        assertThat(l.awaitRunning(Duration.ofMillis(20))).isFalse();
        l.running();
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(terminated.getCount()).isEqualTo(1);
        l.stopping();
        l.terminated();
        assertThat(terminated.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void closedWhileStartingStaysClosed() {
        Lifecycle l = new Lifecycle("x");
        l.starting();
        l.stopping();
        l.running();
        assertThat(l.state()).isEqualTo(State.STOPPING);
    }
}
