package io.github.concurrent4j.green;

import io.github.concurrent4j.coroutine.internal.Clock;
import io.github.concurrent4j.coroutine.LoopExitException;
import io.github.concurrent4j.coroutine.StallReport;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Acceptance 2: thousands of greenlets in one hub, one at a time. */
@Tag("unit")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HubSchedulingTest {

    @Test
    void tenThousandGreenletsSleepingOneSecondFinishInUnderThreeSeconds() throws Exception {
        Clock clock = Clock.virtual();   // the hub's time: exact, whatever the machine's load
        Clock.runWith(clock, () -> {
        try (Hub hub = Hub.open()) {
            long t0 = clock.nanoTime();
            long wall0 = System.nanoTime();
            List<Greenlet<?>> gs = new ArrayList<>();
            int[] woke = {0};
            for (int i = 0; i < 10_000; i++) {
                gs.add(Gevent.spawn(() -> {
                    Gevent.sleep(Duration.ofSeconds(1));
                    woke[0]++;
                }));
            }
            Gevent.joinAll(gs);
            assertThat(woke[0]).isEqualTo(10_000);
            // the sleeps overlap: one second of the hub's time for all of them
            assertThat(clock.nanoTime() - t0).isEqualTo(1_000_000_000L);
            assertThat((System.nanoTime() - wall0) / 1e9).isLessThan(30.0);   // a hang guard, not a timing
            assertThat(gs).allMatch(Greenlet::successful);
        }
        return null;
        });
    }

    @Test
    void aCounterIncrementedWithoutALockIsExactBecauseOnlyOneGreenletRuns() {
        // Between the read and the write each greenlet lets the JVM run other threads
        // (Thread.yield, a busy spin): plain threads would lose updates here. Greenlets of one
        // hub do not, because the baton passes only at cooperative points (Gevent.sleep()).
        int n = 10_000, rounds = 3;
        int[] counter = {0};
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        try (Hub hub = Hub.open()) {
            List<Greenlet<?>> gs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                gs.add(Gevent.spawn(() -> {
                    for (int r = 0; r < rounds; r++) {
                        if (running.incrementAndGet() != 1) overlaps.incrementAndGet();
                        int v = counter[0];
                        Thread.yield();
                        Thread.onSpinWait();
                        counter[0] = v + 1;
                        running.decrementAndGet();
                        Gevent.sleep();   // the cooperative point: the next greenlet runs
                    }
                }));
            }
            Gevent.joinAll(gs);
        }
        assertThat(overlaps.get()).isZero();
        assertThat(counter[0]).isEqualTo(n * rounds);
    }

    @Test
    void spawnedGreenletsRunOnlyWhenTheMainGreenletReachesACooperativePoint() {
        try (Hub hub = Hub.open()) {
            List<String> out = new ArrayList<>();
            Greenlet<?> g = Gevent.spawn(() -> out.add("greenlet"));
            out.add("main before");
            assertThat(g.ready()).isFalse();
            Gevent.sleep();
            out.add("main after");
            assertThat(out).containsExactly("main before", "greenlet", "main after");
        }
    }

    @Test
    void sleepZeroRoundRobinsInSpawnOrder() {
        try (Hub hub = Hub.open()) {
            List<String> out = new ArrayList<>();
            List<Greenlet<?>> gs = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                gs.add(Gevent.spawn(() -> {
                    for (int i = 0; i < 3; i++) {
                        out.add(name + i);
                        Gevent.sleep();
                    }
                }));
            }
            Gevent.joinAll(gs);
            assertThat(out).containsExactly("a0", "b0", "c0", "a1", "b1", "c1", "a2", "b2", "c2");
        }
    }

    @Test
    void timersFireInDeadlineOrder() {
        try (Hub hub = Hub.open()) {
            List<Integer> out = new ArrayList<>();
            List<Greenlet<?>> gs = new ArrayList<>();
            for (int ms : new int[] {60, 20, 40, 0}) {
                gs.add(Gevent.spawn(() -> {
                    Gevent.sleep(Duration.ofMillis(ms));
                    out.add(ms);
                }));
            }
            Gevent.joinAll(gs);
            assertThat(out).containsExactly(0, 20, 40, 60);
        }
    }

    @Test
    void waitingForSomethingThatCanNeverHappenRaisesLoopExit() {
        try (Hub hub = Hub.open()) {
            Event never = new Event();
            Greenlet<Void> g = Gevent.spawn(() -> {
                never.await();
            });
            org.assertj.core.api.Assertions.assertThatThrownBy(g::join).isInstanceOf(LoopExitException.class);
        }
    }

    @Test
    void anInterruptedGreenletStillWaitsCooperativelyAndKeepsItsInterruptStatus() {
        try (Hub hub = Hub.open()) {
            boolean[] kept = {false};
            Greenlet<Void> g = Gevent.spawn(() -> {
                Thread.currentThread().interrupt();
                long t0 = System.nanoTime();
                Gevent.sleep(Duration.ofMillis(200));   // must block, not spin, and not throw
                kept[0] = Thread.currentThread().isInterrupted() && System.nanoTime() - t0 >= 190_000_000L;
                Thread.interrupted();
            });
            g.join();
            assertThat(kept[0]).isTrue();
            // the main greenlet, interrupted, waits in the hub's idle park: it must block
            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
            Thread.currentThread().interrupt();
            long cpu0 = mx.getCurrentThreadCpuTime();
            Gevent.sleep(Duration.ofMillis(300));
            long cpu = mx.getCurrentThreadCpuTime() - cpu0;
            assertThat(Thread.interrupted()).isTrue();
            assertThat(cpu).isLessThan(150_000_000L);   // no busy spin during the 300 ms
        }
    }
}
