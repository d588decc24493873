package io.github.concurrent4j.asyncio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.concurrent4j.coroutine.internal.Clock;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Ported from CPython 3.13 {@code Lib/test/test_asyncio/test_timeouts.py} ({@code TimeoutTests}),
 * method names kept. {@code async with asyncio.timeout(d) as cm:} is
 * {@code Asyncio.timeout(d, cm -> ...)}; the handle is kept in an array where the Python test
 * reads {@code cm} after the block. The loops run on a virtual clock (it jumps to the next
 * timer when every task waits), so "sleep 10 s, time out after 0.01 s" takes no wall time and
 * the durations asserted are exact. Not ported: the tests of {@code __context__}/{@code __cause__}
 * chains (Java has no implicit exception context; the timeout's cause is asserted instead) and
 * the two that use {@code time.sleep} to keep the loop busy (a blocking sleep does not advance a
 * virtual clock).
 */
@Tag("unit")
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class CpythonTimeoutTests {
    static void run(Callable<?> test) throws Exception {
        Clock.runWith(Clock.virtual(), () -> Asyncio.run(test));
    }

    static double now() {
        return Asyncio.getRunningLoop().time();
    }

    @Test
    void test_timeout_basic() throws Exception {
        run(() -> {
            Timeout[] cm = {null};
            assertThatThrownBy(() -> Asyncio.timeout(Duration.ofMillis(10), t -> {
                cm[0] = t;
                Asyncio.sleep(Duration.ofSeconds(10));
                return null;
            })).isInstanceOf(AsyncioTimeoutException.class);
            assertThat(cm[0].expired()).isTrue();
            return null;
        });
    }

    @Test
    void test_timeout_at_basic() throws Exception {
        run(() -> {
            double deadline = now() + 0.01;
            Timeout[] cm = {null};
            assertThatThrownBy(() -> Asyncio.timeoutAt(deadline, t -> {
                cm[0] = t;
                Asyncio.sleep(Duration.ofSeconds(10));
                return null;
            })).isInstanceOf(AsyncioTimeoutException.class);
            assertThat(cm[0].expired()).isTrue();
            assertThat(cm[0].when()).hasValue(deadline);
            return null;
        });
    }

    @Test
    void test_nested_timeouts() throws Exception {
        run(() -> {
            double deadline = now() + 0.01;
            boolean[] cancelled = {false};
            Timeout[] cm = new Timeout[2];
            assertThatThrownBy(() -> Asyncio.timeoutAt(deadline, cm1 -> {
                cm[0] = cm1;
                // only the topmost context manager raises the timeout
                try {
                    return Asyncio.timeoutAt(deadline, cm2 -> {
                        cm[1] = cm2;
                        Asyncio.sleep(Duration.ofSeconds(10));
                        return null;
                    });
                } catch (CancelledException e) {
                    cancelled[0] = true;
                    throw e;
                }
            })).isInstanceOf(AsyncioTimeoutException.class);
            assertThat(cancelled[0]).isTrue();
            assertThat(cm[0].expired()).isTrue();
            assertThat(cm[1].expired()).isTrue();
            return null;
        });
    }

    @Test
    void test_waiter_cancelled() throws Exception {
        run(() -> {
            boolean[] cancelled = {false};
            assertThatThrownBy(() -> Asyncio.timeout(Duration.ofMillis(10), () -> {
                try {
                    Asyncio.sleep(Duration.ofSeconds(10));
                } catch (CancelledException e) {
                    cancelled[0] = true;
                    throw e;
                }
                return null;
            })).isInstanceOf(AsyncioTimeoutException.class)
                    .hasCauseInstanceOf(CancelledException.class);
            assertThat(cancelled[0]).isTrue();
            return null;
        });
    }

    @Test
    void test_timeout_not_called() throws Exception {
        run(() -> {
            Timeout[] cm = {null};
            Asyncio.timeout(Duration.ofSeconds(10), t -> {
                cm[0] = t;
                Asyncio.sleep(Duration.ofMillis(10));
                return null;
            });
            double t1 = now();
            assertThat(cm[0].expired()).isFalse();
            assertThat(cm[0].when().getAsDouble()).isGreaterThan(t1);
            return null;
        });
    }

    @Test
    void test_timeout_disabled() throws Exception {
        run(() -> {
            Timeout[] cm = {null};
            Asyncio.timeout(t -> {
                cm[0] = t;
                Asyncio.sleep(Duration.ofMillis(10));
                return null;
            });
            assertThat(cm[0].expired()).isFalse();
            assertThat(cm[0].when()).isEmpty();
            return null;
        });
    }

    @Test
    void test_timeout_zero() throws Exception {
        zeroOrPast(Duration.ZERO, Duration.ofSeconds(10));
    }

    @Test
    void test_timeout_zero_sleep_zero() throws Exception {
        // issue 9, deviation 7: timeout(0) fires across a sleep(0)
        zeroOrPast(Duration.ZERO, Duration.ZERO);
    }

    @Test
    void test_timeout_in_the_past_sleep_zero() throws Exception {
        // issue 9, deviation 7: a negative delay counts as already expired
        zeroOrPast(Duration.ofSeconds(-11), Duration.ZERO);
    }

    private void zeroOrPast(Duration delay, Duration sleep) throws Exception {
        run(() -> {
            double t0 = now();
            Timeout[] cm = {null};
            assertThatThrownBy(() -> Asyncio.timeout(delay, t -> {
                cm[0] = t;
                Asyncio.sleep(sleep);
                return null;
            })).isInstanceOf(AsyncioTimeoutException.class);
            double t1 = now();
            assertThat(cm[0].expired()).isTrue();
            if (delay.isNegative()) assertThat(cm[0].when().getAsDouble()).isLessThanOrEqualTo(t0);
            else assertThat(cm[0].when().getAsDouble()).isBetween(t0, t1);
            return null;
        });
    }

    @Test
    void test_foreign_exception_passed() throws Exception {
        run(() -> {
            Timeout[] cm = {null};
            assertThatThrownBy(() -> Asyncio.timeout(Duration.ofMillis(10), t -> {
                cm[0] = t;
                throw new java.util.NoSuchElementException("KeyError");
            })).isInstanceOf(java.util.NoSuchElementException.class);
            assertThat(cm[0].expired()).isFalse();
            return null;
        });
    }

    @Test
    void test_foreign_cancel_doesnt_timeout_if_not_expired() throws Exception {
        run(() -> {
            Timeout[] cm = {null};
            assertThatThrownBy(() -> Asyncio.timeout(Duration.ofSeconds(10), t -> {
                cm[0] = t;
                Asyncio.currentTask().orElseThrow().cancel();
                Asyncio.sleep(Duration.ofSeconds(10));
                return null;
            })).isInstanceOf(CancelledException.class);
            assertThat(cm[0].expired()).isFalse();
            Asyncio.currentTask().orElseThrow().uncancel();
            return null;
        });
    }

    @Test
    void test_outer_task_is_not_cancelled() throws Exception {
        run(() -> {
            Task<Void> task = Asyncio.createTask(() -> {
                assertThatThrownBy(() -> Asyncio.timeout(Duration.ofMillis(1), () -> {
                    Asyncio.sleep(Duration.ofSeconds(10));
                    return null;
                })).isInstanceOf(AsyncioTimeoutException.class);
                return null;
            });
            task.await();
            assertThat(task.cancelled()).isFalse();
            assertThat(task.done()).isTrue();
            return null;
        });
    }

    @Test
    void test_reschedule() throws Exception {
        run(() -> {
            Future<Timeout> fut = Asyncio.getRunningLoop().createFuture();
            double deadline1 = now() + 10;
            double deadline2 = deadline1 + 20;
            Task<Void> task = Asyncio.createTask(() -> Asyncio.timeoutAt(deadline1, cm -> {
                fut.setResult(cm);
                Asyncio.sleep(Duration.ofSeconds(50));
                return null;
            }));
            Timeout cm = fut.await();
            assertThat(cm.when()).hasValue(deadline1);
            cm.reschedule(deadline2);
            assertThat(cm.when()).hasValue(deadline2);
            cm.reschedule(OptionalDouble.empty());
            assertThat(cm.when()).isEmpty();
            task.cancel();
            assertThatThrownBy(task::await).isInstanceOf(CancelledException.class);
            assertThat(cm.expired()).isFalse();
            return null;
        });
    }

    @Test
    void test_repr_active() throws Exception {
        run(() -> Asyncio.timeout(Duration.ofSeconds(10), cm -> {
            assertThat(cm.toString()).matches("<Timeout \\[active\\] when=\\d+\\.\\d*>");
            return null;
        }));
    }

    @Test
    void test_repr_expired() throws Exception {
        run(() -> {
            Timeout[] cm = {null};
            assertThatThrownBy(() -> Asyncio.timeout(Duration.ofMillis(10), t -> {
                cm[0] = t;
                Asyncio.sleep(Duration.ofSeconds(10));
                return null;
            })).isInstanceOf(AsyncioTimeoutException.class);
            assertThat(cm[0]).hasToString("<Timeout [expired]>");
            return null;
        });
    }

    @Test
    void test_repr_finished() throws Exception {
        run(() -> {
            Timeout[] cm = {null};
            Asyncio.timeout(Duration.ofSeconds(10), t -> {
                cm[0] = t;
                Asyncio.sleep(Duration.ZERO);
                return null;
            });
            assertThat(cm[0]).hasToString("<Timeout [finished]>");
            return null;
        });
    }

    @Test
    void test_repr_disabled() throws Exception {
        run(() -> Asyncio.timeout(cm -> {
            assertThat(cm).hasToString("<Timeout [active] when=None>");
            return null;
        }));
    }

    @Test
    void test_timeout_after_cancellation() throws Exception {
        run(() -> {
            try {
                Asyncio.currentTask().orElseThrow().cancel();
                Asyncio.sleep(Duration.ofSeconds(1));   // work which will be cancelled
            } catch (CancelledException expected) {
                // pass
            } finally {
                assertThatThrownBy(() -> Asyncio.timeout(Duration.ZERO, () -> {
                    Asyncio.sleep(Duration.ofSeconds(1));   // some clean-up
                    return null;
                })).isInstanceOf(AsyncioTimeoutException.class);
            }
            return null;
        });
    }

    @Test
    void test_cancel_in_timeout_after_cancellation() throws Exception {
        run(() -> {
            try {
                Asyncio.currentTask().orElseThrow().cancel();
                Asyncio.sleep(Duration.ofSeconds(1));
            } catch (CancelledException expected) {
                // pass
            } finally {
                assertThatThrownBy(() -> Asyncio.timeout(Duration.ofSeconds(1), () -> {
                    Asyncio.currentTask().orElseThrow().cancel();
                    Asyncio.sleep(Duration.ofSeconds(2));
                    return null;
                })).isInstanceOf(CancelledException.class);
            }
            Asyncio.currentTask().orElseThrow().uncancel();
            Asyncio.currentTask().orElseThrow().uncancel();
            return null;
        });
    }

    @Test
    void test_timeout_not_entered() throws Exception {
        run(() -> {
            Timeout cm = new Timeout(OptionalDouble.of(now() + 1));
            assertThatThrownBy(() -> cm.reschedule(1.0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("has not been entered");
            return null;
        });
    }

    @Test
    void test_timeout_finished() throws Exception {
        run(() -> {
            Timeout[] cm = {null};
            Asyncio.timeout(Duration.ofMillis(10), t -> cm[0] = t);
            assertThatThrownBy(() -> cm[0].reschedule(0.02)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("finished");
            return null;
        });
    }

    @Test
    void test_timeout_expired() throws Exception {
        run(() -> {
            Timeout[] cm = {null};
            assertThatThrownBy(() -> Asyncio.timeout(Duration.ofMillis(10), t -> {
                cm[0] = t;
                Asyncio.sleep(Duration.ofSeconds(10));
                return null;
            })).isInstanceOf(AsyncioTimeoutException.class);
            assertThatThrownBy(() -> cm[0].reschedule(0.02)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("expired");
            return null;
        });
    }

    @Test
    void test_timeout_without_task() {
        assertThatThrownBy(() -> Asyncio.timeout(Duration.ofMillis(10), () -> null))
                .isInstanceOf(IllegalStateException.class);
        Asyncio.run(() -> {
            Asyncio.getRunningLoop().callSoon(() -> assertThatThrownBy(
                    () -> Asyncio.timeout(Duration.ofMillis(10), () -> null))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a task"));
            Asyncio.sleep(Duration.ZERO);
            return null;
        });
    }

    @Test
    void test_timeout_taskgroup() throws Exception {
        run(() -> {
            Task<Void> task = Asyncio.createTask(() -> {
                Asyncio.timeout(Duration.ofMillis(10), () -> {
                    TaskGroup.run(tg -> {
                        tg.createTask(() -> {
                            Asyncio.sleep(Duration.ofSeconds(2));
                            return null;
                        });
                        Asyncio.sleep(Duration.ofSeconds(2));
                    });
                    return null;
                });
                return null;
            });
            assertThatThrownBy(task::await).isInstanceOf(AsyncioTimeoutException.class);
            return null;
        });
    }

    @Test
    void durationsRunOnTheVirtualClock() throws Exception {
        // the virtual clock: a 10 s sleep and a 2.5 s timeout take exactly that much loop time
        run(() -> {
            double t0 = now();
            Asyncio.sleep(Duration.ofSeconds(10));
            assertThat(now() - t0).isEqualTo(10.0);
            assertThatThrownBy(() -> Asyncio.waitFor(Asyncio.createTask(() -> {
                Asyncio.sleep(Duration.ofSeconds(60));
                return null;
            }), Duration.ofMillis(2500))).isInstanceOf(AsyncioTimeoutException.class);
            assertThat(now() - t0).isEqualTo(12.5);
            return null;
        });
    }
}
