package io.github.concurrent4j.multiprocessing.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.github.concurrent4j.futures.LogCapture;

/**
 * {@code _TestPoolWorkerErrors} and {@code _TestPoolWorkerLifetime} of CPython 3.13's
 * {@code Lib/test/_test_multiprocessing.py}, ported with their names, for every kind of pool
 * that supports {@code maxTasksPerChild} (CPython runs them for processes only; a
 * {@link ThreadPool} has both the error callbacks and, here, {@code maxTasksPerChild}), and
 * issue 11's acceptance points 1, 5 and 6 in their thread form. {@code test_unpickleable_result}
 * and {@code test_worker_finalization_via_atexit_handler_of_multiprocessing} are for processes
 * only; the process pool adds them.
 */
public abstract class PoolWorkerTests {

    /** A pool of {@code processes} workers, each replaced after {@code maxTasksPerChild} chunks (0: never). */
    protected abstract AbstractPool newPool(int processes, int maxTasksPerChild);

    /** What identifies a worker across replacements (a thread, a pid). */
    protected abstract Object identity(io.github.concurrent4j.multiprocessing.pool.internal.WorkerHandle worker);

    private static Object raising() {
        throw new java.util.NoSuchElementException("key"); // Python's KeyError("key")
    }

    @Test
    public void test_async_error_callback() {
        AbstractPool p = newPool(2, 0);
        AtomicReference<Throwable> scratchpad = new AtomicReference<>();
        AsyncResult<Object> res = p.applyAsync(PoolWorkerTests::raising, r -> {}, scratchpad::set);
        assertThatThrownBy(res::get).isInstanceOf(java.util.NoSuchElementException.class);
        assertThat(scratchpad.get()).isInstanceOf(java.util.NoSuchElementException.class);
        p.close();
        p.join();
    }

    @Test
    public void test_pool_worker_lifetime() {
        AbstractPool p = newPool(3, 10);
        assertThat(p.engine.awaitReadyWorkers(3, Duration.ofSeconds(60))).isTrue();
        assertThat(p.workers()).hasSize(3);
        Set<Object> origWorkers = identities(p);
        // Run many tasks so each worker gets replaced (hopefully)
        List<AsyncResult<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            results.add(p.applyAsync(() -> PoolTestSupport.sqr(n)));
        }
        // Fetch the results and verify we got the right answers, also ensuring all the tasks
        // have completed.
        for (int j = 0; j < results.size(); j++) assertThat(results.get(j).get()).isEqualTo(j * j);
        // Wait until all workers are alive
        assertThat(p.engine.awaitReadyWorkers(3, Duration.ofSeconds(60))).isTrue();
        Set<Object> finalWorkers = identities(p);
        // Finally, check that the workers have changed
        assertThat(finalWorkers).hasSize(3).isNotEqualTo(origWorkers);
        p.close();
        p.join();
    }

    @Test
    public void test_pool_worker_lifetime_early_close() {
        // Issue #10332: closing a pool whose workers have limited lifetimes before all the tasks
        // completed would make join() hang.
        AbstractPool p = newPool(3, 1);
        List<AsyncResult<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            results.add(p.applyAsync(() -> PoolTestSupport.sqr(n, Duration.ofMillis(300))));
        }
        p.close();
        p.join();
        // check the results
        for (int j = 0; j < results.size(); j++) assertThat(results.get(j).get()).isEqualTo(j * j);
    }

    @Test
    public void maxTasksPerChildOfOneGivesEachTaskItsOwnWorker() {
        // issue 11, acceptance 6: all results; the workers change; close + join return
        AbstractPool p = newPool(2, 1);
        Set<Object> seen = Collections.synchronizedSet(new HashSet<>());
        List<AsyncResult<Object>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) results.add(p.applyAsync(() -> workerIdentityHere()));
        for (AsyncResult<Object> r : results) seen.add(r.get());
        assertThat(seen).hasSize(6);
        p.close();
        p.join();
    }

    /** The identity of the worker the calling task runs in (a thread here; a pid in a process pool). */
    protected static Object workerIdentityHere() {
        return Thread.currentThread().threadId() + "@" + ProcessHandle.current().pid();
    }

    @Test
    public void mapEqualsTheSequentialResultForChunkSizesOneSevenAndDefault() {
        // issue 11, acceptance 1
        AbstractPool p = newPool(4, 0);
        try {
            List<Integer> items = IntStream.range(0, 10_000).boxed().toList();
            List<Integer> expected = items.stream().map(x -> x * x).toList();
            assertThat(p.map(x -> x * x, items, 1)).isEqualTo(expected);
            assertThat(p.map(x -> x * x, items, 7)).isEqualTo(expected);
            assertThat(p.map(x -> x * x, items)).isEqualTo(expected);
            assertThat(p.imap(x -> x * x, items).toList()).isEqualTo(expected);
            assertThat(p.imap(x -> x * x, items, 7).toList()).isEqualTo(expected);
            List<Integer> unordered = new ArrayList<>(p.imapUnordered(x -> x * x, items, 7).toList());
            assertThat(unordered).hasSize(10_000).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            p.close();
            p.join();
        }
    }

    @Test
    public void throwingCallbacksAreReportedAndNeverStopThePool() {
        // issue 11, acceptance 5: the error is visible; get and join return
        AbstractPool p = newPool(2, 0);
        try (LogCapture log = new LogCapture("io.github.concurrent4j.multiprocessing.pool")) {
            AsyncResult<Integer> ok = p.applyAsync(() -> 1, r -> {
                throw new IllegalStateException("callback failed");
            });
            AsyncResult<Integer> bad = p.applyAsync(() -> {
                throw new ArithmeticException("task failed");
            }, r -> {}, e -> {
                throw new IllegalStateException("error callback failed");
            });
            assertThat(ok.get()).isEqualTo(1);
            assertThatThrownBy(bad::get).isInstanceOf(ArithmeticException.class);
            assertThat(p.apply(() -> 2)).isEqualTo(2); // the pool goes on
            List<Integer> viaCallback = Collections.synchronizedList(new ArrayList<>());
            p.mapAsync(x -> x + 1, List.of(1, 2, 3), 1, viaCallback::addAll, e -> {}).get();
            assertThat(viaCallback).containsExactly(2, 3, 4);
            p.close();
            p.join();
            assertThat(log.text()).contains("callback failed").contains("error callback failed");
        }
    }

    private Set<Object> identities(AbstractPool p) {
        Set<Object> ids = new HashSet<>();
        p.workers().forEach(w -> ids.add(identity(w)));
        return ids;
    }
}
