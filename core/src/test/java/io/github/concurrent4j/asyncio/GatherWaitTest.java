package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.coroutine.internal.Clock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Acceptance 4: gather order and returnExceptions, TaskGroup, waitFor, asCompleted, wait. */
@Tag("unit")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GatherWaitTest {
    static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    static Task<String> after(long millis, String v) {
        return Asyncio.createTask(() -> {
            Asyncio.sleep(ms(millis));
            return v;
        });
    }

    @Test
    void gatherKeepsArgumentOrderNotCompletionOrder() {
        List<String> res = Asyncio.run(() -> Asyncio.gather(after(60, "a"), after(10, "b"), after(30, "c")).await());
        assertThat(res).containsExactly("a", "b", "c");
        List<Integer> coros = Asyncio.run(() -> Asyncio.gather(() -> {
            Asyncio.sleep(ms(20));
            return 1;
        }, () -> 2).await());
        assertThat(coros).containsExactly(1, 2);
    }

    @Test
    void gatherWithReturnExceptionsReturnsTheExceptionInPlace() {
        List<Object> res = Asyncio.run(() -> {
            Task<String> boom = Asyncio.createTask(() -> {
                Asyncio.sleep(ms(5));
                throw new IllegalStateException("boom");
            });
            Task<String> cancelled = after(1000, "never");
            cancelled.cancel();
            return Asyncio.gather(true, after(20, "a"), boom, cancelled, after(1, "d")).await();
        });
        assertThat(res).hasSize(4);
        assertThat(res.get(0)).isEqualTo("a");
        assertThat(res.get(1)).isInstanceOf(IllegalStateException.class).hasFieldOrPropertyWithValue("message", "boom");
        assertThat(res.get(2)).isInstanceOf(CancelledException.class);
        assertThat(res.get(3)).isEqualTo("d");
    }

    @Test
    void gatherWithoutReturnExceptionsFailsWithTheFirstExceptionAndLeavesOthersRunning() {
        List<String> events = new ArrayList<>();
        Asyncio.run(() -> {
            Task<String> slow = Asyncio.createTask(() -> {
                Asyncio.sleep(ms(50));
                events.add("slow finished");
                return "slow";
            });
            Task<String> boom = Asyncio.createTask(() -> {
                throw new ArithmeticException("bad");
            });
            assertThatThrownBy(() -> Asyncio.gather(slow, boom).await()).isInstanceOf(ArithmeticException.class);
            assertThat(slow.done()).isFalse();
            assertThat(slow.await()).isEqualTo("slow");
            return null;
        });
        assertThat(events).containsExactly("slow finished");
    }

    @Test
    void cancellingAGatherCancelsItsChildren() {
        Asyncio.run(() -> {
            Task<String> a = after(10_000, "a"), b = after(10_000, "b");
            Future<List<String>> g = Asyncio.gather(a, b);
            Asyncio.sleep(ms(1));
            assertThat(g.cancel()).isTrue();
            assertThatThrownBy(g::await).isInstanceOf(CancelledException.class);
            assertThat(a.cancelled()).isTrue();
            assertThat(b.cancelled()).isTrue();
            return null;
        });
    }

    @Test
    void taskGroupCancelsTheOthersWhenOneFails() throws Exception {
        List<String> events = new ArrayList<>();
        Clock clock = Clock.virtual();   // the loop's time: exact, whatever the machine's load
        long t0 = clock.nanoTime();
        assertThatThrownBy(() -> Clock.runWith(clock, () -> Asyncio.run(() -> {
            TaskGroup.run(tg -> {
                tg.createTask(() -> {
                    try {
                        Asyncio.sleep(Duration.ofSeconds(30));
                        events.add("sibling finished");
                    } catch (CancelledException e) {
                        events.add("sibling cancelled");
                        throw e;
                    }
                    return null;
                });
                tg.createTask(() -> {
                    Asyncio.sleep(ms(20));
                    throw new IllegalArgumentException("task failed");
                });
                try {
                    Asyncio.sleep(Duration.ofSeconds(30));   // the body is cancelled too
                    events.add("body finished");
                } catch (CancelledException e) {
                    events.add("body cancelled");
                    throw e;
                }
            });
            return null;
        }))).isInstanceOfSatisfying(ExceptionGroupException.class, e -> {
            assertThat(e.exceptions()).hasSize(1);
            assertThat(e.exceptions().getFirst()).isInstanceOf(IllegalArgumentException.class).hasMessage("task failed");
        });
        assertThat(clock.nanoTime() - t0).isEqualTo(20_000_000L);   // ended by the failure, not the 30 s sleeps
        assertThat(events).containsExactlyInAnyOrder("sibling cancelled", "body cancelled");
    }

    @Test
    void taskGroupWaitsForAllAndLetsTheCallerContinue() {
        String r = Asyncio.run(() -> {
            List<Task<String>> ts = new ArrayList<>();
            TaskGroup.run(tg -> {
                ts.add(tg.createTask(() -> {
                    Asyncio.sleep(ms(30));
                    return "x";
                }));
                ts.add(tg.createTask(() -> "y"));
            });
            assertThat(ts).allMatch(Future::done);
            // a failing group caught by the caller: the caller is not left cancelled
            try {
                TaskGroup.run(tg -> tg.createTask(() -> {
                    throw new IllegalStateException("inner");
                }));
            } catch (ExceptionGroupException expected) {
                // ignored, as "except* Exception: pass" would
            }
            Asyncio.sleep(ms(5));   // still runs: no cancellation left over
            return ts.get(0).result() + ts.get(1).result();
        });
        assertThat(r).isEqualTo("xy");
    }

    @Test
    void waitForCancelsTheAwaitedTaskOnTimeout() {
        List<String> events = new ArrayList<>();
        Asyncio.run(() -> {
            Task<String> slow = Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(Duration.ofSeconds(30));
                    return "late";
                } catch (CancelledException e) {
                    events.add("cancelled");
                    throw e;
                }
            });
            assertThatThrownBy(() -> Asyncio.waitFor(slow, ms(50))).isInstanceOf(AsyncioTimeoutException.class);
            assertThat(slow.cancelled()).isTrue();   // and it is done by the time waitFor returned
            assertThat(Asyncio.waitFor(after(5, "ok"), Duration.ofSeconds(10))).isEqualTo("ok");
            // the caller itself is not left cancelled
            Asyncio.sleep(ms(1));
            assertThat(Asyncio.currentTask().orElseThrow().cancelling()).isZero();
            return null;
        });
        assertThat(events).containsExactly("cancelled");
    }

    @Test
    void timeoutTurnsItsOwnCancellationIntoATimeoutAndLeavesOthersAlone() {
        Asyncio.run(() -> {
            assertThatThrownBy(() -> Asyncio.timeout(ms(20), () -> {
                Asyncio.sleep(Duration.ofSeconds(30));
                return null;
            })).isInstanceOf(AsyncioTimeoutException.class).hasCauseInstanceOf(CancelledException.class);
            assertThat(Asyncio.timeout(Duration.ofSeconds(5), () -> "fast")).isEqualTo("fast");
            // nested: the inner one expires first and only it converts
            String r = Asyncio.timeout(Duration.ofSeconds(5), () -> {
                try {
                    return Asyncio.timeout(ms(10), () -> {
                        Asyncio.sleep(Duration.ofSeconds(1));
                        return "no";
                    });
                } catch (AsyncioTimeoutException e) {
                    return "inner timed out";
                }
            });
            assertThat(r).isEqualTo("inner timed out");
            return null;
        });
    }

    @Test
    void asCompletedYieldsInCompletionOrder() {
        List<Integer> order = Asyncio.run(() -> {
            List<Task<Integer>> ts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int k = i;
                ts.add(Asyncio.createTask(() -> {
                    Asyncio.sleep(ms((6 - k) * 15L));   // the seeds' sleep(10 - i): the last finishes first
                    return k;
                }));
            }
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : Asyncio.asCompleted(ts)) out.add(f.await());
            return out;
        });
        assertThat(order).containsExactly(5, 4, 3, 2, 1, 0);
    }

    @Test
    void asCompletedWithATimeoutRaisesWhenTheRestIsLate() {
        Asyncio.run(() -> {
            Iterable<Future<String>> it = Asyncio.asCompleted(List.of(after(5, "quick"), after(60_000, "slow")), ms(1000));
            List<Object> got = new ArrayList<>();
            for (Future<String> f : it) {
                try {
                    got.add(f.await());
                } catch (AsyncioTimeoutException e) {
                    got.add("timeout");
                }
            }
            assertThat(got).containsExactly("quick", "timeout");
            return null;
        });
    }

    @Test
    void waitReturnsDoneAndPendingPerReturnWhen() {
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<String> fast = loop.createFuture(), slow = loop.createFuture(), bad = loop.createFuture();
            loop.callSoon(() -> fast.setResult("f"));
            WaitResult<String> first = Asyncio.wait(List.of(fast, slow, bad), ReturnWhen.FIRST_COMPLETED);
            assertThat(first.done()).containsExactly(fast);
            assertThat(first.pending()).containsExactly(slow, bad);
            loop.callSoon(() -> bad.setException(new IllegalStateException("x")));
            WaitResult<String> exc = Asyncio.wait(List.of(slow, bad), ReturnWhen.FIRST_EXCEPTION);
            assertThat(exc.done()).containsExactly(bad);
            assertThat(exc.pending()).containsExactly(slow);
            WaitResult<String> timed = Asyncio.wait(List.of(slow), ReturnWhen.ALL_COMPLETED, ms(10));
            assertThat(timed.pending()).containsExactly(slow);
            assertThat(slow.cancelled()).isFalse();   // wait() never cancels
            loop.callLater(ms(20), () -> slow.setResult("s"));
            WaitResult<String> all = Asyncio.wait(List.of(fast, slow, bad));
            assertThat(all.done()).containsExactly(fast, slow, bad);
            assertThat(all.pending()).isEmpty();
            assertThatThrownBy(() -> Asyncio.wait(List.<Future<String>>of())).isInstanceOf(IllegalArgumentException.class);
            return null;
        });
    }
}
