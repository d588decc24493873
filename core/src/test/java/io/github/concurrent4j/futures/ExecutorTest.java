package io.github.concurrent4j.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.concurrent4j.function.SerializableCallable;

/**
 * {@code ExecutorTest} of CPython 3.13's {@code Lib/test/test_concurrent_futures/executor.py},
 * ported with its names, for every kind of executor (see {@link ExecutorMixin}), plus issue
 * 11's acceptance 1 for {@code Executor.map}. Python's {@code map(fn, *iterables)} over two
 * ranges is a map over one range of pairs here; {@code submit(fn, *args, **kwargs)} is a
 * lambda or the one- and two-argument overloads ({@code test_submit_keyword} checks those).
 */
public abstract class ExecutorTest extends ExecutorMixin {

    @Test
    public void test_submit() {
        Future<Long> future = executor.submit(ExecutorMixin::pow, 2L, 8L);
        assertThat(future.result()).isEqualTo(256L);
    }

    @Test
    public void test_submit_keyword() {
        Future<Integer> future = executor.submit(ExecutorMixin::mul, 2, 8);
        assertThat(future.result()).isEqualTo(16);
        Future<String> one = executor.submit(String::valueOf, (Object) 1);
        assertThat(one.result()).isEqualTo("1");
        Future<List<Integer>> captured = executor.submit(() -> List.of(1, 2, 3));
        assertThat(captured.result()).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> executor.submit((SerializableCallable<Object>) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    public void test_map() {
        List<Integer> range = IntStream.range(0, 10).boxed().toList();
        List<Long> expected = range.stream().map(i -> pow(i, i)).toList();
        assertThat(executor.map(i -> pow(i, i), range).toList()).isEqualTo(expected);
        assertThat(executor.map(i -> pow(i, i), range, 3).toList()).isEqualTo(expected);
    }

    @Test
    public void test_map_exception() {
        List<int[]> args = List.of(new int[] {1, 2}, new int[] {1, 3}, new int[] {1, 0}, new int[] {1, 5});
        ResultIterator<int[]> i = executor.map(a -> divmod(a[0], a[1]), args);
        assertThat(i.next()).containsExactly(0, 1);
        assertThat(i.next()).containsExactly(0, 1);
        assertThatThrownBy(i::next).isInstanceOf(ArithmeticException.class);
        assertThat(i.hasNext()).as("an exception ends the iteration, as it ends a generator").isFalse();
    }

    @Test
    public void test_map_timeout() {
        // CPython sleeps [0, 0, 6] s with a 5 s timeout; the shape is kept with shorter times.
        List<Object> results = new ArrayList<>();
        ResultIterator<Object> it = executor.map(ExecutorMixin::sleep,
                List.of(Duration.ZERO, Duration.ZERO, Duration.ofMillis(2000)), Duration.ofMillis(500));
        assertThatThrownBy(() -> {
            for (Object r : it) results.add(r);
        }).isInstanceOf(FuturesTimeoutException.class);
        assertThat(results).containsExactly(null, null);
    }

    @Test
    public void test_shutdown_race_issue12456() {
        // Issue #12456: race condition at shutdown where trying to post a sentinel in the call
        // queue blocks (the queue is full while processes have exited).
        executor.map(String::valueOf, Collections.nCopies(workerCount() + 1, 2));
        executor.shutdown();
    }

    @Test
    public void test_no_stale_references() {
        // Issue #16284: check that the executors don't unnecessarily hang onto references.
        MyObject myObject = new MyObject();
        WeakReference<MyObject> ref = new WeakReference<>(myObject);
        executor.submit(myObject::myMethod).result();
        myObject = null;
        assertThat(collected(ref)).as("Stale reference not collected within timeout.").isTrue();
    }

    @Test
    public void test_max_workers_negative() {
        for (int number : new int[] {0, -1}) {
            assertThatThrownBy(() -> newExecutor(number)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("max_workers must be greater than 0");
        }
    }

    @Test
    public void test_free_reference() {
        // Issue #14406: Result iterator should not keep an internal reference to result objects.
        for (MyObject obj : executor.map(ExecutorTest::makeDummyObject, IntStream.range(0, 10).boxed().toList())) {
            WeakReference<MyObject> wr = new WeakReference<>(obj);
            obj = null;
            assertThat(collected(wr)).isTrue();
        }
    }

    // ---- issue 11, acceptance 1, for Executor.map -----------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 1000})
    public void mapEqualsTheSequentialResultForEveryChunkSize(int chunksize) {
        List<Integer> items = IntStream.range(0, 10_000).boxed().toList();
        List<Integer> expected = items.stream().map(x -> x * x).toList();
        assertThat(executor.map(x -> x * x, items, Duration.ofMinutes(1), chunksize).toList()).isEqualTo(expected);
    }

    @Test
    public void aChunkKeepsEachItemsOwnOutcome() {
        List<Integer> items = IntStream.range(0, 20).boxed().toList();
        ResultIterator<Integer> it = executor.map(x -> 100 / (x - 5), items, 7);
        for (int x = 0; x < 5; x++) assertThat(it.next()).isEqualTo(100 / (x - 5));
        assertThatThrownBy(it::next).isInstanceOf(ArithmeticException.class);
    }

    @Test
    public void mapReportsProgress() {
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        long[] ends = new long[2];
        ProgressListener listener = new ProgressListener() {
            @Override
            public void progressed(long done, long total) {
                seen.add(done);
            }

            @Override
            public void finished(long done, long total) {
                ends[0] = done;
                ends[1] = total;
            }
        };
        List<Integer> items = IntStream.range(0, 100).boxed().toList();
        assertThat(executor.map(x -> x + 1, items, Duration.ofMinutes(1), 10, listener).toList()).hasSize(100);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ends[1] == 100);
        assertThat(ends[0]).isEqualTo(100);
        assertThat(seen).hasSize(10).contains(100L);
    }

    /** Python's {@code MyObject}. */
    public static final class MyObject implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        public Object myMethod() {
            return null;
        }
    }

    public static MyObject makeDummyObject(Object ignored) {
        return new MyObject();
    }

    /** Python's {@code support.gc_collect()} then {@code wr() is None}, with a deadline. */
    static boolean collected(WeakReference<?> ref) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ref.get() != null && System.nanoTime() < deadline) {
            System.gc();
            sleep(Duration.ofMillis(10));
        }
        return ref.get() == null;
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }
}
