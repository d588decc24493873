package io.github.concurrent4j.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * {@code AsCompletedTests} of CPython 3.13's
 * {@code Lib/test/test_concurrent_futures/test_as_completed.py}, ported with their names, for
 * every kind of executor.
 */
public abstract class AsCompletedTests extends ExecutorMixin {

    @Test
    public void test_no_timeout() {
        Future<Object> future1 = executor.submit(() -> (Object) mul(2, 21));
        Future<Object> future2 = executor.submit(() -> (Object) mul(7, 6));
        List<Future<Object>> all = List.of(FutureStates.cancelledAndNotified(), FutureStates.exception(),
                FutureStates.successful(), future1, future2);
        Set<Future<Object>> completed = new HashSet<>(Futures.asCompleted(all).toList());
        assertThat(completed).isEqualTo(new HashSet<>(all));
    }

    @Test
    public void test_future_times_out() {
        // Test as_completed timing out before completing its final future.
        Set<Future<Object>> alreadyCompleted = Set.of(FutureStates.cancelledAndNotified(), FutureStates.exception(),
                FutureStates.successful());
        Duration shortTimeout = Duration.ofMillis(100);
        for (Duration timeout : List.of(Duration.ZERO, shortTimeout)) {
            Set<Future<Object>> completedFutures = new HashSet<>();
            Future<Object> future = executor.submit(() -> sleep(shortTimeout.multipliedBy(10)));
            List<Future<Object>> fs = new ArrayList<>(alreadyCompleted);
            fs.add(future);
            try {
                for (Future<Object> f : Futures.asCompleted(fs, timeout)) completedFutures.add(f);
            } catch (FuturesTimeoutException expected) {
                // pass
            }
            // Check that future wasn't completed.
            assertThat(completedFutures).isEqualTo(alreadyCompleted);
        }
    }

    @Test
    public void test_duplicate_futures() {
        // Issue 20367. Duplicate futures should not raise exceptions or give duplicate responses.
        // Issue #31641: accept arbitrary iterables.
        Future<Object> future1 = executor.submit(() -> sleep(Duration.ofMillis(200)));
        List<Future<Object>> completed = Futures.asCompleted(Collections.nCopies(3, future1)).toList();
        assertThat(completed).hasSize(1);
    }

    @Test
    public void test_free_reference_yielded_future() {
        // Issue #14406: Generator should not keep references to finished futures.
        List<Future<Object>> futuresList = new ArrayList<>();
        for (int i = 0; i < 8; i++) futuresList.add(Promise.create());
        futuresList.add(FutureStates.cancelledAndNotified());
        futuresList.add(FutureStates.successful());

        assertThatThrownBy(() -> {
            ResultIterator<Future<Object>> it = Futures.asCompleted(futuresList, Duration.ZERO);
            while (it.hasNext()) {
                Future<Object> future = it.next();
                futuresList.remove(future);
                WeakReference<Future<Object>> wr = new WeakReference<>(future);
                future = null;
                assertThat(ExecutorTest.collected(wr)).isTrue();
            }
        }).isInstanceOf(FuturesTimeoutException.class);

        ((Promise<Object>) futuresList.get(0)).setResult("test");
        ResultIterator<Future<Object>> it = Futures.asCompleted(futuresList);
        while (it.hasNext()) {
            Future<Object> future = it.next();
            futuresList.remove(future);
            WeakReference<Future<Object>> wr = new WeakReference<>(future);
            future = null;
            assertThat(ExecutorTest.collected(wr)).isTrue();
            if (!futuresList.isEmpty()) ((Promise<Object>) futuresList.get(0)).setResult("test");
        }
    }

    @Test
    public void test_correct_timeout_exception_msg() {
        List<Future<Object>> futuresList = List.of(FutureStates.cancelledAndNotified(), FutureStates.pending(),
                FutureStates.running(), FutureStates.successful());
        assertThatThrownBy(() -> Futures.asCompleted(futuresList, Duration.ZERO).toList())
                .isInstanceOf(FuturesTimeoutException.class).hasMessage("2 (of 4) futures unfinished");
    }

    // ---- beyond CPython's tests ---------------------------------------------------------------

    @Test
    public void yieldsInFinishingOrderAndReportsProgress() {
        List<Promise<Object>> ps = new ArrayList<>();
        for (int i = 0; i < 5; i++) ps.add(Promise.create());
        List<Long> progress = Collections.synchronizedList(new ArrayList<>());
        ResultIterator<Promise<Object>> it = Futures.asCompleted(ps, (done, total) -> progress.add(done));
        for (int i : new int[] {3, 1, 4, 0, 2}) {
            ps.get(i).setResult(i);
            assertThat((Object) it.next()).isSameAs(ps.get(i));
        }
        assertThat(it.hasNext()).isFalse();
        assertThat(progress).containsExactly(1L, 2L, 3L, 4L, 5L);
    }
}
