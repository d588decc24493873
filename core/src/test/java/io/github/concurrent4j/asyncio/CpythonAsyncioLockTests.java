package io.github.concurrent4j.asyncio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ported from CPython 3.13 {@code Lib/test/test_asyncio/test_locks.py}: the test classes and
 * method names are CPython's. Each test runs in a fresh loop, as {@code IsolatedAsyncioTestCase}
 * does. {@code lock._waiters} is read through the package-private {@code waiters()}; Python's
 * {@code RuntimeError}/{@code ValueError} are {@code IllegalStateException} /
 * {@code IllegalArgumentException}. Tests of {@code mock} objects or of the removed
 * {@code loop=} parameter are not ported (they test Python's signatures, not behaviour).
 */
@Tag("unit")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CpythonAsyncioLockTests {
    static void run(Callable<?> test) {
        Asyncio.run(test);
    }

    static void sleep0() {
        Asyncio.sleep(Duration.ZERO);
    }

    @Nested
    class LockTests {
        @Test
        void test_repr() {
            Lock lock = new Lock();
            assertThat(lock.toString()).endsWith("[unlocked]>");
            run(() -> {
                lock.acquire();
                assertThat(lock.toString()).endsWith("[locked]>");
                return null;
            });
        }

        @Test
        void test_acquire() {
            run(() -> {
                Lock lock = new Lock();
                List<Integer> result = new ArrayList<>();
                assertThat(lock.acquire()).isTrue();
                Task<Boolean> t1 = Asyncio.createTask(() -> {
                    if (lock.acquire()) result.add(1);
                    return true;
                });
                Task<Boolean> t2 = Asyncio.createTask(() -> {
                    if (lock.acquire()) result.add(2);
                    return true;
                });
                sleep0();
                assertThat(result).isEmpty();
                lock.release();
                sleep0();
                assertThat(result).containsExactly(1);
                sleep0();
                assertThat(result).containsExactly(1);
                Task<Boolean> t3 = Asyncio.createTask(() -> {
                    if (lock.acquire()) result.add(3);
                    return true;
                });
                lock.release();
                sleep0();
                assertThat(result).containsExactly(1, 2);
                lock.release();
                sleep0();
                assertThat(result).containsExactly(1, 2, 3);
                for (Task<Boolean> t : List.of(t1, t2, t3)) {
                    assertThat(t.done()).isTrue();
                    assertThat(t.result()).isTrue();
                }
                return null;
            });
        }

        @Test
        void test_acquire_cancel() {
            run(() -> {
                Lock lock = new Lock();
                assertThat(lock.acquire()).isTrue();
                Task<Boolean> task = Asyncio.createTask(lock::acquire);
                Asyncio.getRunningLoop().callSoon(task::cancel);
                assertThatThrownBy(task::await).isInstanceOf(CancelledException.class);
                assertThat(lock.waiters().isEmpty()).isTrue();
                return null;
            });
        }

        @Test
        void test_cancel_race() {
            // A has the lock, B and C wait; B is cancelled while A releases: the release must
            // move on to C's waiter.
            run(() -> {
                Lock lock = new Lock();
                Future<Void> fa = Asyncio.getRunningLoop().createFuture();
                Callable<Void> lockit = () -> {
                    lock.acquire();
                    lock.release();
                    return null;
                };
                Task<Void> ta = Asyncio.createTask(() -> {
                    lock.acquire();
                    try {
                        fa.await();
                    } finally {
                        lock.release();
                    }
                    return null;
                });
                sleep0();
                assertThat(lock.locked()).isTrue();
                Task<Void> tb = Asyncio.createTask(lockit);
                sleep0();
                assertThat(lock.waiters().size()).isEqualTo(1);
                Task<Void> tc = Asyncio.createTask(lockit);
                sleep0();
                assertThat(lock.waiters().size()).isEqualTo(2);

                fa.setResult(null);
                tb.cancel();
                assertThat(lock.waiters().first().failed()).isTrue();
                sleep0();
                assertThat(lock.locked()).isFalse();
                assertThat(ta.done()).isTrue();
                assertThat(tb.cancelled()).isTrue();
                tc.await();
                return null;
            });
        }

        @Test
        void test_cancel_release_race() {
            // Issue 32734: acquire 4 locks, cancel the second, release the first: only one is taken
            run(() -> {
                Lock lock = new Lock();
                int[] lockCount = {0}, callCount = {0};
                Callable<Void> lockit = () -> {
                    callCount[0]++;
                    lock.acquire();
                    lockCount[0]++;
                    return null;
                };
                lock.acquire();
                Task<Void> t1 = Asyncio.createTask(lockit);
                Task<Void> t2 = Asyncio.createTask(lockit);
                Task<Void> t3 = Asyncio.createTask(lockit);
                sleep0();
                Asyncio.getRunningLoop().callSoon(() -> {
                    t1.cancel();
                    lock.release();
                });
                assertThatThrownBy(t1::await).isInstanceOf(CancelledException.class);
                assertThat(lockCount[0]).isEqualTo(1);
                assertThat(callCount[0]).isEqualTo(3);
                assertThat(t1.cancelled() && t2.done()).isTrue();
                t3.cancel();
                sleep0();
                assertThat(t3.cancelled()).isTrue();
                return null;
            });
        }

        @Test
        void test_finished_waiter_cancelled() {
            run(() -> {
                Lock lock = new Lock();
                lock.acquire();
                assertThat(lock.locked()).isTrue();
                Task<Boolean> tb = Asyncio.createTask(lock::acquire);
                sleep0();
                assertThat(lock.waiters().size()).isEqualTo(1);
                // a second waiter; wake up the first and cancel it: the second must be woken
                Task<Boolean> tc = Asyncio.createTask(lock::acquire);
                tb.cancel();
                lock.release();
                sleep0();
                assertThat(lock.locked()).isTrue();
                assertThat(tb.cancelled()).isTrue();
                tc.await();
                return null;
            });
        }

        @Test
        void test_release_not_acquired() {
            Lock lock = new Lock();
            assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void test_release_no_waiters() {
            run(() -> {
                Lock lock = new Lock();
                lock.acquire();
                assertThat(lock.locked()).isTrue();
                lock.release();
                assertThat(lock.locked()).isFalse();
                return null;
            });
        }

        @Test
        void test_context_manager() {
            run(() -> {
                Lock lock = new Lock();
                assertThat(lock.locked()).isFalse();
                try (var _ = lock.hold()) {
                    assertThat(lock.locked()).isTrue();
                }
                assertThat(lock.locked()).isFalse();
                return null;
            });
        }
    }

    @Nested
    class EventTests {
        @Test
        void test_repr() {
            Event ev = new Event();
            assertThat(ev.toString()).endsWith("[unset]>");
            ev.set();
            assertThat(ev.toString()).endsWith("[set]>");
        }

        @Test
        void test_wait() {
            run(() -> {
                Event ev = new Event();
                assertThat(ev.isSet()).isFalse();
                List<Integer> result = new ArrayList<>();
                Task<Void> t1 = Asyncio.createTask(() -> {
                    if (ev.await()) result.add(1);
                    return null;
                });
                Task<Void> t2 = Asyncio.createTask(() -> {
                    if (ev.await()) result.add(2);
                    return null;
                });
                sleep0();
                assertThat(result).isEmpty();
                Task<Void> t3 = Asyncio.createTask(() -> {
                    if (ev.await()) result.add(3);
                    return null;
                });
                ev.set();
                sleep0();
                assertThat(result).containsExactly(3, 1, 2);
                for (Task<Void> t : List.of(t1, t2, t3)) {
                    assertThat(t.done()).isTrue();
                    assertThat(t.result()).isNull();
                }
                return null;
            });
        }

        @Test
        void test_wait_on_set() {
            run(() -> {
                Event ev = new Event();
                ev.set();
                assertThat(ev.await()).isTrue();
                return null;
            });
        }

        @Test
        void test_wait_cancel() {
            run(() -> {
                Event ev = new Event();
                Task<Boolean> wait = Asyncio.createTask(ev::await);
                Asyncio.getRunningLoop().callSoon(wait::cancel);
                assertThatThrownBy(wait::await).isInstanceOf(CancelledException.class);
                assertThat(ev.waiters().isEmpty()).isTrue();
                return null;
            });
        }

        @Test
        void test_clear() {
            Event ev = new Event();
            assertThat(ev.isSet()).isFalse();
            ev.set();
            assertThat(ev.isSet()).isTrue();
            ev.clear();
            assertThat(ev.isSet()).isFalse();
        }

        @Test
        void test_clear_with_waiters() {
            run(() -> {
                Event ev = new Event();
                List<Integer> result = new ArrayList<>();
                Task<Boolean> t = Asyncio.createTask(() -> {
                    if (ev.await()) result.add(1);
                    return true;
                });
                sleep0();
                assertThat(result).isEmpty();
                ev.set();
                ev.clear();
                assertThat(ev.isSet()).isFalse();
                ev.set();
                ev.set();
                assertThat(ev.waiters().size()).isEqualTo(1);
                sleep0();
                assertThat(result).containsExactly(1);
                assertThat(ev.waiters().size()).isZero();
                assertThat(t.done()).isTrue();
                assertThat(t.result()).isTrue();
                return null;
            });
        }
    }

    @Nested
    class ConditionTests {
        @Test
        void test_wait() {
            run(() -> {
                Condition cond = new Condition();
                List<Integer> result = new ArrayList<>();
                List<Task<Boolean>> ts = new ArrayList<>();
                for (int k = 1; k <= 3; k++) {
                    int n = k;
                    ts.add(Asyncio.createTask(() -> {
                        cond.acquire();
                        if (cond.await()) result.add(n);
                        return true;
                    }));
                }
                sleep0();
                assertThat(result).isEmpty();
                assertThat(cond.locked()).isFalse();
                assertThat(cond.acquire()).isTrue();
                cond.signal();
                sleep0();
                assertThat(result).isEmpty();
                assertThat(cond.locked()).isTrue();
                cond.release();
                sleep0();
                assertThat(result).containsExactly(1);
                assertThat(cond.locked()).isTrue();
                cond.signal(2);
                sleep0();
                assertThat(result).containsExactly(1);
                assertThat(cond.locked()).isTrue();
                cond.release();
                sleep0();
                assertThat(result).containsExactly(1, 2);
                assertThat(cond.locked()).isTrue();
                cond.release();
                sleep0();
                assertThat(result).containsExactly(1, 2, 3);
                assertThat(cond.locked()).isTrue();
                for (Task<Boolean> t : ts) assertThat(t.result()).isTrue();
                return null;
            });
        }

        @Test
        void test_wait_cancel() {
            run(() -> {
                Condition cond = new Condition();
                cond.acquire();
                Task<Boolean> wait = Asyncio.createTask(cond::await);
                Asyncio.getRunningLoop().callSoon(wait::cancel);
                assertThatThrownBy(wait::await).isInstanceOf(CancelledException.class);
                assertThat(cond.waiters().isEmpty()).isTrue();
                assertThat(cond.locked()).isTrue();
                return null;
            });
        }

        @Test
        void test_wait_cancel_contested() {
            run(() -> {
                Condition cond = new Condition();
                cond.acquire();
                assertThat(cond.locked()).isTrue();
                Task<Boolean> waitTask = Asyncio.createTask(cond::await);
                sleep0();
                assertThat(cond.locked()).isFalse();
                // notify, but contest the lock before cancelling
                cond.acquire();
                assertThat(cond.locked()).isTrue();
                cond.signal();
                Asyncio.getRunningLoop().callSoon(waitTask::cancel);
                Asyncio.getRunningLoop().callSoon(cond::release);
                try {
                    waitTask.await();
                } catch (CancelledException e) {
                    // should not happen, since there are no cancellation points
                }
                assertThat(cond.locked()).isTrue();
                return null;
            });
        }

        @Test
        void test_wait_cancel_after_notify() {
            // bpo-32841
            run(() -> {
                boolean[] waited = {false};
                Condition cond = new Condition();
                Task<Void> waiter = Asyncio.createTask(() -> {
                    try (var _ = cond.hold()) {
                        waited[0] = true;
                        cond.await();
                    }
                    return null;
                });
                sleep0();
                cond.acquire();
                cond.signal();
                sleep0();
                waiter.cancel();
                sleep0();
                cond.release();
                sleep0();
                assertThat(waiter.cancelled()).isTrue();
                assertThat(waited[0]).isTrue();
                return null;
            });
        }

        @Test
        void test_wait_unacquired() {
            run(() -> {
                Condition cond = new Condition();
                assertThatThrownBy(cond::await).isInstanceOf(IllegalStateException.class);
                return null;
            });
        }

        @Test
        void test_wait_for() {
            run(() -> {
                Condition cond = new Condition();
                boolean[] presult = {false};
                int[] calls = {0};
                List<Integer> result = new ArrayList<>();
                Task<Boolean> t = Asyncio.createTask(() -> {
                    cond.acquire();
                    if (cond.awaitFor(() -> {
                        calls[0]++;
                        return presult[0];
                    })) {
                        result.add(1);
                        cond.release();
                    }
                    return true;
                });
                sleep0();
                assertThat(result).isEmpty();
                cond.acquire();
                cond.signal();
                cond.release();
                sleep0();
                assertThat(result).isEmpty();
                assertThat(calls[0]).isEqualTo(2);
                presult[0] = true;
                cond.acquire();
                cond.signal();
                cond.release();
                sleep0();
                assertThat(result).containsExactly(1);
                assertThat(calls[0]).isEqualTo(3);
                assertThat(t.result()).isTrue();
                return null;
            });
        }

        @Test
        void test_wait_for_unacquired() {
            run(() -> {
                Condition cond = new Condition();
                // predicate can return true immediately
                assertThat(cond.awaitFor(() -> new int[] {1, 2, 3})).isEqualTo(new int[] {1, 2, 3});
                assertThatThrownBy(() -> cond.awaitFor(() -> false)).isInstanceOf(IllegalStateException.class);
                return null;
            });
        }

        @Test
        void test_notify_all() {
            run(() -> {
                Condition cond = new Condition();
                List<Integer> result = new ArrayList<>();
                for (int k = 1; k <= 2; k++) {
                    int n = k;
                    Asyncio.createTask(() -> {
                        cond.acquire();
                        if (cond.await()) {
                            result.add(n);
                            cond.release();
                        }
                        return true;
                    });
                }
                sleep0();
                assertThat(result).isEmpty();
                cond.acquire();
                cond.signalAll();
                cond.release();
                sleep0();
                assertThat(result).containsExactly(1, 2);
                return null;
            });
        }

        @Test
        void test_notify_unacquired() {
            Condition cond = new Condition();
            assertThatThrownBy(cond::signal).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void test_notify_all_unacquired() {
            Condition cond = new Condition();
            assertThatThrownBy(cond::signalAll).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void test_repr() {
            run(() -> {
                Condition cond = new Condition();
                assertThat(cond.toString()).contains("unlocked");
                cond.acquire();
                assertThat(cond.toString()).contains("locked");
                Asyncio.createTask(cond::await);
                sleep0();
                assertThat(cond.toString()).contains("waiters:1");
                return null;
            });
        }

        @Test
        void test_explicit_lock() {
            run(() -> {
                Lock lock = new Lock();
                Condition cond = new Condition(lock);
                lock.acquire();
                assertThat(cond.locked()).isTrue();
                lock.release();
                assertThat(cond.locked()).isFalse();
                cond.acquire();
                assertThat(lock.locked()).isTrue();
                cond.release();
                assertThat(lock.locked()).isFalse();
                return null;
            });
        }

        @Test
        void test_cancelled_error_wakeup() {
            // a CancelledException received while awaiting the wake-up is raised unmodified
            run(() -> {
                Condition cond = new Condition();
                CancelledException[] raised = {null};
                Task<Void> task = Asyncio.createTask(() -> {
                    try (var _ = cond.hold()) {
                        try {
                            cond.awaitFor(() -> false);
                        } catch (CancelledException e) {
                            raised[0] = e;
                            throw e;
                        }
                    }
                    return null;
                });
                sleep0();
                task.cancel("foo");
                CancelledException err = catchCancelled(task);
                assertThat(err.getMessage()).isEqualTo("foo");
                assertThat(err).isSameAs(raised[0]);
                return null;
            });
        }

        @Test
        void test_cancelled_error_re_aquire() {
            // a CancelledException received while re-acquiring the lock is raised unmodified
            run(() -> {
                Condition cond = new Condition();
                boolean[] wake = {false};
                CancelledException[] raised = {null};
                Task<Void> task = Asyncio.createTask(() -> {
                    try (var _ = cond.hold()) {
                        try {
                            cond.awaitFor(() -> wake[0]);
                        } catch (CancelledException e) {
                            raised[0] = e;
                            throw e;
                        }
                    }
                    return null;
                });
                sleep0();
                cond.acquire();
                wake[0] = true;
                cond.signal();
                sleep0();
                task.cancel("foo");
                cond.release();
                CancelledException err = catchCancelled(task);
                assertThat(err.getMessage()).isEqualTo("foo");
                assertThat(err).isSameAs(raised[0]);
                return null;
            });
        }

        @Test
        void test_cancelled_wakeup() {
            // a task cancelled while waiting to run after notify() passes the wake-up on (gh-112202)
            lostWakeup(false);
        }

        @Test
        void test_cancelled_wakeup_relock() {
            // the same, cancelled while re-acquiring the lock
            lostWakeup(true);
        }

        private void lostWakeup(boolean letItSettleOnTheLock) {
            run(() -> {
                Condition condition = new Condition();
                int[] state = {0};
                List<Task<Void>> c = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    c.add(Asyncio.createTask(() -> {
                        try (var _ = condition.hold()) {
                            while (true) {
                                condition.awaitFor(() -> state[0] != 0);
                                if (state[0] < 0) return null;
                                state[0] -= 1;
                            }
                        }
                    }));
                }
                sleep0();
                try (var _ = condition.hold()) {
                    state[0] += 1;
                    condition.signal(1);
                    if (letItSettleOnTheLock) sleep0();
                    c.get(0).cancel();
                    try {
                        Asyncio.timeout(Duration.ofMillis(10), () -> condition.awaitFor(() -> state[0] == 0));
                    } catch (AsyncioTimeoutException ignored) {
                        // the assertion below says what went wrong
                    }
                    assertThat(state[0]).isZero();
                    state[0] = -1;
                    condition.signalAll();
                }
                c.get(1).await();
                return null;
            });
        }
    }

    @Nested
    class SemaphoreTests {
        @Test
        void test_initial_value_zero() {
            Semaphore sem = new Semaphore(0);
            assertThat(sem.locked()).isTrue();
        }

        @Test
        void test_repr() {
            run(() -> {
                Semaphore sem = new Semaphore();
                assertThat(sem.toString()).endsWith("[unlocked, value:1]>");
                sem.acquire();
                assertThat(sem.toString()).endsWith("[locked]>");
                Asyncio.createTask(sem::acquire);
                sleep0();
                assertThat(sem.toString()).contains("waiters:1");
                return null;
            });
        }

        @Test
        void test_semaphore() {
            run(() -> {
                Semaphore sem = new Semaphore();
                assertThat(sem.value()).isEqualTo(1);
                assertThat(sem.acquire()).isTrue();
                assertThat(sem.locked()).isTrue();
                assertThat(sem.value()).isZero();
                return null;
            });
        }

        @Test
        void test_semaphore_value() {
            assertThatThrownBy(() -> new Semaphore(-1)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void test_acquire_cancel() {
            run(() -> {
                Semaphore sem = new Semaphore();
                sem.acquire();
                Task<Boolean> acquire = Asyncio.createTask(sem::acquire);
                Asyncio.getRunningLoop().callSoon(acquire::cancel);
                assertThatThrownBy(acquire::await).isInstanceOf(CancelledException.class);
                assertThat(sem.waiters().isEmpty() || !sem.waiters().hasPending()).isTrue();
                return null;
            });
        }

        @Test
        void test_acquire_cancel_before_awoken() {
            run(() -> {
                Semaphore sem = new Semaphore(0);
                Task<Boolean> t1 = Asyncio.createTask(sem::acquire);
                Task<Boolean> t2 = Asyncio.createTask(sem::acquire);
                Task<Boolean> t3 = Asyncio.createTask(sem::acquire);
                Task<Boolean> t4 = Asyncio.createTask(sem::acquire);
                sleep0();
                t1.cancel();
                t2.cancel();
                sem.release();
                sleep0();
                sleep0();
                assertThat(List.of(t3, t4).stream().filter(Task::done).count()).isEqualTo(1);
                assertThat(t3.done()).isTrue();
                assertThat(t4.done()).isFalse();
                t3.cancel();
                t4.cancel();
                sleep0();
                return null;
            });
        }

        @Test
        void test_acquire_hang() {
            run(() -> {
                Semaphore sem = new Semaphore(0);
                Task<Boolean> t1 = Asyncio.createTask(sem::acquire);
                Task<Boolean> t2 = Asyncio.createTask(sem::acquire);
                sleep0();
                t1.cancel();
                sem.release();
                sleep0();
                sleep0();
                assertThat(sem.locked()).isTrue();
                assertThat(t2.done()).isTrue();
                return null;
            });
        }

        @Test
        void test_acquire_no_hang() {
            run(() -> {
                Semaphore sem = new Semaphore(1);
                Task<?>[] t2 = new Task<?>[1];
                Task<Void> t1 = Asyncio.createTask(() -> {
                    try (var _ = sem.hold()) {
                        sleep0();
                    }
                    t2[0].cancel();
                    return null;
                });
                t2[0] = Asyncio.createTask(() -> {
                    try (var _ = sem.hold()) {
                        throw new AssertionError("must not get the semaphore");
                    }
                });
                List<Object> r = Asyncio.gather(true, t1, t2[0]).await();
                assertThat(r.get(0)).isNull();
                assertThat(r.get(1)).isInstanceOf(CancelledException.class);
                Asyncio.waitFor(Asyncio.createTask(sem::acquire), Duration.ofSeconds(1));
                return null;
            });
        }

        @Test
        void test_release_not_acquired() {
            Semaphore sem = Semaphore.bounded();
            assertThatThrownBy(sem::release).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void test_release_no_waiters() {
            run(() -> {
                Semaphore sem = new Semaphore();
                sem.acquire();
                assertThat(sem.locked()).isTrue();
                sem.release();
                assertThat(sem.locked()).isFalse();
                return null;
            });
        }

        @Test
        void test_acquire_fifo_order() {
            run(() -> {
                Semaphore sem = new Semaphore(1);
                List<String> result = new ArrayList<>();
                TaskGroup.run(tg -> {
                    for (String tag : List.of("c1", "c2", "c3")) {
                        tg.createTask(() -> {
                            sem.acquire();
                            result.add(tag + "_1");
                            Asyncio.sleep(Duration.ofMillis(10));
                            sem.release();
                            sem.acquire();
                            result.add(tag + "_2");
                            Asyncio.sleep(Duration.ofMillis(10));
                            sem.release();
                            return null;
                        });
                    }
                });
                assertThat(result).containsExactly("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2");
                return null;
            });
        }

        @Test
        void test_acquire_fifo_order_2() {
            // deviation 3 of issue 9: a new acquirer must not overtake woken waiters
            run(() -> {
                Semaphore sem = new Semaphore(1);
                List<Integer> result = new ArrayList<>();
                Task<Boolean> t1 = Asyncio.createTask(() -> {
                    sem.acquire();
                    result.add(1);
                    return true;
                });
                Task<Boolean> t2 = Asyncio.createTask(() -> {
                    sem.acquire();
                    result.add(2);
                    sem.release();
                    sem.acquire();
                    result.add(4);
                    return true;
                });
                Task<Boolean> t3 = Asyncio.createTask(() -> {
                    sem.acquire();
                    result.add(3);
                    return true;
                });
                sleep0();
                sem.release();
                sem.release();
                Asyncio.gather(t1, t2, t3).await();
                assertThat(result).containsExactly(1, 2, 3, 4);
                return null;
            });
        }

        @Test
        void test_acquire_fifo_order_3() {
            run(() -> {
                Semaphore sem = new Semaphore(0);
                List<Integer> result = new ArrayList<>();
                List<Task<Boolean>> ts = new ArrayList<>();
                for (int k = 1; k <= 3; k++) {
                    int n = k;
                    ts.add(Asyncio.createTask(() -> {
                        sem.acquire();
                        result.add(n);
                        return true;
                    }));
                }
                sleep0();
                ts.get(0).cancel();
                sleep0();
                sem.release();
                sem.release();
                Asyncio.gather(true, ts.toArray(new Future<?>[0])).await();
                assertThat(result).containsExactly(2, 3);
                return null;
            });
        }

        @Test
        void test_acquire_fifo_order_4() {
            // a successful acquire() wakes the further tasks that waited for FIFO's sake
            run(() -> {
                Semaphore sem = new Semaphore(0);
                List<Integer> result = new ArrayList<>();
                List<Task<Boolean>> t4 = new ArrayList<>();
                Task<Boolean> t1 = Asyncio.createTask(() -> {
                    assertThat(sem.value()).isZero();
                    sem.acquire();
                    assertThat(sem.value()).isZero();
                    t4.add(Asyncio.createTask(() -> {
                        result.add(4);
                        return true;
                    }));
                    result.add(1);
                    return true;
                });
                Task<Boolean> t2 = Asyncio.createTask(() -> {
                    sem.release();
                    sem.release();
                    sem.release();
                    assertThat(sem.value()).isEqualTo(2);
                    assertThat(sem.locked()).isTrue();   // c1 has not woken up yet
                    sem.acquire();
                    result.add(2);
                    return true;
                });
                Task<Boolean> t3 = Asyncio.createTask(() -> {
                    sem.acquire();
                    assertThat(sem.locked()).isTrue();
                    result.add(3);
                    return true;
                });
                sleep0();
                assertThat(sem.value()).isEqualTo(2);
                assertThat(sem.waiters().size()).isEqualTo(3);
                sleep0();
                Asyncio.gather(t1, t2, t3, t4.get(0)).await();
                assertThat(result).containsExactly(1, 2, 3, 4);
                return null;
            });
        }
    }

    @Nested
    class BarrierTests {
        static final int N = 5;

        @Test
        void test_barrier() {
            run(() -> {
                Barrier barrier = new Barrier(N);
                List<Integer> results = new ArrayList<>();
                List<Task<Integer>> ts = new ArrayList<>();
                for (int i = 0; i < N; i++) ts.add(Asyncio.createTask(() -> {
                    int r = barrier.await();
                    results.add(r);
                    return r;
                }));
                Asyncio.gather(ts).await();
                assertThat(results).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
                assertThat(barrier.nWaiting()).isZero();
                assertThat(barrier.isBroken()).isFalse();
                return null;
            });
        }

        @Test
        void test_repr() {
            run(() -> {
                Barrier barrier = new Barrier(N);
                assertThat(barrier.toString()).contains("filling").contains("waiters:0/5");
                List<Task<Integer>> ts = new ArrayList<>();
                for (int i = 0; i < N - 1; i++) ts.add(Asyncio.createTask(barrier::await));
                sleep0();
                assertThat(barrier.toString()).contains("filling").contains("waiters:4/5");
                ts.add(Asyncio.createTask(barrier::await));
                sleep0();
                assertThat(barrier.toString()).contains("draining");
                Asyncio.gather(ts).await();
                barrier.abort();
                assertThat(barrier.toString()).contains("broken");
                return null;
            });
        }

        @Test
        void test_filling_tasks_cancel_one() {
            run(() -> {
                Barrier barrier = new Barrier(N);
                Task<Integer> t1 = Asyncio.createTask(barrier::await);
                sleep0();
                Task<Integer> t2 = Asyncio.createTask(barrier::await);
                sleep0();
                assertThat(barrier.nWaiting()).isEqualTo(2);
                t1.cancel();
                sleep0();
                assertThat(barrier.nWaiting()).isEqualTo(1);
                t2.cancel();
                sleep0();
                assertThat(barrier.nWaiting()).isZero();
                assertThat(barrier.isBroken()).isFalse();
                return null;
            });
        }

        @Test
        void test_reset_barrier_while_tasks_waiting() {
            run(() -> {
                Barrier barrier = new Barrier(N);
                List<Boolean> results = new ArrayList<>();
                List<Task<Void>> ts = new ArrayList<>();
                for (int i = 0; i < N - 1; i++) ts.add(Asyncio.createTask(() -> {
                    try {
                        barrier.await();
                    } catch (BrokenBarrierException e) {
                        results.add(true);
                    }
                    return null;
                }));
                sleep0();
                barrier.reset();
                Asyncio.gather(ts).await();
                assertThat(results).hasSize(N - 1);
                assertThat(barrier.isBroken()).isFalse();
                assertThat(barrier.nWaiting()).isZero();
                return null;
            });
        }

        @Test
        void test_abort_barrier() {
            run(() -> {
                Barrier barrier = new Barrier(1);
                barrier.abort();
                assertThat(barrier.isBroken()).isTrue();
                assertThatThrownBy(barrier::await).isInstanceOf(BrokenBarrierException.class);
                return null;
            });
        }

        @Test
        void test_barrier_parties() {
            assertThatThrownBy(() -> new Barrier(0)).isInstanceOf(IllegalArgumentException.class);
            assertThat(new Barrier(3).parties()).isEqualTo(3);
        }
    }

    static CancelledException catchCancelled(Task<?> task) {
        try {
            task.await();
        } catch (CancelledException e) {
            return e;
        }
        throw new AssertionError("expected a CancelledException from " + task);
    }
}
