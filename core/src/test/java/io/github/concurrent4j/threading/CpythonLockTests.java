package io.github.concurrent4j.threading;

import static io.github.concurrent4j.threading.Bunch.assertTimeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ported from CPython 3.13 {@code Lib/test/lock_tests.py} (as run by {@code test_threading.py}
 * for {@code threading.Lock}, {@code RLock}, {@code Condition} as an RLock, {@code Event},
 * {@code Condition}): class and method names are CPython's. Python's {@code RuntimeError} is
 * {@link IllegalStateException} / {@link IllegalMonitorStateException}, {@code ValueError} is
 * {@link IllegalArgumentException}; {@code repr} is {@code toString()}, asserted for the same
 * information rather than the same text. {@code wait_threads_blocked} (a sleep) is
 * {@link Bunch#awaitBlocked()} (the threads' states).
 *
 * <p>Not ported, because they test what the JVM does not have: {@code test_at_fork_reinit}
 * (no {@code fork}), {@code test_weakref_*}/{@code test_acquire_destroy} ({@code del} and
 * reference counting), {@code test_release_save_unacquired} and {@code _is_owned}'s private
 * protocol (ported as {@code isHeldByCurrentThread}). Where Java differs on purpose (stated in
 * the README): a negative timeout is refused ({@code IllegalArgumentException}) where Python
 * reads {@code -1} as "forever", and a timeout above {@code TIMEOUT_MAX} waits as long as
 * {@code TIMEOUT_MAX} instead of raising {@code OverflowError}.
 */
@Tag("unit")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CpythonLockTests {

    /** What the lock tests use of a lock: a Mutex, or a Condition (which exports its lock's methods). */
    interface LockLike {
        void acquire();

        boolean acquire(boolean blocking);

        boolean acquire(Duration timeout);

        void release();

        Held hold();

        static LockLike of(Mutex m) {
            return new LockLike() {
                public void acquire() {
                    m.acquire();
                }

                public boolean acquire(boolean blocking) {
                    return m.acquire(blocking);
                }

                public boolean acquire(Duration timeout) {
                    return m.acquire(timeout);
                }

                public void release() {
                    m.release();
                }

                public Held hold() {
                    return m.hold();
                }

                @Override
                public String toString() {
                    return m.toString();
                }
            };
        }
    }

    abstract class BaseLockTests {
        abstract LockLike locktype();

        @Test
        void test_constructor() {
            assertThat(locktype()).isNotNull();
        }

        @Test
        void test_repr() {
            assertThat(locktype().toString()).contains("unlocked");
        }

        @Test
        void test_locked_repr() {
            LockLike lock = locktype();
            lock.acquire();
            assertThat(lock.toString()).contains("locked by");
        }

        @Test
        void test_acquire_release() {
            LockLike lock = locktype();
            lock.acquire();
            lock.release();
        }

        @Test
        void test_try_acquire() {
            LockLike lock = locktype();
            assertThat(lock.acquire(false)).isTrue();
            lock.release();
        }

        @Test
        void test_try_acquire_contended() throws Exception {
            LockLike lock = locktype();
            lock.acquire();
            List<Boolean> result = Collections.synchronizedList(new ArrayList<>());
            try (var _ = new Bunch(() -> result.add(lock.acquire(false)), 1)) {
                // pass
            }
            assertThat(result.getFirst()).isFalse();
            lock.release();
        }

        @Test
        void test_acquire_contended() throws Exception {
            LockLike lock = locktype();
            lock.acquire();
            int n = 5;
            Bunch bunch = new Bunch(() -> {
                lock.acquire();
                lock.release();
            }, n);
            try (bunch) {
                bunch.awaitBlocked();   // threads block on lock.acquire()
                assertThat(bunch.finished).isEmpty();
                lock.release();   // threads unblocked
            }
            assertThat(bunch.finished).hasSize(n);
        }

        @Test
        void test_with() throws Exception {
            LockLike lock = locktype();
            Bunch.ThrowingRunnable f = () -> {
                lock.acquire();
                lock.release();
            };
            try (var _ = lock.hold()) {
                // acquire the lock, do nothing, with releases it
            }
            try (var _ = new Bunch(f, 1)) {
                // the lock is not held
            }
            assertThatThrownBy(() -> {
                try (var _ = lock.hold()) {
                    throw new ClassCastException("TypeError");
                }
            }).isInstanceOf(ClassCastException.class);
            try (var _ = new Bunch(f, 1)) {
                // released even after the exception in the with block
            }
        }

        @Test
        void test_thread_leak() throws Exception {
            LockLike lock = locktype();
            try (var _ = new Bunch(() -> {
                lock.acquire();
                lock.release();
            }, 15)) {
                // pass
            }
        }

        @Test
        void test_timeout() throws Exception {
            LockLike lock = locktype();
            // invalid timeout values (a negative timeout: IllegalArgumentException, see the class note)
            assertThatThrownBy(() -> lock.acquire(Duration.ofSeconds(-100))).isInstanceOf(IllegalArgumentException.class);
            // TIMEOUT_MAX is ok
            assertThat(lock.acquire(Threading.TIMEOUT_MAX)).isTrue();
            lock.release();
            long t1 = System.nanoTime();
            assertThat(lock.acquire(Duration.ofSeconds(5))).isTrue();
            assertThat((System.nanoTime() - t1) / 1e9).isLessThan(5);   // it did not wait for the timeout
            List<Object> results = Collections.synchronizedList(new ArrayList<>());
            try (var _ = new Bunch(() -> {
                long a = System.nanoTime();
                results.add(lock.acquire(Duration.ofMillis(500)));
                results.add((System.nanoTime() - a) / 1e9);
            }, 1)) {
                // pass
            }
            assertThat(results.get(0)).isEqualTo(false);
            assertTimeout((Double) results.get(1), 0.5);
        }
    }

    @Nested
    class LockTests extends BaseLockTests {
        @Override
        LockLike locktype() {
            return LockLike.of(new Lock());
        }

        @Test
        void test_reacquire() throws Exception {
            // a Lock must be released before it is acquired again
            Lock lock = new Lock();
            List<Object> phase = Collections.synchronizedList(new ArrayList<>());
            Thread t = Thread.ofPlatform().daemon(true).start(() -> {
                lock.acquire();
                phase.add(null);
                lock.acquire();
                phase.add(null);
            });
            Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> phase.size() == 1);
            Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> t.getState() == Thread.State.WAITING);
            assertThat(phase).hasSize(1);
            lock.release();   // thread unblocked
            Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> phase.size() == 2);
            t.join();
        }

        @Test
        void test_different_thread() throws Exception {
            // a Lock can be released from a different thread
            Lock lock = new Lock();
            lock.acquire();
            try (var _ = new Bunch(lock::release, 1)) {
                // pass
            }
            lock.acquire();
            lock.release();
        }

        @Test
        void aLockThatNobodyReferencesIsCollected() {
            // test_weakref_deleted's point, by the JVM's means
            WeakReference<Lock> ref = new WeakReference<>(new Lock());
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> {
                System.gc();
                return ref.get() == null;
            });
        }

        @Test
        void test_state_after_timeout() {
            // issue #11618: the lock is in a proper state after a (non-zero) timeout
            Lock lock = new Lock();
            lock.acquire();
            assertThat(lock.acquire(Duration.ofMillis(10))).isFalse();
            lock.release();
            assertThat(lock.locked()).isFalse();
            assertThat(lock.acquire(false)).isTrue();
        }
    }

    abstract class BaseRLockTests extends BaseLockTests {
        @Test
        void test_reacquire() {
            LockLike lock = locktype();
            lock.acquire();
            lock.acquire();
            lock.release();
            lock.acquire();
            lock.release();
            lock.release();
        }

        @Test
        void test_release_unacquired() {
            // cannot release an unacquired lock
            LockLike lock = locktype();
            assertThatThrownBy(lock::release).isInstanceOf(IllegalMonitorStateException.class);
            lock.acquire();
            lock.acquire();
            lock.release();
            lock.acquire();
            lock.release();
            lock.release();
            assertThatThrownBy(lock::release).isInstanceOf(IllegalMonitorStateException.class);
        }

        @Test
        void test_different_thread() throws Exception {
            // cannot release from a different thread
            LockLike lock = locktype();
            Bunch bunch = new Bunch(lock::acquire, 1, true);
            try (bunch) {
                Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> bunch.finished.size() == 1);
                assertThatThrownBy(lock::release).isInstanceOf(IllegalMonitorStateException.class);
            } finally {
                bunch.doFinish();
            }
        }
    }

    @Nested
    class RLockTests extends BaseRLockTests {
        @Override
        LockLike locktype() {
            return LockLike.of(new RLock());
        }

        @Test
        void test_recursion_count() throws Exception {
            RLock lock = new RLock();
            assertThat(lock.holdCount()).isZero();
            lock.acquire();
            assertThat(lock.holdCount()).isEqualTo(1);
            lock.acquire();
            lock.acquire();
            assertThat(lock.holdCount()).isEqualTo(3);
            assertThat(lock.toString()).contains("count=3");   // issue 9, point 9: the repr shows the count
            lock.release();
            assertThat(lock.holdCount()).isEqualTo(2);
            lock.release();
            lock.release();
            assertThat(lock.holdCount()).isZero();

            List<Object> phase = Collections.synchronizedList(new ArrayList<>());
            Thread t = Thread.ofPlatform().daemon(true).start(() -> {
                lock.acquire();
                phase.add(null);
                Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> phase.size() >= 2);
                lock.release();
                phase.add(null);
            });
            Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> phase.size() >= 1);
            assertThat(lock.holdCount()).isZero();   // held by the other thread, not by us
            phase.add(null);
            Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> phase.size() >= 3);
            assertThat(lock.holdCount()).isZero();
            t.join();
        }

        @Test
        void test__is_owned() throws Exception {
            RLock lock = new RLock();
            assertThat(lock.isHeldByCurrentThread()).isFalse();
            lock.acquire();
            assertThat(lock.isHeldByCurrentThread()).isTrue();
            lock.acquire();
            assertThat(lock.isHeldByCurrentThread()).isTrue();
            List<Boolean> result = Collections.synchronizedList(new ArrayList<>());
            try (var _ = new Bunch(() -> result.add(lock.isHeldByCurrentThread()), 1)) {
                // pass
            }
            assertThat(result.getFirst()).isFalse();
            lock.release();
            assertThat(lock.isHeldByCurrentThread()).isTrue();
            lock.release();
            assertThat(lock.isHeldByCurrentThread()).isFalse();
        }
    }

    @Nested
    class EventTests {
        @Test
        void test_is_set() {
            Event evt = new Event();
            assertThat(evt.isSet()).isFalse();
            evt.set();
            assertThat(evt.isSet()).isTrue();
            evt.set();
            assertThat(evt.isSet()).isTrue();
            evt.clear();
            assertThat(evt.isSet()).isFalse();
            evt.clear();
            assertThat(evt.isSet()).isFalse();
        }

        private void checkNotify(Event evt) throws Exception {
            // all threads get notified
            int n = 5;
            List<Boolean> results1 = Collections.synchronizedList(new ArrayList<>());
            List<Boolean> results2 = Collections.synchronizedList(new ArrayList<>());
            Bunch bunch = new Bunch(() -> {
                results1.add(evt.await());
                results2.add(evt.await());
            }, n);
            try (bunch) {
                bunch.awaitBlocked();
                assertThat(results1).isEmpty();
                evt.set();
            }
            assertThat(results1).containsExactly(true, true, true, true, true);
            assertThat(results2).containsExactly(true, true, true, true, true);
        }

        @Test
        void test_notify() throws Exception {
            Event evt = new Event();
            checkNotify(evt);
            // another time, after an explicit clear()
            evt.set();
            evt.clear();
            checkNotify(evt);
        }

        @Test
        void test_timeout() throws Exception {
            Event evt = new Event();
            List<Boolean> results1 = Collections.synchronizedList(new ArrayList<>());
            List<Object[]> results2 = Collections.synchronizedList(new ArrayList<>());
            int n = 5;
            Bunch.ThrowingRunnable f = () -> {
                results1.add(evt.await(Duration.ZERO));
                long t1 = System.nanoTime();
                boolean r = evt.await(Duration.ofMillis(500));
                results2.add(new Object[] {r, (System.nanoTime() - t1) / 1e9});
            };
            try (var _ = new Bunch(f, n)) {
                // pass
            }
            assertThat(results1).containsOnly(false).hasSize(n);
            for (Object[] r : results2) {
                assertThat(r[0]).isEqualTo(false);
                assertTimeout((Double) r[1], 0.5);
            }
            // the event is set
            results1.clear();
            results2.clear();
            evt.set();
            try (var _ = new Bunch(f, n)) {
                // pass
            }
            assertThat(results1).containsOnly(true).hasSize(n);
            for (Object[] r : results2) assertThat(r[0]).isEqualTo(true);
        }

        @Test
        void test_set_and_clear() throws Exception {
            // gh-57711: wait() returns true even when the event is cleared before the waiter wakes
            Event event = new Event();
            List<Boolean> results = Collections.synchronizedList(new ArrayList<>());
            int n = 5;
            Bunch bunch = new Bunch(() -> results.add(event.await(Duration.ofMinutes(5))), n);
            try (bunch) {
                bunch.awaitBlocked();
                event.set();
                event.clear();
            }
            assertThat(results).containsOnly(true).hasSize(n);
        }

        @Test
        void test_repr() {
            Event evt = new Event();
            assertThat(evt.toString()).contains("unset");
            evt.set();
            assertThat(evt.toString()).contains("set").doesNotContain("unset");
        }
    }

    @Nested
    class ConditionAsRLockTests extends BaseRLockTests {
        // Condition uses an RLock by default and exports its API
        @Override
        LockLike locktype() {
            Condition c = new Condition();
            return new LockLike() {
                public void acquire() {
                    c.acquire();
                }

                public boolean acquire(boolean blocking) {
                    return c.acquire(blocking);
                }

                public boolean acquire(Duration timeout) {
                    return c.acquire(timeout);
                }

                public void release() {
                    c.release();
                }

                public Held hold() {
                    return c.hold();
                }

                @Override
                public String toString() {
                    return c.toString();
                }
            };
        }
    }

    @Nested
    class ConditionTests {
        @Test
        void test_acquire() {
            Condition cond = new Condition();
            // by default we have an RLock: the condition can be acquired several times
            cond.acquire();
            cond.acquire();
            cond.release();
            cond.release();
            Lock lock = new Lock();
            Condition c2 = new Condition(lock);
            c2.acquire();
            assertThat(lock.acquire(false)).isFalse();
            c2.release();
            assertThat(lock.acquire(false)).isTrue();
            assertThat(c2.acquire(false)).isFalse();
            lock.release();
            try (var _ = c2.hold()) {
                assertThat(lock.acquire(false)).isFalse();
            }
        }

        @Test
        void test_unacquired_wait() {
            Condition cond = new Condition();
            assertThatThrownBy(cond::await).isInstanceOf(IllegalMonitorStateException.class);
        }

        @Test
        void test_unacquired_notify() {
            Condition cond = new Condition();
            assertThatThrownBy(cond::signal).isInstanceOf(IllegalMonitorStateException.class);
        }

        private void checkNotify(Condition cond) throws Exception {
            List<Integer> ready = Collections.synchronizedList(new ArrayList<>());
            List<List<Object>> results1 = Collections.synchronizedList(new ArrayList<>());
            List<List<Object>> results2 = Collections.synchronizedList(new ArrayList<>());
            int[] phaseNum = {0};
            int n = 5;
            Bunch.ThrowingRunnable f = () -> {
                cond.acquire();
                ready.add(phaseNum[0]);
                boolean result = cond.await();
                cond.release();
                results1.add(List.of(result, phaseNum[0]));
                cond.acquire();
                ready.add(phaseNum[0]);
                result = cond.await();
                cond.release();
                results2.add(List.of(result, phaseNum[0]));
            };
            Bunch bunch = new Bunch(f, n);
            try (bunch) {
                // the workers settle into cond.wait() before we continue (issues #8799, #30727)
                Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> ready.size() >= n);
                bunch.awaitBlocked();
                ready.clear();
                assertThat(results1).isEmpty();
                // notify 3 threads at first
                int count1 = 3;
                cond.acquire();
                cond.signal(count1);
                // phase 1
                phaseNum[0] = 1;
                cond.release();
                Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> results1.size() >= count1);
                assertThat(results1).containsExactly(List.of(true, 1), List.of(true, 1), List.of(true, 1));
                assertThat(results2).isEmpty();
                // wait until the awoken workers are blocked on cond.wait()
                Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> ready.size() >= count1);
                bunch.awaitBlocked();
                // notify 5 threads: they might be in their first or second wait
                cond.acquire();
                cond.signal(5);
                // phase 2
                phaseNum[0] = 2;
                cond.release();
                Awaitility.await().atMost(60, TimeUnit.SECONDS)
                        .until(() -> results1.size() + results2.size() >= n + count1);
                int count2 = n - count1;
                List<List<Object>> expected1 = new ArrayList<>();
                for (int i = 0; i < count1; i++) expected1.add(List.of(true, 1));
                for (int i = 0; i < count2; i++) expected1.add(List.of(true, 2));
                assertThat(results1).isEqualTo(expected1);
                assertThat(results2).containsExactly(List.of(true, 2), List.of(true, 2), List.of(true, 2));
                // make sure all workers settle into cond.wait()
                Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> ready.size() >= n);
                bunch.awaitBlocked();
                // notify all threads: they are all in their second wait
                cond.acquire();
                cond.signalAll();
                // phase 3
                phaseNum[0] = 3;
                cond.release();
                Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> results2.size() >= n);
                assertThat(results1).isEqualTo(expected1);
                List<List<Object>> expected2 = new ArrayList<>();
                for (int i = 0; i < count1; i++) expected2.add(List.of(true, 2));
                for (int i = 0; i < count2; i++) expected2.add(List.of(true, 3));
                assertThat(results2).isEqualTo(expected2);
            }
        }

        @Test
        void test_notify() throws Exception {
            Condition cond = new Condition();
            checkNotify(cond);
            // a second time, to check the internal state is still ok
            checkNotify(cond);
        }

        @Test
        void test_timeout() throws Exception {
            Condition cond = new Condition();
            double timeout = 0.5;
            List<Object[]> results = Collections.synchronizedList(new ArrayList<>());
            int n = 5;
            try (var _ = new Bunch(() -> {
                cond.acquire();
                long t1 = System.nanoTime();
                boolean result = cond.await(Duration.ofMillis(500));
                double dt = (System.nanoTime() - t1) / 1e9;
                cond.release();
                results.add(new Object[] {dt, result});
            }, n)) {
                // pass
            }
            assertThat(results).hasSize(n);
            for (Object[] r : results) {
                assertTimeout((Double) r[0], timeout);
                assertThat(r[1]).isEqualTo(false);   // no spurious wake-ups in practice
            }
        }

        @Test
        void test_waitfor() throws Exception {
            Condition cond = new Condition();
            int[] state = {0};
            Bunch bunch = new Bunch(() -> {
                try (var _ = cond.hold()) {
                    boolean result = cond.awaitFor(() -> state[0] == 4);
                    assertThat(result).isTrue();
                    assertThat(state[0]).isEqualTo(4);
                }
            }, 1);
            try (bunch) {
                for (int i = 0; i < 4; i++) {
                    bunch.awaitBlocked();
                    try (var _ = cond.hold()) {
                        state[0] += 1;
                        cond.signal();
                    }
                }
            }
        }

        @Test
        void test_waitfor_timeout() throws Exception {
            Condition cond = new Condition();
            int[] state = {0};
            List<Object> success = Collections.synchronizedList(new ArrayList<>());
            try (var _ = new Bunch(() -> {
                try (var _ = cond.hold()) {
                    long dt = System.nanoTime();
                    boolean result = cond.awaitFor(() -> state[0] == 4, Duration.ofMillis(100));
                    double elapsed = (System.nanoTime() - dt) / 1e9;
                    assertThat(result).isFalse();
                    assertTimeout(elapsed, 0.1);
                    success.add(null);
                }
            }, 1)) {
                // only increment 3 times, so state == 4 is never reached
                for (int i = 0; i < 3; i++) {
                    Thread.sleep(10);
                    try (var _ = cond.hold()) {
                        state[0] += 1;
                        cond.signal();
                    }
                }
            }
            assertThat(success).hasSize(1);
        }

        @Test
        void waitForReturnsThePredicatesValue() {
            // issue 9: wait_for returns the predicate's last value
            Condition cond = new Condition();
            List<String> items = new ArrayList<>(List.of("first"));
            try (var _ = cond.hold()) {
                String got = cond.awaitFor(() -> items.isEmpty() ? null : items.removeFirst());
                assertThat(got).isEqualTo("first");
                assertThat(cond.awaitFor(() -> items.isEmpty() ? null : items.getFirst(), Duration.ofMillis(10)))
                        .isNull();
            }
        }
    }

}
