package io.github.concurrent4j.green;

import io.github.concurrent4j.coroutine.internal.Clock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Acceptance 3 and the rest of the gevent API: joinAll, kill, value/exception, Timeout, primitives. */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
@Tag("unit")
class GeventApiTest {

    @Test
    void joinAllWithATimeoutReturnsTheFinishedOnesInFinishingOrder() throws Exception {
        Clock clock = Clock.virtual();   // the durations below are the loop's, exact, and take no wall time
        Clock.runWith(clock, () -> {
        try (Hub hub = Hub.open()) {
            Greenlet<String> slow = Gevent.spawn(() -> {
                Gevent.sleep(Duration.ofSeconds(30));
                return "slow";
            });
            Greenlet<String> fast = Gevent.spawn(() -> {
                Gevent.sleep(Duration.ofMillis(20));
                return "fast";
            });
            Greenlet<String> faster = Gevent.spawn(() -> "faster");
            long t0 = clock.nanoTime();
            List<Greenlet<?>> done = Gevent.joinAll(List.of(slow, fast, faster), Duration.ofMillis(1000));
            assertThat(clock.nanoTime() - t0).isEqualTo(1_000_000_000L);
            assertThat(done).containsExactly(faster, fast);
            assertThat(slow.ready()).isFalse();
            assertThat(fast.value()).contains("fast");
            assertThat(slow.value()).isEmpty();
            slow.kill();
            assertThat(slow.ready()).isTrue();
        }
        return null;
        });
    }

    @Test
    void killRaisesInTheTargetAtItsNextCooperativePoint() {
        try (Hub hub = Hub.open()) {
            List<String> events = new ArrayList<>();
            Greenlet<Void> target = Gevent.spawn(() -> {
                try {
                    events.add("started");
                    Gevent.sleep(Duration.ofSeconds(60));
                    events.add("not reached");
                } catch (GreenletExitException e) {
                    events.add("GreenletExit at sleep");
                    throw e;
                } finally {
                    events.add("finally");
                }
            });
            Gevent.sleep();   // let it start and block in sleep
            long t0 = System.nanoTime();
            target.kill();    // blocks until it has died
            assertThat((System.nanoTime() - t0) / 1e6).isLessThan(5000.0);
            assertThat(events).containsExactly("started", "GreenletExit at sleep", "finally");
            assertThat(target.ready()).isTrue();
            assertThat(target.successful()).isTrue();   // a kill counts as success, as in gevent
            assertThat(target.exception()).isEmpty();
            assertThat(target.value()).isEmpty();
        }
    }

    @Test
    void aRunnableTargetIsKilledWhenItReachesItsNextCooperativePointNotBefore() {
        try (Hub hub = Hub.open()) {
            List<String> events = new ArrayList<>();
            Greenlet<Void> target = Gevent.spawn(() -> {
                events.add("step 1");
                Gevent.sleep();          // cooperative point: it is runnable here, not waiting
                events.add("step 2");    // never: the kill is delivered when it resumes
            });
            Gevent.sleep();              // target runs step 1, yields; main resumes
            target.kill(new IllegalStateException("stop"), false, null);
            target.join();
            assertThat(events).containsExactly("step 1");
            assertThat(target.exception()).containsInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aGreenletKilledBeforeItStartsNeverRuns() {
        try (Hub hub = Hub.open()) {
            List<String> events = new ArrayList<>();
            Greenlet<?> g = Gevent.spawn(() -> events.add("ran"));
            g.kill();
            assertThat(g.ready()).isTrue();
            Gevent.sleep();
            assertThat(events).isEmpty();
        }
    }

    @Test
    void valueAndExceptionAreSetAndGetRethrows() {
        try (Hub hub = Hub.open()) {
            Greenlet<Integer> ok = Gevent.spawn(() -> 6 * 7);
            Greenlet<Integer> bad = Gevent.spawn(() -> {
                throw new ArithmeticException("division by zero");
            });
            Gevent.joinAll(List.of(ok, bad));
            assertThat(ok.value()).contains(42);
            assertThat(ok.exception()).isEmpty();
            assertThat(ok.successful()).isTrue();
            assertThat(ok.get()).isEqualTo(42);
            assertThat(bad.value()).isEmpty();
            assertThat(bad.exception()).containsInstanceOf(ArithmeticException.class);
            assertThat(bad.successful()).isFalse();
            assertThatThrownBy(bad::get).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> Gevent.joinAll(List.of(ok, bad), Duration.ofSeconds(1), true))
                    .isInstanceOf(ArithmeticException.class);
        }
    }

    @Test
    void timeoutInterruptsAWaitAndCancelsWhenTheBlockEnds() {
        try (Hub hub = Hub.open()) {
            Queue<String> q = new Queue<>();
            Timeout[] mine = new Timeout[1];
            assertThatThrownBy(() -> {
                try (Timeout t = Timeout.start(Duration.ofMillis(50))) {
                    mine[0] = t;
                    q.get();
                }
            }).isInstanceOfSatisfying(GreenTimeoutException.class, e -> assertThat(e.timeout()).contains(mine[0]));
            try (Timeout t = Timeout.start(Duration.ofMillis(50))) {
                Gevent.sleep(Duration.ofMillis(1));
            }
            Gevent.sleep(Duration.ofMillis(100));   // the cancelled timeout does not fire later
            assertThat(Gevent.withTimeout(Duration.ofMillis(30), () -> {
                Gevent.sleep(Duration.ofSeconds(10));
                return "late";
            }, "default")).isEqualTo("default");
            Greenlet<String> slow = Gevent.spawn(() -> {
                Gevent.sleep(Duration.ofSeconds(10));
                return "x";
            });
            assertThatThrownBy(() -> slow.get(Duration.ofMillis(20))).isInstanceOf(GreenTimeoutException.class);
        }
    }

    @Test
    void queueHandsItemsInOrderAndBoundsProducers() {
        try (Hub hub = Hub.open()) {
            Queue<Integer> q = new Queue<>(2);
            List<String> log = new ArrayList<>();
            Greenlet<Void> producer = Gevent.spawn(() -> {
                for (int i = 0; i < 5; i++) {
                    q.put(i);
                    log.add("put " + i);
                }
            });
            Greenlet<List<Integer>> consumer = Gevent.spawn(() -> {
                List<Integer> got = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    got.add(q.get());
                    log.add("got " + got.getLast());
                    q.taskDone();
                }
                return got;
            });
            q.join();
            assertThat(consumer.get()).containsExactly(0, 1, 2, 3, 4);
            producer.join();
            // the producer never ran more than 2 ahead of the consumer
            int ahead = 0, max = 0;
            for (String s : log) {
                ahead += s.startsWith("put") ? 1 : -1;
                max = Math.max(max, ahead);
            }
            assertThat(max).isLessThanOrEqualTo(2);
            assertThatThrownBy(q::getNowait).isInstanceOf(QueueEmptyException.class);
            assertThatThrownBy(() -> q.get(Duration.ofMillis(10))).isInstanceOf(QueueEmptyException.class);
            q.putNowait(1);
            q.putNowait(2);
            assertThatThrownBy(() -> q.putNowait(3)).isInstanceOf(QueueFullException.class);
            assertThatThrownBy(() -> q.put(3, Duration.ofMillis(10))).isInstanceOf(QueueFullException.class);
        }
    }

