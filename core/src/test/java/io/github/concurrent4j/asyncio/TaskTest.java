package io.github.concurrent4j.asyncio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.concurrent4j.coroutine.LoopExitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tasks: single-threaded semantics, cancellation at suspension points, run(), callbacks, threads. */
@Tag("unit")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaskTest {

    @Test
    void runReturnsTheResultAndRethrowsTheException() {
        assertThat(Asyncio.run(() -> 42)).isEqualTo(42);
        assertThatThrownBy(() -> Asyncio.run(() -> {
            throw new IllegalStateException("main failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("main failed");
        assertThatThrownBy(() -> Asyncio.run(() -> Asyncio.run(() -> 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("running event loop");
    }

    @Test
    void onlyOneTaskRunsAtATimeSoAnUnlockedCounterIsExact() {
        int n = 2000;
        int[] counter = {0};
        AtomicInteger inside = new AtomicInteger(), overlaps = new AtomicInteger();
        Asyncio.run(() -> {
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ts.add(Asyncio.createTask(() -> {
                    for (int r = 0; r < 3; r++) {
                        if (inside.incrementAndGet() != 1) overlaps.incrementAndGet();
                        int v = counter[0];
                        Thread.yield();
                        counter[0] = v + 1;
                        inside.decrementAndGet();
                        Asyncio.sleep(Duration.ZERO);
                    }
                    return null;
                }));
            }
            Asyncio.gather(ts).await();
            return null;
        });
        assertThat(overlaps.get()).isZero();
        assertThat(counter[0]).isEqualTo(3 * n);
    }

    @Test
    void cancelIsDeliveredAtTheNextSuspensionPoint() {
        List<String> events = new ArrayList<>();
        Asyncio.run(() -> {
            Task<Void> t = Asyncio.createTask(() -> {
                events.add("start");
                long end = System.nanoTime() + 20_000_000;
                while (System.nanoTime() < end) Thread.onSpinWait();   // no suspension point
                events.add("still running after the cancel request");
                try {
                    Asyncio.sleep(Duration.ofSeconds(30));
                } catch (CancelledException e) {
                    events.add("cancelled at sleep: " + e.getMessage());
                    throw e;
                }
                return null;
            });
            Asyncio.sleep(Duration.ZERO);       // let it start; it spins, then suspends
            assertThat(t.cancel("stop")).isTrue();
            assertThat(t.cancelling()).isEqualTo(1);
            assertThatThrownBy(t::await).isInstanceOf(CancelledException.class);
            assertThat(t.cancelled()).isTrue();
            assertThat(t.cancel()).isFalse();
            return null;
        });
        assertThat(events).containsExactly("start", "still running after the cancel request", "cancelled at sleep: stop");
    }

    @Test
    void aTaskCancelledBeforeItStartsNeverRunsAndATaskMayCatchCancellation() {
        List<String> events = new ArrayList<>();
        Asyncio.run(() -> {
            Task<Void> never = Asyncio.createTask(() -> {
                events.add("ran");
                return null;
            });
            never.cancel();
            Asyncio.sleep(Duration.ZERO);
            assertThat(never.cancelled()).isTrue();
            Task<String> stubborn = Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(Duration.ofSeconds(30));
                } catch (CancelledException e) {
                    Asyncio.currentTask().orElseThrow().uncancel();
                    return "caught it";
                }
                return "slept";
            });
            Asyncio.sleep(Duration.ZERO);
            stubborn.cancel();
            assertThat(stubborn.await()).isEqualTo("caught it");
            assertThat(stubborn.cancelled()).isFalse();
            return null;
        });
        assertThat(events).isEmpty();
    }

    @Test
    void tasksAreStronglyHeldAndFinishUnreferenced() {
        List<String> events = new ArrayList<>();
        Asyncio.run(() -> {
            for (int i = 0; i < 100; i++) {
                int k = i;
                Asyncio.createTask(() -> {   // fire and forget: nobody keeps the task
                    Asyncio.sleep(Duration.ofMillis(10));
                    System.gc();
                    events.add("done " + k);
                    return null;
                });
            }
            System.gc();
            while (Asyncio.allTasks().size() > 1) Asyncio.sleep(Duration.ofMillis(5));
            return null;
        });
        assertThat(events).hasSize(100);
    }

    @Test
    void runCancelsTasksLeftRunningWhenMainReturns() {
        List<String> events = new ArrayList<>();
        Asyncio.run(() -> {
            Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(Duration.ofSeconds(30));
                } finally {
                    events.add("cleanup");
                }
                return null;
            });
            Asyncio.sleep(Duration.ZERO);
            return null;
        });
        assertThat(events).containsExactly("cleanup");
    }

    @Test
    void futuresCallbacksAndThreads() {
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<String> f = loop.createFuture();
            List<String> seen = new ArrayList<>();
            f.addDoneCallback(x -> seen.add("cb " + x.result()));
            assertThatThrownBy(f::result).isInstanceOf(InvalidStateException.class);
            loop.callLater(Duration.ofMillis(10), () -> f.setResult("v"));
            assertThat(f.await()).isEqualTo("v");
            assertThatThrownBy(() -> f.setResult("again")).isInstanceOf(InvalidStateException.class);
            Asyncio.sleep(Duration.ZERO);
            assertThat(seen).containsExactly("cb v");
            // blocking work on a thread does not hold the loop: the thread waits for the loop
            // to tick three times, which it could not do if the loop were blocked
            java.util.concurrent.CountDownLatch ticked = new java.util.concurrent.CountDownLatch(3);
            Task<Void> ticker = Asyncio.createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    Asyncio.sleep(Duration.ofMillis(10));
                    ticked.countDown();
                }
                return null;
            });
            String r = Asyncio.toThread(() -> {
                if (!ticked.await(60, TimeUnit.SECONDS)) return "the loop was blocked";
                return Thread.currentThread().isVirtual() ? "virtual" : "platform";
            });
            assertThat(r).isEqualTo("platform");
            ticker.await();
            // a callback from another thread
            Future<Integer> fromThread = loop.createFuture();
            try (AutoCloseable alive = loop.keepAlive()) {
                Thread.ofPlatform().start(() -> loop.callSoonThreadsafe(() -> fromThread.setResult(7)));
                assertThat(fromThread.await()).isEqualTo(7);
            }
            // a shielded future survives the cancellation of its shield
            Task<String> inner = Asyncio.createTask(() -> {
                Asyncio.sleep(Duration.ofMillis(20));
                return "inner";
            });
            Future<String> sh = Asyncio.shield(inner);
            sh.cancel();
            assertThat(inner.await()).isEqualTo("inner");
            return null;
        });
    }

    @Test
    void aDeadlockedMainRaisesLoopExitInsteadOfHanging() {
        assertThatThrownBy(() -> Asyncio.run(() -> new Event().await()))
                .isInstanceOf(LoopExitException.class);
    }
}
