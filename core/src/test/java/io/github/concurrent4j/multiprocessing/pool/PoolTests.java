package io.github.concurrent4j.multiprocessing.pool;

import static io.github.concurrent4j.multiprocessing.pool.PoolTestSupport.TIMEOUT1;
import static io.github.concurrent4j.multiprocessing.pool.PoolTestSupport.TIMEOUT2;
import static io.github.concurrent4j.multiprocessing.pool.PoolTestSupport.exceptionThrowingGenerator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.github.concurrent4j.futures.FuturesTimeoutException;
import io.github.concurrent4j.multiprocessing.pool.PoolTestSupport.SayWhenError;
import io.github.concurrent4j.futures.ExecutorMixin.Signal;

/**
 * {@code _TestPool} of CPython 3.13's {@code Lib/test/_test_multiprocessing.py}, ported with its
 * test names, for every kind of pool: CPython's {@code install_tests_in_module_dict} makes one
 * class per kind ({@code WithThreadsTestPool}, {@code WithProcessesTestPool}); here each kind
 * subclasses this with its {@link #newPool(int)} and {@link #type()}, and tests CPython runs
 * for some kinds only check {@link #type()} the same way.
 *
 * <p>Not ported: {@code test_map_unplicklable} and {@code test_traceback} (processes only: the
 * process pool's subclass adds them), {@code test_resource_warning} (a CPython
 * {@code ResourceWarning} from {@code __del__}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PoolTests {
    /** The shared pool of CPython's {@code setUpClass}. */
    protected Pool pool;

    /** A new pool of {@code processes} workers (must refuse {@code processes < 1}). */
    protected abstract Pool newPool(int processes);

    /** CPython's {@code TYPE}: {@code "threads"} or {@code "processes"}. */
    protected abstract String type();

    /** An event tasks can wait on, in whatever process runs them. */
    protected abstract Signal createEvent();

    @BeforeAll
    protected void setUpClass() {
        pool = newPool(4);
    }

    @AfterAll
    protected void tearDownClass() {
        pool.terminate();
        pool.join();
        pool = null;
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static List<Integer> squares(int n) {
        return IntStream.range(0, n).map(x -> x * x).boxed().toList();
    }

    @Test
    public void test_apply() {
        int five = pool.apply(PoolTestSupport::sqr, 5);
        int three = pool.apply(() -> PoolTestSupport.sqr(3));
        assertThat(five).isEqualTo(PoolTestSupport.sqr(5));
        assertThat(three).isEqualTo(PoolTestSupport.sqr(3));
    }

    @Test
    public void test_map() {
        assertThat(pool.map(PoolTestSupport::sqr, range(10))).isEqualTo(squares(10));
        assertThat(pool.map(PoolTestSupport::sqr, range(100), 20)).isEqualTo(squares(100));
    }

    private static List<Map.Entry<Integer, Integer>> zipDown(int n) {
        return IntStream.range(0, n).mapToObj(i -> Map.entry(i, n - 1 - i)).toList();
    }

    @Test
    public void test_starmap() {
        List<Map.Entry<Integer, Integer>> tuples = zipDown(10);
        assertThat(pool.starmap(PoolTestSupport::mul, tuples))
                .isEqualTo(tuples.stream().map(e -> e.getKey() * e.getValue()).toList());
        tuples = zipDown(100);
        assertThat(pool.starmap(PoolTestSupport::mul, tuples, 20))
                .isEqualTo(tuples.stream().map(e -> e.getKey() * e.getValue()).toList());
    }

    @Test
    public void test_starmap_async() {
        List<Map.Entry<Integer, Integer>> tuples = zipDown(100);
        assertThat(pool.starmapAsync(PoolTestSupport::mul, tuples).get())
                .isEqualTo(tuples.stream().map(e -> e.getKey() * e.getValue()).toList());
    }

    @Test
    public void test_map_async() {
        assertThat(pool.mapAsync(PoolTestSupport::sqr, range(10)).get()).isEqualTo(squares(10));
    }

    @Test
    public void test_map_async_callbacks() {
        List<Object> callArgs = Collections.synchronizedList(new ArrayList<>());
        pool.mapAsync(Integer::parseInt, List.of("1"), 1, callArgs::add, callArgs::add).await();
        assertThat(callArgs).hasSize(1);
        assertThat(callArgs.get(0)).isEqualTo(List.of(1));
        pool.mapAsync(Integer::parseInt, List.of("a"), 1, callArgs::add, callArgs::add).await();
        assertThat(callArgs).hasSize(2);
        assertThat(callArgs.get(1)).isInstanceOf(NumberFormatException.class); // Python's ValueError
    }

    @Test
    public void test_map_chunksize() {
        try {
            pool.mapAsync(PoolTestSupport::sqr, List.<Integer>of(), 1).get(TIMEOUT1);
        } catch (FuturesTimeoutException e) {
            throw new AssertionError("pool.map_async with chunksize stalled on null list", e);
        }
    }

    @Test
    public void test_map_handle_iterable_exception() {
        // SayWhenError seen at the very first of the iterable
        assertThatThrownBy(() -> pool.map(PoolTestSupport::sqr, exceptionThrowingGenerator(1, -1), 1))
                .isInstanceOf(SayWhenError.class);
        // again, make sure it's reentrant
        assertThatThrownBy(() -> pool.map(PoolTestSupport::sqr, exceptionThrowingGenerator(1, -1), 1))
                .isInstanceOf(SayWhenError.class);
        assertThatThrownBy(() -> pool.map(PoolTestSupport::sqr, exceptionThrowingGenerator(10, 3), 1))
                .isInstanceOf(SayWhenError.class);
        Iterable<Integer> specialIterable = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                throw new SayWhenError("special");
            }
        };
        assertThatThrownBy(() -> pool.map(PoolTestSupport::sqr, specialIterable, 1)).isInstanceOf(SayWhenError.class);
        assertThatThrownBy(() -> pool.map(PoolTestSupport::sqr, specialIterable, 1)).isInstanceOf(SayWhenError.class);
    }

    @Test
    public void test_async() {
        AsyncResult<Integer> res = pool.applyAsync(() -> PoolTestSupport.sqr(7, TIMEOUT1));
        long t = System.nanoTime();
        assertThat(res.get()).isEqualTo(49);
        assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    public void test_async_timeout() {
        Pool p = newPool(3);
        Signal event = createEvent();
        try {
            AsyncResult<Integer> res = p.applyAsync(() -> PoolTestSupport.sqr(6, TIMEOUT2.plus(Duration.ofSeconds(30)), event));
            long t = System.nanoTime();
            assertThatThrownBy(() -> res.get(TIMEOUT2)).isInstanceOf(FuturesTimeoutException.class);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t);
            // issue 11, acceptance 9: at about the deadline...
            assertThat(elapsed).isGreaterThanOrEqualTo(TIMEOUT2).isLessThan(TIMEOUT2.plusMillis(900));
            // ... and the result can be fetched later
            event.set();
            assertThat(res.get(Duration.ofSeconds(30))).isEqualTo(36);
        } finally {
            event.set();
            p.terminate();
            p.join();
        }
    }

    @Test
    public void test_imap() {
        assertThat(pool.imap(PoolTestSupport::sqr, range(10)).toList()).isEqualTo(squares(10));

        IMapIterator<Integer> it = pool.imap(PoolTestSupport::sqr, range(10));
        for (int i = 0; i < 10; i++) assertThat(it.next()).isEqualTo(i * i);
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(java.util.NoSuchElementException.class);

        it = pool.imap(PoolTestSupport::sqr, range(1000), 100);
        for (int i = 0; i < 1000; i++) assertThat(it.next()).isEqualTo(i * i);
        assertThatThrownBy(it::next).isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    public void test_imap_handle_iterable_exception() {
        // SayWhenError seen at the very first of the iterable
        IMapIterator<Integer> it = pool.imap(PoolTestSupport::sqr, exceptionThrowingGenerator(1, -1), 1);
        assertThatThrownBy(it::next).isInstanceOf(SayWhenError.class);
        // again, make sure it's reentrant
        it = pool.imap(PoolTestSupport::sqr, exceptionThrowingGenerator(1, -1), 1);
        assertThatThrownBy(it::next).isInstanceOf(SayWhenError.class);

        it = pool.imap(PoolTestSupport::sqr, exceptionThrowingGenerator(10, 3), 1);
        for (int i = 0; i < 3; i++) assertThat(it.next()).isEqualTo(i * i);
        assertThatThrownBy(it::next).isInstanceOf(SayWhenError.class);

        // SayWhenError seen at start of problematic chunk's results
        it = pool.imap(PoolTestSupport::sqr, exceptionThrowingGenerator(20, 7), 2);
        for (int i = 0; i < 6; i++) assertThat(it.next()).isEqualTo(i * i);
        assertThatThrownBy(it::next).isInstanceOf(SayWhenError.class);
        it = pool.imap(PoolTestSupport::sqr, exceptionThrowingGenerator(20, 7), 4);
        for (int i = 0; i < 4; i++) assertThat(it.next()).isEqualTo(i * i);
        assertThatThrownBy(it::next).isInstanceOf(SayWhenError.class);
    }

    @Test
    public void test_imap_unordered() {
        List<Integer> got = new ArrayList<>(pool.imapUnordered(PoolTestSupport::sqr, range(10)).toList());
        Collections.sort(got);
        assertThat(got).isEqualTo(squares(10));

        got = new ArrayList<>(pool.imapUnordered(PoolTestSupport::sqr, range(1000), 100).toList());
        Collections.sort(got);
        assertThat(got).isEqualTo(squares(1000));
    }

    @Test
    public void test_imap_unordered_handle_iterable_exception() {
        // SayWhenError seen at the very first of the iterable
        IMapIterator<Integer> it = pool.imapUnordered(PoolTestSupport::sqr, exceptionThrowingGenerator(1, -1), 1);
        assertThatThrownBy(it::next).isInstanceOf(SayWhenError.class);
        // again, make sure it's reentrant
        it = pool.imapUnordered(PoolTestSupport::sqr, exceptionThrowingGenerator(1, -1), 1);
        assertThatThrownBy(it::next).isInstanceOf(SayWhenError.class);

        IMapIterator<Integer> it10 = pool.imapUnordered(PoolTestSupport::sqr, exceptionThrowingGenerator(10, 3), 1);
        List<Integer> expectedValues = new ArrayList<>(squares(10));
        assertThatThrownBy(() -> {
            // imap_unordered makes it difficult to anticipate the SayWhenError
            for (int i = 0; i < 10; i++) {
                Integer value = it10.next();
                assertThat(expectedValues).contains(value);
                expectedValues.remove(value);
            }
        }).isInstanceOf(SayWhenError.class);

        IMapIterator<Integer> it20 = pool.imapUnordered(PoolTestSupport::sqr, exceptionThrowingGenerator(20, 7), 2);
        List<Integer> expected20 = new ArrayList<>(squares(20));
        assertThatThrownBy(() -> {
            for (int i = 0; i < 20; i++) {
                Integer value = it20.next();
                assertThat(expected20).contains(value);
                expected20.remove(value);
            }
        }).isInstanceOf(SayWhenError.class);
    }

    @Test
    public void test_make_pool() {
        assertThatThrownBy(() -> newPool(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> newPool(0)).isInstanceOf(IllegalArgumentException.class);
        Pool p = newPool(3);
        try {
            assertThat(p.processes()).isEqualTo(3);
            assertThat(((AbstractPool) p).engine.awaitReadyWorkers(3, Duration.ofSeconds(60))).isTrue();
            assertThat(((AbstractPool) p).workers()).hasSize(3);
        } finally {
            p.close();
            p.join();
        }
    }

    @Test
    public void test_terminate() {
        // Simulate slow tasks which take "forever" to complete
        Duration sleepTime = type().equals("threads") ? Duration.ofSeconds(1) : Duration.ofMinutes(5);
        Pool p = newPool(3);
        AsyncResult<List<Object>> result = p.mapAsync(PoolTestSupport::sleep, Collections.nCopies(10_000, sleepTime), 1);
        PoolTestSupport.sleep(Duration.ofMillis(200)); // give some tasks a chance to start
        long t = System.nanoTime();
        p.terminate();
        p.join();
        // issue 11, acceptance 7: terminate with 10,000 queued tasks returns within 2 s, and
        // nothing waits forever for the tasks it stopped
        assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(2));
        assertThatThrownBy(result::get).isInstanceOf(io.github.concurrent4j.futures.CancelledException.class);
    }

    @Test
    public void test_empty_iterable() {
        // See Issue 12157
        Pool p = newPool(1);
        assertThat(p.map(PoolTestSupport::sqr, List.<Integer>of())).isEmpty();
        assertThat(p.imap(PoolTestSupport::sqr, List.<Integer>of()).toList()).isEmpty();
        assertThat(p.imapUnordered(PoolTestSupport::sqr, List.<Integer>of()).toList()).isEmpty();
        assertThat(p.mapAsync(PoolTestSupport::sqr, List.<Integer>of()).get()).isEmpty();
        p.close();
        p.join();
    }

    @Test
    public void test_context() {
        // Python's "with Pool(2) as p" is a try-with-resources block, which closes the pool
        List<Integer> l = range(10);
        Pool p;
        try (Pool q = newPool(2)) {
            p = q;
            AsyncResult<List<Integer>> r = q.mapAsync(PoolTestSupport::sqr, l);
            assertThat(r.get()).isEqualTo(squares(10));
        }
        p.join();
        assertThatThrownBy(() -> p.mapAsync(PoolTestSupport::sqr, l)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    public void test_wrapped_exception() {
        // Issue #20980: Should not wrap exception when using thread pool
        try (Pool p = newPool(1)) {
            assertThatThrownBy(() -> p.apply(() -> {
                throw new IllegalStateException("foo");
            })).isInstanceOf(IllegalStateException.class).hasMessage("foo");
            p.close();
            p.join();
        }
    }

    @Test
    public void test_map_no_failfast() {
        // Issue #23992: the fail-fast behaviour when an exception is raised during map() would
        // make Pool.join() deadlock, because a worker process would fill the result queue
        // (after the result handler thread terminated, hence not draining it anymore).
        long tStart = System.nanoTime();
        assertThatThrownBy(() -> {
            try (Pool p = newPool(2)) {
                try {
                    p.map(PoolTestSupport::raiseLargeValueError, List.of(0.0, 1.0));
                } finally {
                    PoolTestSupport.sleep(Duration.ofMillis(500));
                    p.close();
                    p.join();
                }
            }
        }).isInstanceOf(IllegalArgumentException.class);
        // check that we indeed waited for all jobs
        assertThat(Duration.ofNanos(System.nanoTime() - tStart)).isGreaterThan(Duration.ofMillis(900));
    }

    @Test
    public void test_release_task_refs() {
        // Issue #29861: task arguments and results should not be kept alive after we are done
        // with them.
        List<Object> objs = new ArrayList<>();
        for (int i = 0; i < 10; i++) objs.add(new CountedObject());
        List<WeakReference<Object>> refs = objs.stream().map(WeakReference::new).toList();
        pool.map(PoolTestSupport::identity, objs);
        objs = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (refs.stream().anyMatch(r -> r.get() != null) && System.nanoTime() < deadline) {
            System.gc();
            PoolTestSupport.sleep(Duration.ofMillis(10));
        }
        assertThat(refs).allMatch(r -> r.get() == null);
    }

    /** CPython's {@code CountedObject} (the count is the weak references here). */
    public static final class CountedObject implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Test
    public void test_enter() {
        Pool p = newPool(1);
        try (p) {
            // a try-with-resources block closes the pool (Python's terminates it)
        }
        // bpo-35477: a pool that is no longer running refuses work
        assertThatThrownBy(() -> p.applyAsync(() -> 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Pool not running");
        p.join();
    }

    @Test
    public void test_join_requires_close_or_terminate() {
        Pool p = newPool(1);
        assertThatThrownBy(p::join).isInstanceOf(IllegalStateException.class).hasMessageContaining("still running");
        p.close();
        p.join();
    }
}
