package io.github.concurrent4j.threading;

import static io.github.concurrent4j.threading.Bunch.assertTimeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ported from CPython 3.13 {@code Lib/test/lock_tests.py}: {@code BaseSemaphoreTests},
 * {@code SemaphoreTests}, {@code BoundedSemaphoreTests}, {@code BarrierTests} (the lock, event
 * and condition classes are in {@link CpythonLockTests}). Names are CPython's; see
 * {@link CpythonLockTests} for how Python's exceptions and {@code repr} map.
 * {@code acquire(False, timeout=1.0)} (a {@code ValueError} in Python) has no Java
 * counterpart: the non-blocking and the timed acquire are separate overloads.
 */
@Tag("unit")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CpythonSemaphoreBarrierTests {

    abstract class BaseSemaphoreTests {
        abstract Semaphore semtype(int value);

        abstract Semaphore semtype();

        @Test
        void test_constructor() {
            assertThatThrownBy(() -> semtype(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> semtype(-Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void test_acquire() {
            Semaphore sem = semtype(1);
            sem.acquire();
            sem.release();
            sem = semtype(2);
            sem.acquire();
            sem.acquire();
            sem.release();
            sem.release();
        }

        @Test
        void test_acquire_contended() throws Exception {
            int semValue = 7;
            Semaphore sem = semtype(semValue);
            sem.acquire();
            List<Boolean> semResults = Collections.synchronizedList(new ArrayList<>());
            List<Integer> results1 = Collections.synchronizedList(new ArrayList<>());
            List<Integer> results2 = Collections.synchronizedList(new ArrayList<>());
            int[] phaseNum = {0};
            Bunch bunch = new Bunch(() -> {
                semResults.add(sem.acquire(true));
                results1.add(phaseNum[0]);
                semResults.add(sem.acquire(true));
                results2.add(phaseNum[0]);
            }, 10);
            try (bunch) {
                int count1 = semValue - 1;
                waitCount(results1, results2, count1);
                assertThat(concat(results1, results2)).isEqualTo(repeat(0, count1));
                phaseNum[0] = 1;
                for (int i = 0; i < semValue; i++) sem.release();
                int count2 = semValue;
                waitCount(results1, results2, count1 + count2);
                assertThat(sorted(concat(results1, results2))).isEqualTo(concat(repeat(0, count1), repeat(1, count2)));
                phaseNum[0] = 2;
                int count3 = semValue - 1;
                for (int i = 0; i < count3; i++) sem.release();
                waitCount(results1, results2, count1 + count2 + count3);
                assertThat(sorted(concat(results1, results2)))
                        .isEqualTo(concat(concat(repeat(0, count1), repeat(1, count2)), repeat(2, count3)));
                assertThat(sem.acquire(false)).isFalse();   // still locked
                sem.release();   // final release, to let the last thread finish
            }
            assertThat(semResults).containsOnly(true).hasSize(2 * 10);
        }

        @Test
        void test_multirelease() throws Exception {
            int semValue = 7;
            Semaphore sem = semtype(semValue);
            sem.acquire();
            List<Integer> results1 = Collections.synchronizedList(new ArrayList<>());
            List<Integer> results2 = Collections.synchronizedList(new ArrayList<>());
            int[] phaseNum = {0};
            try (var _ = new Bunch(() -> {
                sem.acquire();
                results1.add(phaseNum[0]);
                sem.acquire();
                results2.add(phaseNum[0]);
            }, 10)) {
                int count1 = semValue - 1;
                waitCount(results1, results2, count1);
                assertThat(concat(results1, results2)).isEqualTo(repeat(0, count1));
                phaseNum[0] = 1;
                int count2 = semValue;
                sem.release(count2);
                waitCount(results1, results2, count1 + count2);
                assertThat(sorted(concat(results1, results2))).isEqualTo(concat(repeat(0, count1), repeat(1, count2)));
                phaseNum[0] = 2;
                int count3 = semValue - 1;
                sem.release(count3);
                waitCount(results1, results2, count1 + count2 + count3);
                assertThat(sem.acquire(false)).isFalse();
                sem.release();
            }
        }

        @Test
        void test_try_acquire() {
            Semaphore sem = semtype(2);
            assertThat(sem.acquire(false)).isTrue();
            assertThat(sem.acquire(false)).isTrue();
            assertThat(sem.acquire(false)).isFalse();
            sem.release();
            assertThat(sem.acquire(false)).isTrue();
        }

        @Test
        void test_try_acquire_contended() throws Exception {
            Semaphore sem = semtype(4);
            sem.acquire();
            List<Boolean> results = Collections.synchronizedList(new ArrayList<>());
            try (var _ = new Bunch(() -> {
                results.add(sem.acquire(false));
                results.add(sem.acquire(false));
            }, 5)) {
                // pass
            }
            assertThat(results.stream().filter(b -> b).count()).isEqualTo(3);
            assertThat(results.stream().filter(b -> !b).count()).isEqualTo(7);
        }

        @Test
        void test_acquire_timeout() {
            Semaphore sem = semtype(2);
            assertThat(sem.acquire(Duration.ofMillis(5))).isTrue();
            assertThat(sem.acquire(Duration.ofMillis(5))).isTrue();
            assertThat(sem.acquire(Duration.ofMillis(5))).isFalse();
            sem.release();
            assertThat(sem.acquire(Duration.ofMillis(5))).isTrue();
            long t = System.nanoTime();
            assertThat(sem.acquire(Duration.ofMillis(500))).isFalse();
            assertTimeout((System.nanoTime() - t) / 1e9, 0.5);
        }

        @Test
        void test_default_value() throws Exception {
            // the default initial value is 1
            Semaphore sem = semtype();
            sem.acquire();
            Bunch bunch = new Bunch(() -> {
                sem.acquire();
                sem.release();
            }, 1);
            try (bunch) {
                bunch.awaitBlocked();
                assertThat(bunch.finished).isEmpty();
                sem.release();
            }
        }

        @Test
        void test_with() {
            Semaphore sem = semtype(2);
            Runnable with = () -> {
                try (var _ = sem.hold()) {
                    assertThat(sem.acquire(false)).isTrue();
                    sem.release();
                    try (var _ = sem.hold()) {
                        assertThat(sem.acquire(false)).isFalse();
                    }
                }
            };
            with.run();
            assertThat(sem.acquire(false)).isTrue();
            sem.release();
            assertThatThrownBy(() -> {
                try (var _ = sem.hold()) {
                    throw new ClassCastException("TypeError");
                }
            }).isInstanceOf(ClassCastException.class);
            assertThat(sem.acquire(false)).isTrue();
            sem.release();
        }
    }

    @Nested
    class SemaphoreTests extends BaseSemaphoreTests {
        @Override
        Semaphore semtype(int value) {
            return new Semaphore(value);
        }

        @Override
        Semaphore semtype() {
            return new Semaphore();
        }

        @Test
        void test_release_unacquired() {
            // unbounded releases are allowed and increment the value
            Semaphore sem = semtype(1);
            sem.release();
            sem.acquire();
            sem.acquire();
            sem.release();
        }

        @Test
        void test_repr() {
            Semaphore sem = semtype(3);
            assertThat(sem).hasToString("Semaphore[value=3]");
            sem.acquire();
            assertThat(sem).hasToString("Semaphore[value=2]");
            sem.release();
            sem.release();
            assertThat(sem).hasToString("Semaphore[value=4]");
        }
    }

    @Nested
    class BoundedSemaphoreTests extends BaseSemaphoreTests {
        @Override
        Semaphore semtype(int value) {
            return new BoundedSemaphore(value);
        }

        @Override
        Semaphore semtype() {
            return new BoundedSemaphore();
        }

        @Test
        void test_release_unacquired() {
            // cannot go past the initial value
            Semaphore sem = semtype();
            assertThatThrownBy(sem::release).isInstanceOf(IllegalStateException.class);
            sem.acquire();
            sem.release();
            assertThatThrownBy(sem::release).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void test_repr() {
            // issue 9, point 9: value/limit, as Python's repr
            Semaphore sem = semtype(3);
            assertThat(sem).hasToString("BoundedSemaphore[value=3/3]");
            sem.acquire();
            assertThat(sem).hasToString("BoundedSemaphore[value=2/3]");
        }
    }

    @Nested
    class BarrierTests {
        static final int N = 5;
        static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
        final Barrier barrier = new Barrier(N, null, DEFAULT_TIMEOUT);

        @AfterEach
        void tearDown() {
            barrier.abort();
        }

        void runThreads(Bunch.ThrowingRunnable f) throws Exception {
            try (var _ = new Bunch(f, N)) {
                // pass
            }
        }

        void multipass(List<List<Boolean>> results, int n) {
            int m = barrier.parties();
            assertThat(m).isEqualTo(N);
            for (int i = 0; i < n; i++) {
                results.get(0).add(true);
                assertThat(results.get(1)).hasSize(i * m);
                barrier.await();
                results.get(1).add(true);
                assertThat(results.get(0)).hasSize((i + 1) * m);
                barrier.await();
            }
            assertThat(barrier.nWaiting()).isZero();
            assertThat(barrier.isBroken()).isFalse();
        }

        @Test
        void test_constructor() {
            assertThatThrownBy(() -> new Barrier(0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Barrier(-1)).isInstanceOf(IllegalArgumentException.class);
        }

        void testBarrier(int passes) throws Exception {
            List<List<Boolean>> results = List.of(Collections.synchronizedList(new ArrayList<>()),
                    Collections.synchronizedList(new ArrayList<>()));
            runThreads(() -> multipass(results, passes));
        }

        @Test
        void test_barrier() throws Exception {
            testBarrier(1);
        }

        @Test
        void test_barrier_10() throws Exception {
            testBarrier(10);
        }

        @Test
        void test_wait_return() throws Exception {
            List<Integer> results = Collections.synchronizedList(new ArrayList<>());
            runThreads(() -> results.add(barrier.await()));
            assertThat(results.stream().mapToInt(Integer::intValue).sum()).isEqualTo(0 + 1 + 2 + 3 + 4);
        }

        @Test
        void test_action() throws Exception {
            List<Boolean> results = Collections.synchronizedList(new ArrayList<>());
            Barrier b = new Barrier(N, () -> results.add(true));
            runThreads(() -> {
                b.await();
                assertThat(results).hasSize(1);
            });
        }

        @Test
        void test_abort() throws Exception {
            List<Boolean> results1 = Collections.synchronizedList(new ArrayList<>());
            List<Boolean> results2 = Collections.synchronizedList(new ArrayList<>());
            runThreads(() -> {
                try {
                    int i = barrier.await();
                    if (i == N / 2) throw new IllegalStateException("RuntimeError");
                    barrier.await();
                    results1.add(true);
                } catch (BrokenBarrierException e) {
                    results2.add(true);
                } catch (IllegalStateException e) {
                    barrier.abort();
                }
            });
            assertThat(results1).isEmpty();
            assertThat(results2).hasSize(N - 1);
            assertThat(barrier.isBroken()).isTrue();
        }

        @Test
        void test_reset() throws Exception {
            List<Boolean> results1 = Collections.synchronizedList(new ArrayList<>());
            List<Boolean> results2 = Collections.synchronizedList(new ArrayList<>());
            List<Boolean> results3 = Collections.synchronizedList(new ArrayList<>());
            runThreads(() -> {
                int i = barrier.await();
                if (i == N / 2) {
                    // wait until the other threads are all in the barrier
                    Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> barrier.nWaiting() >= N - 1);
                    barrier.reset();
                } else {
                    try {
                        barrier.await();
                        results1.add(true);
                    } catch (BrokenBarrierException e) {
                        results2.add(true);
                    }
                }
                // now, pass the barrier again
                barrier.await();
                results3.add(true);
            });
            assertThat(results1).isEmpty();
            assertThat(results2).hasSize(N - 1);
            assertThat(results3).hasSize(N);
        }

        @Test
        void test_abort_and_reset() throws Exception {
            List<Boolean> results1 = Collections.synchronizedList(new ArrayList<>());
            List<Boolean> results2 = Collections.synchronizedList(new ArrayList<>());
            List<Boolean> results3 = Collections.synchronizedList(new ArrayList<>());
            Barrier barrier2 = new Barrier(N);
            runThreads(() -> {
                try {
                    int i = barrier.await();
                    if (i == N / 2) throw new IllegalStateException("RuntimeError");
                    barrier.await();
                    results1.add(true);
                } catch (BrokenBarrierException e) {
                    results2.add(true);
                } catch (IllegalStateException e) {
                    barrier.abort();
                }
                // synchronize and reset the barrier
                if (barrier2.await() == N / 2) barrier.reset();
                barrier2.await();
                barrier.await();
                results3.add(true);
            });
            assertThat(results1).isEmpty();
            assertThat(results2).hasSize(N - 1);
            assertThat(results3).hasSize(N);
        }

        @Test
        void test_timeout() throws Exception {
            runThreads(() -> {
                int i = barrier.await();
                if (i == N / 2) Thread.sleep(DEFAULT_TIMEOUT.toMillis() / 2);   // one thread is late
                // the default timeout is 2 s, so this is shorter
                assertThatThrownBy(() -> barrier.await(DEFAULT_TIMEOUT.dividedBy(4)))
                        .isInstanceOf(BrokenBarrierException.class);
            });
        }

        @Test
        void test_default_timeout() throws Exception {
            Duration timeout = Duration.ofMillis(100);
            Barrier b = new Barrier(2, null, timeout);
            long start = System.nanoTime();
            try (var _ = new Bunch(() -> assertThatThrownBy(b::await).isInstanceOf(BrokenBarrierException.class), 1)) {
                // pass
            }
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(timeout.toNanos());
        }

        @Test
        void test_single_thread() {
            Barrier b = new Barrier(1);
            b.await();
            b.await();
        }

        @Test
        void test_repr() throws Exception {
            Barrier b = new Barrier(3);
            assertThat(b).hasToString("Barrier[waiters=0/3]");
            int n = 2;
            try (var _ = new Bunch(() -> b.await(Duration.ofMinutes(5)), n)) {
                Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> b.nWaiting() >= n);
                assertThat(b).hasToString("Barrier[waiters=2/3]");
                b.await(Duration.ofMinutes(5));   // threads unblocked
            }
            assertThat(b).hasToString("Barrier[waiters=0/3]");
            b.abort();
            assertThat(b).hasToString("Barrier[broken]");
        }
    }

    static void waitCount(List<Integer> r1, List<Integer> r2, int count) {
        Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> r1.size() + r2.size() >= count);
    }

    static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> out;
        synchronized (a) {
            out = new ArrayList<>(a);
        }
        synchronized (b) {
            out.addAll(b);
        }
        return out;
    }

    static List<Integer> repeat(int v, int n) {
        return Collections.nCopies(n, v);
    }

    static List<Integer> sorted(List<Integer> l) {
        List<Integer> s = new ArrayList<>(l);
        Collections.sort(s);
        return s;
    }
}