    @Test
    void eventLockAndSemaphoreAreCooperativeAndFifo() {
        try (Hub hub = Hub.open()) {
            Event ev = new Event();
            List<String> out = new ArrayList<>();
            List<Greenlet<?>> gs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int k = i;
                gs.add(Gevent.spawn(() -> {
                    ev.await();
                    out.add("woke " + k);
                }));
            }
            Gevent.sleep();
            assertThat(out).isEmpty();
            assertThat(ev.await(Duration.ofMillis(5))).isFalse();
            ev.set();
            Gevent.joinAll(gs);
            assertThat(out).containsExactly("woke 0", "woke 1", "woke 2");

            Lock lock = new Lock();
            List<Integer> order = new ArrayList<>();
            lock.acquire();
            gs.clear();
            for (int i = 0; i < 3; i++) {
                int k = i;
                gs.add(Gevent.spawn(() -> {
                    try (var held = lock.hold()) {
                        order.add(k);
                        Gevent.sleep(Duration.ofMillis(1));
                    }
                }));
            }
            Gevent.sleep();
            assertThat(lock.tryAcquire()).isFalse();
            lock.release();
            Gevent.joinAll(gs);
            assertThat(order).containsExactly(0, 1, 2);
            assertThat(lock.locked()).isFalse();
            assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class);

            Semaphore bounded = Semaphore.bounded(2);
            assertThatThrownBy(bounded::release).isInstanceOf(IllegalStateException.class);
            assertThat(bounded.tryAcquire()).isTrue();
            assertThat(bounded.tryAcquire()).isTrue();
            assertThat(bounded.acquire(Duration.ofMillis(5))).isFalse();
        }
    }

    @Test
    void greenPoolBoundsConcurrencyAndGroupMapKeepsOrder() {
        try (Hub hub = Hub.open()) {
            GreenPool pool = new GreenPool(3);
            int[] running = {0}, peak = {0};
            for (int i = 0; i < 12; i++) {
                pool.spawn(() -> {
                    running[0]++;
                    peak[0] = Math.max(peak[0], running[0]);
                    Gevent.sleep(Duration.ofMillis(5));
                    running[0]--;
                });
            }
            pool.join();
            assertThat(peak[0]).isEqualTo(3);
            assertThat(pool.size()).isZero();
            assertThat(pool.freeCount()).isEqualTo(3);
            List<Integer> squares = new Group().map(x -> {
                Gevent.sleep(Duration.ofMillis(10 - x));
                return x * x;
            }, List.of(1, 2, 3, 4));
            assertThat(squares).containsExactly(1, 4, 9, 16);
        }
    }
}
