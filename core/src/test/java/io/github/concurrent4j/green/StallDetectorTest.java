package io.github.concurrent4j.green;

import io.github.concurrent4j.coroutine.LoopExitException;
import io.github.concurrent4j.coroutine.StallReport;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Acceptance 6: a plain blocking JDK call in a greenlet holds the hub and is reported. */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
@Tag("unit")
class StallDetectorTest {

    @Test
    void aGreenletBlockingInAPlainJdkCallForTwoSecondsIsReportedByName() throws Exception {
        List<StallReport> reports = new CopyOnWriteArrayList<>();
        try (Hub hub = Hub.open()) {
            hub.stallThreshold(Duration.ofMillis(500)).onStall(reports::add);
            int[] ticks = {0};
            Greenlet<Void> ticker = Gevent.spawn(() -> {
                for (int i = 0; i < 20; i++) {
                    Gevent.sleep(Duration.ofMillis(10));
                    ticks[0]++;
                }
            });
            Greenlet<Void> blocker = Gevent.spawn(() -> {
                try {
                    Thread.sleep(2000);   // unpatched: keeps the baton, the whole hub waits
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            long t0 = System.nanoTime();
            blocker.join();
            // while the blocker held the hub, the ticker could not tick even once
            assertThat(ticks[0]).isLessThanOrEqualTo(1);
            assertThat((System.nanoTime() - t0) / 1e6).isGreaterThanOrEqualTo(1900.0);
            ticker.join();
            assertThat(ticks[0]).isEqualTo(20);
            // (only the blocker's report counts: on a loaded machine the OS may also deschedule
            // another greenlet for a while)
            List<StallReport> mine = reports.stream().filter(x -> x.greenlet().equals(blocker.name())).toList();
            assertThat(mine).hasSize(1);
            StallReport r = mine.getFirst();
            assertThat(r.blocked()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            assertThat(r.stack()).anySatisfy(e -> assertThat(e.getMethodName()).contains("sleep"));
            assertThat(r.stack()).anySatisfy(e -> assertThat(e.getClassName()).isEqualTo(StallDetectorTest.class.getName()));
            assertThat(r.toString()).contains(blocker.name()).contains("blocked its hub");
        }
    }

    @Test
    void cooperativeGreenletsAndAnIdleHubAreNotReported() {
        List<StallReport> reports = new CopyOnWriteArrayList<>();
        try (Hub hub = Hub.open()) {
            hub.stallThreshold(Duration.ofMillis(1000)).onStall(reports::add);
            Greenlet<Void> g = Gevent.spawn(() -> {
                for (int i = 0; i < 60; i++) Gevent.sleep(Duration.ofMillis(25));   // idle hub in between
            });
            g.join();
            long until = System.nanoTime() + 1_500_000_000L;   // and a main greenlet with no greenlets left
            while (System.nanoTime() < until) Thread.onSpinWait();
        }
        assertThat(reports).isEmpty();
    }

    @Test
    void theDefaultReportGoesToTheSystemLogger() {
        // With no listener the report is logged (System.Logger "io.github.concurrent4j.green");
        // here it is enough that it does not break the hub.
        try (Hub hub = Hub.open()) {
            hub.stallThreshold(Duration.ofMillis(100));
            Greenlet<Void> g = Gevent.spawn(() -> {
                long end = System.nanoTime() + 300_000_000L;
                while (System.nanoTime() < end) Thread.onSpinWait();   // a long computation
            });
            Greenlet<Void> other = Gevent.spawn(() -> Gevent.sleep(Duration.ofMillis(1)));
            Gevent.joinAll(List.of(g, other));
            assertThat(g.successful()).isTrue();
        }
    }
}
