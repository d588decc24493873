package io.github.concurrent4j.asyncio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.concurrent4j.coroutine.internal.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ported from CPython 3.13 {@code Lib/test/test_asyncio/test_taskgroups.py}
 * ({@code TestTaskGroup}), method names kept; {@code async with TaskGroup() as g:} is
 * {@code TaskGroup.run(g -> ...)}, Python's {@code ExceptionGroup} is
 * {@link ExceptionGroupException}, {@code ZeroDivisionError} is {@link ArithmeticException}.
 * The loops run on a virtual clock. Not ported here: the tests of {@code except*},
 * {@code contextvars}, {@code BaseException}s ({@code KeyboardInterrupt}, {@code SystemExit}:
 * the JVM has no equivalent a task could raise) and the explicit {@code __aenter__}/{@code
 * __aexit__} protocol (a Java {@code TaskGroup} is only entered through {@code run}).
 */
@Tag("unit")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CpythonTaskGroupTests {
    static void run(Callable<?> test) throws Exception {
        Clock.runWith(Clock.virtual(), () -> Asyncio.run(test));
    }

    static void sleep(double seconds) {
        Asyncio.sleep(Duration.ofNanos((long) (seconds * 1e9)));
    }

    static Set<Class<?>> errorTypes(ExceptionGroupException eg) {
        return eg.exceptions().stream().map(Object::getClass).collect(Collectors.toSet());
    }

    @Test
    void test_taskgroup_01() throws Exception {
        run(() -> {
            Task<?>[] t = new Task<?>[2];
            TaskGroup.run(g -> {
                t[0] = g.createTask(() -> {
                    sleep(0.1);
                    return 42;
                });
                t[1] = g.createTask(() -> {
                    sleep(0.2);
                    return 11;
                });
            });
            assertThat(t[0].result()).isEqualTo(42);
            assertThat(t[1].result()).isEqualTo(11);
            return null;
        });
    }

    @Test
    void test_taskgroup_03() throws Exception {
        run(() -> {
            Task<?>[] t = new Task<?>[2];
            TaskGroup.run(g -> {
                t[0] = g.createTask(() -> {
                    sleep(1);
                    return 42;
                });
                sleep(0.15);
                // cancel t1 explicitly: everything else goes on as expected
                t[0].cancel();
                t[1] = g.createTask(() -> {
                    sleep(0.2);
                    return 11;
                });
            });
            assertThat(t[0].cancelled()).isTrue();
            assertThat(t[1].result()).isEqualTo(11);
            return null;
        });
    }

    @Test
    void test_taskgroup_04() throws Exception {
        run(() -> {
            int[] num = {0};
            boolean[] t2Cancel = {false};
            Task<?>[] t2 = {null};
            Task<Void> runner = Asyncio.createTask(() -> {
                TaskGroup.run(g -> {
                    g.createTask(() -> {
                        sleep(0.1);
                        return 1 / 0;
                    });
                    t2[0] = g.createTask(() -> {
                        try {
                            sleep(1);
                        } catch (CancelledException e) {
                            t2Cancel[0] = true;
                            throw e;
                        }
                        num[0] += 1;
                        return null;
                    });
                });
                num[0] += 10;
                return null;
            });
            assertThatThrownBy(runner::await).isInstanceOfSatisfying(ExceptionGroupException.class,
                    eg -> assertThat(errorTypes(eg)).containsExactly(ArithmeticException.class));
            assertThat(num[0]).isZero();
            assertThat(t2Cancel[0]).isTrue();
            assertThat(t2[0].cancelled()).isTrue();
            return null;
        });
    }

    @Test
    void test_cancel_children_on_child_error() throws Exception {
        run(() -> {
            int[] num = {0};
            boolean[] t2Cancel = {false}, runnerCancel = {false};
            Task<Void> runner = Asyncio.createTask(() -> {
                TaskGroup.run(g -> {
                    for (int i = 0; i < 3; i++) {
                        g.createTask(() -> {
                            sleep(0.1);
                            return 1 / 0;
                        });
                    }
                    g.createTask(() -> {
                        try {
                            sleep(5);
                        } catch (CancelledException e) {
                            t2Cancel[0] = true;
                            throw e;
                        }
                        num[0] += 1;
                        return null;
                    });
                    try {
                        sleep(10);
                    } catch (CancelledException e) {
                        runnerCancel[0] = true;
                        throw e;
                    }
                });
                num[0] += 10;
                return null;
            });
            assertThatThrownBy(runner::await).isInstanceOfSatisfying(ExceptionGroupException.class,
                    eg -> assertThat(errorTypes(eg)).containsExactly(ArithmeticException.class));
            assertThat(num[0]).isZero();
            assertThat(t2Cancel[0]).isTrue();
            assertThat(runnerCancel[0]).isTrue();
            return null;
        });
    }

    @Test
    void test_cancellation() throws Exception {
        run(() -> {
            int[] num = {0};
            Task<Void> r = Asyncio.createTask(() -> {
                TaskGroup.run(g -> {
                    for (int i = 0; i < 5; i++) {
                        g.createTask(() -> {
                            try {
                                sleep(5);
                            } catch (CancelledException e) {
                                num[0] += 1;
                                throw e;
                            }
                            return null;
                        });
                    }
                });
                return null;
            });
            sleep(0.1);
            assertThat(r.done()).isFalse();
            r.cancel();
            assertThatThrownBy(r::await).isInstanceOf(CancelledException.class);
            assertThat(num[0]).isEqualTo(5);
            return null;
        });
    }

    @Test
    void test_taskgroup_07() throws Exception {
        run(() -> {
            int[] num = {0};
            Task<Void> r = Asyncio.createTask(() -> {
                TaskGroup.run(g -> {
                    for (int i = 0; i < 5; i++) {
                        g.createTask(() -> {
                            try {
                                sleep(5);
                            } catch (CancelledException e) {
                                num[0] += 1;
                                throw e;
                            }
                            return null;
                        });
                    }
                    try {
                        sleep(10);
                    } catch (CancelledException e) {
                        num[0] += 10;
                        throw e;
                    }
                });
                return null;
            });
            sleep(0.1);
            assertThat(r.done()).isFalse();
            r.cancel();
            assertThatThrownBy(r::await).isInstanceOf(CancelledException.class);
            assertThat(num[0]).isEqualTo(15);
            return null;
        });
    }

    @Test
    void test_taskgroup_08() throws Exception {
        run(() -> {
            Task<Void> r = Asyncio.createTask(() -> {
                TaskGroup.run(g -> {
                    for (int i = 0; i < 5; i++) {
                        g.createTask(() -> {
                            try {
                                sleep(10);
                            } finally {
                                int zero = 0;
                                int unused = 1 / zero;
                            }
                            return null;
                        });
                    }
                    sleep(10);
                });
                return null;
            });
            sleep(0.1);
            assertThat(r.done()).isFalse();
            r.cancel();
            assertThatThrownBy(r::await).isInstanceOfSatisfying(ExceptionGroupException.class,
                    eg -> assertThat(errorTypes(eg)).containsExactly(ArithmeticException.class));
            return null;
        });
    }

    @Test
    void test_taskgroup_09() throws Exception {
        run(() -> {
            Task<?>[] t = new Task<?>[2];
            assertThatThrownBy(() -> TaskGroup.run(g -> {
                t[0] = g.createTask(() -> {
                    sleep(1);
                    return 42;
                });
                t[1] = g.createTask(() -> {
                    sleep(2);
                    return 11;
                });
                sleep(0.1);
                int zero = 0;
                int unused = 1 / zero;
            })).isInstanceOfSatisfying(ExceptionGroupException.class,
                    eg -> assertThat(errorTypes(eg)).containsExactly(ArithmeticException.class));
            assertThat(t[0].cancelled()).isTrue();
            assertThat(t[1].cancelled()).isTrue();
            return null;
        });
    }

    @Test
    void test_taskgroup_10() throws Exception {
        run(() -> {
            Task<?>[] t = new Task<?>[2];
            assertThatThrownBy(() -> TaskGroup.run(g -> {
                t[0] = g.createTask(() -> {
                    sleep(1);
                    return 42;
                });
                t[1] = g.createTask(() -> {
                    sleep(2);
                    return 11;
                });
                int zero = 0;
                int unused = 1 / zero;
            })).isInstanceOfSatisfying(ExceptionGroupException.class,
                    eg -> assertThat(errorTypes(eg)).containsExactly(ArithmeticException.class));
            assertThat(t[0].cancelled()).isTrue();
            assertThat(t[1].cancelled()).isTrue();
            return null;
        });
    }

    @Test
    void test_taskgroup_11() throws Exception {
        run(() -> {
            Task<Void> r = Asyncio.createTask(() -> {
                TaskGroup.run(g1 -> TaskGroup.run(g2 -> {
                    for (int i = 0; i < 5; i++) {
                        g2.createTask(() -> {
                            try {
                                sleep(10);
                            } finally {
                                int zero = 0;
                                int unused = 1 / zero;
                            }
                            return null;
                        });
                    }
                    sleep(10);
                }));
                return null;
            });
            sleep(0.1);
            assertThat(r.done()).isFalse();
            r.cancel();
            assertThatThrownBy(r::await).isInstanceOfSatisfying(ExceptionGroupException.class, eg -> {
                assertThat(errorTypes(eg)).containsExactly(ExceptionGroupException.class);
                assertThat(errorTypes((ExceptionGroupException) eg.exceptions().getFirst()))
                        .containsExactly(ArithmeticException.class);
            });
            return null;
        });
    }

    @Test
    void test_taskgroup_13() throws Exception {
        run(() -> {
            Task<Void> r = Asyncio.createTask(() -> {
                TaskGroup.run(g1 -> {
                    g1.createTask(() -> {
                        sleep(0.1);
                        throw new IllegalArgumentException("0.1");
                    });
                    TaskGroup.run(g2 -> g2.createTask(() -> {
                        sleep(10);
                        throw new IllegalArgumentException("10");
                    }));
                });
                return null;
            });
            assertThatThrownBy(r::await).isInstanceOfSatisfying(ExceptionGroupException.class,
                    eg -> assertThat(errorTypes(eg)).containsExactly(IllegalArgumentException.class));
            return null;
        });
    }

    @Test
    void test_taskgroup_14() throws Exception {
        run(() -> {
            Task<Void> r = Asyncio.createTask(() -> {
                TaskGroup.run(g1 -> {
                    g1.createTask(() -> {
                        sleep(10);
                        throw new IllegalArgumentException("10");
                    });
                    TaskGroup.run(g2 -> g2.createTask(() -> {
                        sleep(0.1);
                        throw new IllegalArgumentException("0.1");
                    }));
                });
                return null;
            });
            assertThatThrownBy(r::await).isInstanceOfSatisfying(ExceptionGroupException.class, eg -> {
                assertThat(errorTypes(eg)).containsExactly(ExceptionGroupException.class);
                assertThat(errorTypes((ExceptionGroupException) eg.exceptions().getFirst()))
                        .containsExactly(IllegalArgumentException.class);
            });
            return null;
        });
    }

    @Test
    void test_taskgroup_15() throws Exception {
        run(() -> {
            Task<Void> r = Asyncio.createTask(() -> {
                TaskGroup.run(g1 -> {
                    g1.createTask(() -> {
                        sleep(0.3);
                        return 1 / 0;
                    });
                    try {
                        sleep(10);
                    } catch (CancelledException e) {
                        sleep(0.5);
                        throw e;
                    }
                });
                return null;
            });
            sleep(0.1);
            assertThat(r.done()).isFalse();
            r.cancel();
            assertThatThrownBy(r::await).isInstanceOfSatisfying(ExceptionGroupException.class,
                    eg -> assertThat(errorTypes(eg)).containsExactly(ArithmeticException.class));
            return null;
        });
    }

    @Test
    void test_taskgroup_no_create_task_after_failure() throws Exception {
        run(() -> {
            assertThatThrownBy(() -> TaskGroup.run(g -> {
                g.createTask(() -> 1 / 0);
                sleep(0.1);   // cancelled by the failure
            })).isInstanceOf(ExceptionGroupException.class);
            TaskGroup[] tg = {null};
            assertThatThrownBy(() -> TaskGroup.run(g -> {
                tg[0] = g;
                g.createTask(() -> 1 / 0);
                try {
                    sleep(0.1);
                } finally {
                    assertThatThrownBy(() -> g.createTask(() -> null)).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("is shutting down");
                }
            })).isInstanceOf(ExceptionGroupException.class);
            assertThatThrownBy(() -> tg[0].createTask(() -> null)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is finished");
            return null;
        });
    }

    @Test
    void test_taskgroup_finished() throws Exception {
        run(() -> {
            TaskGroup[] tg = {null};
            TaskGroup.run(g -> tg[0] = g);
            assertThatThrownBy(() -> tg[0].createTask(() -> null)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is finished");
            return null;
        });
    }

    @Test
    void test_taskgroup_without_parent_task() {
        // issue 9, deviation 6: a group cannot be entered from a loop callback (no parent task)
        Asyncio.run(() -> {
            Throwable[] got = {null};
            Asyncio.getRunningLoop().callSoon(() -> {
                try {
                    TaskGroup.run(g -> { });
                } catch (Throwable t) {
                    got[0] = t;
                }
            });
            Asyncio.sleep(Duration.ZERO);
            assertThat(got[0]).isInstanceOf(IllegalStateException.class).hasMessageContaining("parent task");
            return null;
        });
        assertThatThrownBy(() -> TaskGroup.run(g -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void test_coro_closed_when_tg_closed() {
        EventLoop loop = Asyncio.newEventLoop();
        try {
            loop.runUntilComplete(() -> {
                TaskGroup[] tg = {null};
                TaskGroup.run(g -> tg[0] = g);
                assertThatThrownBy(() -> tg[0].createTask(() -> null)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("is finished");
                return null;
            });
        } finally {
            loop.close();
        }
    }

    @Test
    void test_cancelling_level_preserved() throws Exception {
        run(() -> {
            assertThatThrownBy(() -> TaskGroup.run(tg -> tg.createTask(() -> {
                sleep(0);
                throw new IllegalStateException();
            }))).isInstanceOf(ExceptionGroupException.class);
            assertThat(Asyncio.currentTask().orElseThrow().cancelling()).isZero();
            return null;
        });
    }

    @Test
    void test_nested_groups_both_cancelled() throws Exception {
        run(() -> {
            Task<?> me = Asyncio.currentTask().orElseThrow();
            assertThatThrownBy(() -> TaskGroup.run(outer -> {
                assertThatThrownBy(() -> TaskGroup.run(inner -> {
                    inner.createTask(() -> {
                        sleep(0);
                        throw new IllegalStateException("RuntimeError");
                    });
                    outer.createTask(() -> {
                        sleep(0);
                        throw new IllegalArgumentException("ValueError");
                    });
                })).isInstanceOfSatisfying(ExceptionGroupException.class,
                        eg -> assertThat(errorTypes(eg)).containsExactly(IllegalStateException.class));
                assertThat(me.cancelling()).isEqualTo(1);
            })).isInstanceOfSatisfying(ExceptionGroupException.class,
                    eg -> assertThat(errorTypes(eg)).containsExactly(IllegalArgumentException.class));
            assertThat(me.cancelling()).isZero();
            return null;
        });
    }

    @Test
    void test_error_and_cancel() throws Exception {
        // gh-116720: an outside cancellation is not lost when the group's errors win
        run(() -> {
            Event event = new Event();
            Task<Void> t = Asyncio.createTask(() -> {
                try {
                    TaskGroup.run(tg -> {
                        tg.createTask(() -> {
                            event.set();
                            sleep(0);
                            throw new IllegalStateException("RuntimeError");
                        });
                        sleep(1);
                        throw new AssertionError("Sleep in group should have been cancelled");
                    });
                } catch (ExceptionGroupException eg) {
                    assertThat(Asyncio.currentTask().orElseThrow().cancelling()).isEqualTo(1);
                }
                assertThat(Asyncio.currentTask().orElseThrow().cancelling()).isEqualTo(1);
                sleep(1);
                throw new AssertionError("Sleep after group should have been cancelled");
            });
            event.await();
            assertThat(t.cancelling()).isZero();
            t.cancel();
            assertThat(t.cancelling()).isEqualTo(1);
            assertThatThrownBy(t::await).isInstanceOf(CancelledException.class);
            assertThat(t.cancelled()).isTrue();
            return null;
        });
    }
}
