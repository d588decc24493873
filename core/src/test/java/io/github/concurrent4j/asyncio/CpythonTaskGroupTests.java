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
 * {@code except* E} is a catch of {@link ExceptionGroupException} that checks the types inside.
 * The loops run on a virtual clock. Every test of the file is here, in CPython's order, or a
 * comment at its place says why it cannot apply on the JVM ({@code BaseException}s,
 * {@code contextvars}, entering a group by hand, {@code gc.get_referrers}, the eager task factory).
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

    /**
     * CPython's {@code r = asyncio.create_task(runner()); await asyncio.sleep(0.1);
     * self.assertFalse(r.done()); r.cancel()}, the start of most cancellation tests.
     */
    static <T> Task<T> startThenCancel(Callable<T> runner) {
        Task<T> r = Asyncio.createTask(runner);
        sleep(0.1);
        assertThat(r.done()).isFalse();
        r.cancel();
        return r;
    }

    /** CPython's {@code foo} of tests 08, 11 and 12: {@code try: sleep(10) finally: 1 / 0}. */
    static Void sleepThenDivideByZero() {
        try {
            sleep(10);
        } finally {
            int zero = 0;
            int unused = 1 / zero;
        }
        return null;
    }

    /** Throws {@code e}: a {@code finally} that raises, which javac would flag if written as a throw. */
    static void raise(RuntimeException e) {
        throw e;
    }

    /** CPython's {@code MyExc(Exception)}. */
    static final class MyExc extends RuntimeException {
        MyExc() {
            super("MyExc");
        }
    }

    /** The {@code MyError(Exception)} local to CPython's gh-128550 tests. */
    static final class MyError extends RuntimeException {
        MyError(String message) {
            super(message);
        }
    }

    /** The {@code CustomException(Exception)} local to CPython's gh-95289 test. */
    static final class CustomException extends RuntimeException {
        CustomException() {
            super("CustomException");
        }
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
    void test_taskgroup_02() throws Exception {
        run(() -> {
            Task<?>[] t = new Task<?>[2];
            TaskGroup.run(g -> {
                t[0] = g.createTask(() -> {
                    sleep(0.1);
                    return 42;
                });
                sleep(0.15);
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
            Task<Void> r = startThenCancel(() -> {
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
            assertThatThrownBy(r::await).isInstanceOf(CancelledException.class);
            assertThat(num[0]).isEqualTo(5);
            return null;
        });
    }

    @Test
    void test_taskgroup_07() throws Exception {
        run(() -> {
            int[] num = {0};
            Task<Void> r = startThenCancel(() -> {
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
            assertThatThrownBy(r::await).isInstanceOf(CancelledException.class);
            assertThat(num[0]).isEqualTo(15);
            return null;
        });
    }

    @Test
    void test_taskgroup_08() throws Exception {
        run(() -> {
            Task<Void> r = startThenCancel(() -> {
                TaskGroup.run(g -> {
                    for (int i = 0; i < 5; i++) {
                        g.createTask(CpythonTaskGroupTests::sleepThenDivideByZero);
                    }
                    sleep(10);
                });
                return null;
            });
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
            Task<Void> r = startThenCancel(() -> {
                TaskGroup.run(g1 -> TaskGroup.run(g2 -> {
                    for (int i = 0; i < 5; i++) {
                        g2.createTask(CpythonTaskGroupTests::sleepThenDivideByZero);
                    }
                    sleep(10);
                }));
                return null;
            });
            assertThatThrownBy(r::await).isInstanceOfSatisfying(ExceptionGroupException.class, eg -> {
                assertThat(errorTypes(eg)).containsExactly(ExceptionGroupException.class);
                assertThat(errorTypes((ExceptionGroupException) eg.exceptions().getFirst()))
                        .containsExactly(ArithmeticException.class);
            });
            return null;
        });
    }

    @Test
    void test_taskgroup_12() throws Exception {
        run(() -> {
            Task<Void> r = startThenCancel(() -> {
                TaskGroup.run(g1 -> {
                    g1.createTask(() -> {
                        sleep(10);
                        return null;
                    });
                    TaskGroup.run(g2 -> {
                        for (int i = 0; i < 5; i++) {
                            g2.createTask(CpythonTaskGroupTests::sleepThenDivideByZero);
                        }
                        sleep(10);
                    });
                });
                return null;
            });
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
            Task<Void> r = startThenCancel(() -> {
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
            assertThatThrownBy(r::await).isInstanceOfSatisfying(ExceptionGroupException.class,
                    eg -> assertThat(errorTypes(eg)).containsExactly(ArithmeticException.class));
            return null;
        });
    }

    @Test
    void test_taskgroup_16() throws Exception {
        run(() -> {
            Task<Void> r = startThenCancel(() -> {
                Task<Void> t = Asyncio.createTask(() -> {   // nested_runner
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
                t.await();
                return null;
            });
            assertThatThrownBy(r::await).isInstanceOfSatisfying(ExceptionGroupException.class,
                    eg -> assertThat(errorTypes(eg)).containsExactly(ArithmeticException.class));
            return null;
        });
    }

    @Test
    void test_taskgroup_17() throws Exception {
        run(() -> {
            int[] num = {0};
            Task<Void> r = startThenCancel(() -> {
                TaskGroup.run(g -> {
                    try {
                        sleep(10);
                    } catch (CancelledException e) {
                        num[0] += 10;
                        throw e;
                    }
                });
                return null;
            });
            assertThatThrownBy(r::await).isInstanceOf(CancelledException.class);
            assertThat(num[0]).isEqualTo(10);
            return null;
        });
    }

    @Test
    void test_taskgroup_18() throws Exception {
        run(() -> {
            int[] num = {0};
            Task<Void> r = startThenCancel(() -> {
                TaskGroup.run(g -> {
                    try {
                        sleep(10);
                    } catch (CancelledException e) {
                        num[0] += 10;
                        // "This isn't a good idea, but we have to support this weird case."
                        throw new MyExc();
                    }
                });
                return null;
            });
            assertThatThrownBy(r::await).isInstanceOfSatisfying(ExceptionGroupException.class,
                    eg -> assertThat(errorTypes(eg)).containsExactly(MyExc.class));
            assertThat(num[0]).isEqualTo(10);
            return null;
        });
    }

    @Test
    void test_taskgroup_19() throws Exception {
        run(() -> {
            Task<Void> r = Asyncio.createTask(() -> {
                TaskGroup.run(g -> {
                    g.createTask(() -> {   // crash_soon
                        sleep(0.1);
                        return 1 / 0;
                    });
                    try {   // nested()
                        sleep(10);
                    } finally {
                        raise(new MyExc());
                    }
                });
                return null;
            });
            assertThatThrownBy(r::await).isInstanceOfSatisfying(ExceptionGroupException.class,
                    eg -> assertThat(errorTypes(eg)).containsExactlyInAnyOrder(MyExc.class, ArithmeticException.class));
            return null;
        });
    }

    // test_taskgroup_20, test_taskgroup_20a, _test_taskgroup_21 (disabled in CPython too) and
    // test_taskgroup_21a: not ported. They raise KeyboardInterrupt or a BaseException subclass
    // (MyBaseExc) in a task or the body and expect it (or a BaseExceptionGroup) to escape the
    // group unwrapped. Java has no BaseException/Exception split a task could raise: the nearest
    // thing, a java.lang.Error, is not the same contract (the group rethrows an Error as is, but
    // there is no BaseExceptionGroup to collect several).

    @Test
    void test_taskgroup_22() throws Exception {
        run(() -> {
            Task<Void> r = Asyncio.createTask(() -> {
                TaskGroup.run(g -> {
                    g.createTask(() -> {
                        sleep(1);
                        return 42;
                    });
                    g.createTask(() -> {
                        sleep(2);
                        return 11;
                    });
                });
                return null;
            });
            sleep(0.05);
            r.cancel();
            assertThatThrownBy(r::await).isInstanceOf(CancelledException.class);
            return null;
        });
    }

    @Test
    void test_taskgroup_23() throws Exception {
        run(() -> {
            TaskGroup.run(g -> {
                for (int count = 0; count < 10; count++) {
                    sleep(0.1);
                    g.createTask(() -> {   // do_job(0.3)
                        sleep(0.3);
                        return null;
                    });
                    if (count == 5) assertThat(g.taskCount()).isLessThan(5);
                }
                sleep(1.35);
                assertThat(g.taskCount()).isZero();
            });
            return null;
        });
    }

    @Test
    void test_taskgroup_24() throws Exception {
        run(() -> {
            int[] done = {0};
            TaskGroup.run(g -> g.createTask(() -> {   // root(g)
                sleep(0.1);
                for (double delay : new double[] {0.1, 0.2}) {
                    g.createTask(() -> {   // coro1(delay)
                        sleep(delay);
                        return ++done[0];
                    });
                }
                return null;
            }));
            // CPython's test only checks that the group returns; this also checks that it
            // waited for the tasks root created while the group was exiting
            assertThat(done[0]).isEqualTo(2);
            return null;
        });
    }

    @Test
    void test_taskgroup_25() throws Exception {
        run(() -> {
            int[] nhydras = {0};
            assertThatThrownBy(() -> TaskGroup.run(g -> {
                g.createTask(hydra(g, nhydras));
                g.createTask(() -> {   // hercules
                    while (nhydras[0] < 10) sleep(0.015);
                    return 1 / 0;
                });
            })).isInstanceOfSatisfying(ExceptionGroupException.class,
                    eg -> assertThat(errorTypes(eg)).containsExactly(ArithmeticException.class));
            assertThat(nhydras[0]).isGreaterThanOrEqualTo(10);
            return null;
        });
    }

    private static Callable<Void> hydra(TaskGroup g, int[] nhydras) {
        return () -> {
            nhydras[0] += 1;
            sleep(0.01);
            g.createTask(hydra(g, nhydras));
            g.createTask(hydra(g, nhydras));
            return null;
        };
    }

    @Test
    void test_taskgroup_task_name() throws Exception {
        run(() -> {
            TaskGroup.run(g -> {
                Task<?> t = g.createTask(() -> {
                    sleep(0);
                    return null;
                }, "yolo");
                assertThat(t.getName()).isEqualTo("yolo");
            });
            return null;
        });
    }

    // test_taskgroup_task_context: not ported; it passes a contextvars.Context to create_task
    // (context=ctx) and the library has no contextvars (a Java task sees ThreadLocal/ScopedValue
    // state of its own virtual thread, not a copyable Context).

    @Test
    void test_taskgroup_no_create_task_after_failure() throws Exception {
        run(() -> {
            Callable<Integer> coro1 = () -> {
                sleep(0.001);
                return 1 / 0;
            };
            boolean[] refused = {false};
            assertThatThrownBy(() -> TaskGroup.run(g -> {
                g.createTask(coro1);
                g.createTask(() -> {   // coro2(g)
                    try {
                        sleep(1);
                    } catch (CancelledException e) {
                        assertThatThrownBy(() -> g.createTask(coro1)).isInstanceOf(IllegalStateException.class)
                                .hasMessageContaining("is shutting down");
                        refused[0] = true;
                    }
                    return null;
                });
            })).isInstanceOfSatisfying(ExceptionGroupException.class,
                    eg -> assertThat(errorTypes(eg)).containsExactly(ArithmeticException.class));
            assertThat(refused[0]).isTrue();
            // beyond CPython's test: the body is refused too, and the finished group
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
    void test_taskgroup_context_manager_exit_raises() throws Exception {
        // gh-95289. CPython's body is `async with database():` whose finally raises; the
        // try/finally below is that context manager inlined
        run(() -> {
            Task<Void> main = Asyncio.createTask(() -> {
                Task<?> task = Asyncio.currentTask().orElseThrow();
                assertThatThrownBy(() -> TaskGroup.run(tg -> {
                    try {
                        tg.createTask(() -> {
                            throw new CustomException();
                        });
                        sleep(1);
                    } finally {
                        raise(new CustomException());
                    }
                })).isInstanceOfSatisfying(ExceptionGroupException.class, err -> {
                    assertThat(task.cancelling()).isZero();
                    assertThat(err.exceptions()).hasSize(2)
                            .allSatisfy(e -> assertThat(e).isInstanceOf(CustomException.class));
                });
                return null;
            });
            main.await();
            return null;
        });
    }

    // test_taskgroup_already_entered, test_taskgroup_double_enter, test_taskgroup_not_entered:
    // not ported; a Java TaskGroup exists only inside TaskGroup.run, which enters it exactly
    // once, so it cannot be entered twice or used before it is entered.

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

    // test_exception_refcycles_direct, _errors, _parent_task, _parent_task_wr,
    // _propagate_cancellation_error, _base_error: not ported; they check with gc.get_referrers
    // that no reference cycle keeps the raised exception alive under CPython's reference
    // counting. The JVM's tracing collector frees cycles; there is no referrer list to inspect.

    @Test
    void test_name() throws Exception {
        run(() -> {
            String[] name = {null};
            TaskGroup.run(tg -> tg.createTask(() -> {
                name[0] = Asyncio.currentTask().orElseThrow().getName();
                return null;
            }, "example name"));
            assertThat(name[0]).isEqualTo("example name");
            return null;
        });
    }

    @Test
    void test_cancels_task_if_created_during_creation() throws Exception {
        // gh-128550 (the lazy-task variant: the library has no eager task factory)
        run(() -> {
            boolean[] ran = {false};
            assertThatThrownBy(() -> TaskGroup.run(tg -> tg.createTask(() -> {   // second_task
                tg.createTask(() -> {   // third_task
                    throw new MyError("third task failed");
                });
                assertThatThrownBy(() -> {
                    sleep(0);   // eager tasks cancel here
                    sleep(0);   // lazy tasks cancel here
                }).isInstanceOf(CancelledException.class);
                ran[0] = true;
                return null;
            }))).isInstanceOfSatisfying(ExceptionGroupException.class, excs -> {
                assertThat(errorTypes(excs)).containsExactly(MyError.class);
                assertThat(excs.exceptions().getFirst()).hasMessage("third task failed");
            });
            assertThat(ran[0]).isTrue();
            return null;
        });
    }

    @Test
    void test_cancellation_does_not_leak_out_of_tg() throws Exception {
        run(() -> {
            assertThatThrownBy(() -> TaskGroup.run(tg -> tg.createTask(() -> {
                throw new MyError("");
            }))).isInstanceOfSatisfying(ExceptionGroupException.class,
                    eg -> assertThat(errorTypes(eg)).containsExactly(MyError.class));
            // if the group leaked its cancellation of this task, this sleep would throw
            sleep(0);
            return null;
        });
    }

    // TestEagerTaskTaskGroup (the same tests on a loop with asyncio.eager_task_factory): not
    // ported; the library has no eager task factory, its tasks always start on the loop.
}
