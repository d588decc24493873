package io.github.concurrent4j.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.threading.Semaphore;
import io.github.concurrent4j.threading.Threading;

/**
 * {@code ThreadPoolExecutorTest} of CPython 3.13's
 * {@code Lib/test/test_concurrent_futures/test_thread_pool.py} (with the inherited
 * {@link ExecutorTest}), ported with its names. {@code test_hang_global_shutdown_lock} and
 * {@code test_process_fork_from_a_threadpool} are about {@code fork()}, which the JVM does not
 * have.
 */
@Tag("unit")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreadPoolExecutorTest extends ExecutorTest {

    @Override
    protected Executor newExecutor(int maxWorkers) {
        return new ThreadPoolExecutor(maxWorkers);
    }

    @Override
    protected Signal createEvent() {
        return new ThreadSignal();
    }

    private ThreadPoolExecutor tpe() {
        return (ThreadPoolExecutor) executor;
    }

    @Test
    void test_map_submits_without_iteration() {
        // Tests verifying issue 11777.
        List<Integer> finished = Collections.synchronizedList(new ArrayList<>());
        executor.map(n -> finished.add(n), range(10));
        executor.shutdown(true);
        assertThat(finished).containsExactlyInAnyOrderElementsOf(range(10));
    }

    @Test
    void test_default_workers() {
        ThreadPoolExecutor e = new ThreadPoolExecutor();
        try {
            assertThat(e.maxWorkers()).isEqualTo(Math.min(32, Runtime.getRuntime().availableProcessors() + 4));
        } finally {
            e.shutdown();
        }
    }

    @Test
    void test_saturation() {
        ThreadPoolExecutor e = new ThreadPoolExecutor(4);
        Semaphore sem = new Semaphore(0);
        for (int i = 0; i < 15 * e.maxWorkers(); i++) e.submit(() -> sem.acquire());
        assertThat(e.threads()).hasSize(e.maxWorkers());
        for (int i = 0; i < 15 * e.maxWorkers(); i++) sem.release();
        e.shutdown(true);
    }

    @Test
    void test_idle_thread_reuse() {
        ThreadPoolExecutor e = new ThreadPoolExecutor();
        e.submit(ExecutorMixin::mul, 21, 2).result();
        e.submit(ExecutorMixin::mul, 6, 7).result();
        e.submit(ExecutorMixin::mul, 3, 14).result();
        assertThat(e.threads()).hasSize(1);
        e.shutdown(true);
    }

    @Test
    void test_executor_map_current_future_cancel() {
        Signal stopEvent = createEvent();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        SerializableLogNWait logNWait = ident -> {
            log.add("ident='" + ident + "' started");
            try {
                stopEvent.await();
            } finally {
                log.add("ident='" + ident + "' stopped");
            }
            return null;
        };
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
            // submit work to saturate the pool
            Future<Object> fut = pool.submit(logNWait::apply, "first");
            try (ResultIterator<Object> gen = pool.map(logNWait::apply, List.of("second", "third"), Duration.ZERO)) {
                assertThatThrownBy(gen::next).isInstanceOf(FuturesTimeoutException.class);
            } finally {
                stopEvent.set();
            }
            fut.result();
        }
        // ident='second' is cancelled as a result of raising a TimeoutError
        // ident='third' is cancelled because it remained in the collection of futures
        assertThat(log).containsExactly("ident='first' started", "ident='first' stopped");
    }

    interface SerializableLogNWait extends java.io.Serializable {
        Object apply(String ident);
    }

    // ---- beyond CPython's tests ---------------------------------------------------------------

    @Test
    void aTimedResultTimesOutAtAboutTheDeadlineAndTheResultComesLater() {
        // issue 11, acceptance 9, for a future
        Signal release = createEvent();
        Future<String> slow = executor.submit(() -> {
            release.await();
            return "late";
        });
        long t = System.nanoTime();
        assertThatThrownBy(() -> slow.result(Duration.ofMillis(300))).isInstanceOf(FuturesTimeoutException.class);
        Duration waited = Duration.ofNanos(System.nanoTime() - t);
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofMillis(1300));
        assertThat(slow.done()).isFalse();
        release.set();
        assertThat(slow.result(Duration.ofSeconds(30))).isEqualTo("late");
    }

    @Test
    void workersAreListedByThreadingEnumerateWithPythonsNames() {
        Future<String> name = executor.submit(() -> Thread.currentThread().getName());
        assertThat(name.result()).matches("ThreadPoolExecutor-\\d+_0");
        assertThat(Threading.enumerate()).containsAll(tpe().threads());
    }

    @Test
    void virtualThreadWorkersRunManyBlockingTasksAtOnce() {
        int n = 200;
        try (ThreadPoolExecutor v = ThreadPoolExecutor.builder().virtualThreads().maxWorkers(n).build()) {
            java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch(n);
            List<Future<Boolean>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                fs.add(v.submit(() -> {
                    all.countDown();
                    return all.await(20, TimeUnit.SECONDS) && Thread.currentThread().isVirtual();
                }));
            }
            for (Future<Boolean> f : fs) assertThat(f.result()).isTrue();
        }
    }

    @Test
    void submitAfterShutdownIsRejectedAsTheJdkSays() {
        executor.shutdown(false);
        assertThatThrownBy(() -> executor.submit(() -> 1)).isInstanceOf(java.util.concurrent.RejectedExecutionException.class)
                .hasMessageContaining("cannot schedule new futures after shutdown");
        assertThat(executor.isShutdown()).isTrue();
    }

    @Test
    void shutdownWithWaitFromAWorkerThrowsInsteadOfWaitingForItself() {
        Future<Throwable> f = executor.submit(() -> {
            try {
                executor.shutdown(true);
                return null;
            } catch (IllegalStateException e) {
                return e;
            }
        });
        assertThat(f.result()).isInstanceOf(IllegalStateException.class).hasMessageContaining("wait for itself");
        assertThat(executor.isShutdown()).isTrue();
    }

    @Test
    void shutdownNowCancelsTheQueuedTasksAndInterruptsTheRunningOnes() throws Exception {
        ThreadPoolExecutor e = new ThreadPoolExecutor(1);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        Future<String> running = e.submit(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
                return "slept";
            } catch (InterruptedException ie) {
                return "interrupted";
            }
        });
        started.await();
        List<Future<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) queued.add(e.submit(() -> 1));
        List<Runnable> never = e.shutdownNow();
        assertThat(never).hasSize(5);
        assertThat(queued).allMatch(Future::cancelled);
        assertThat(running.result()).isEqualTo("interrupted");
        assertThat(e.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(e.isTerminated()).isTrue();
    }

    @Test
    void invokeAllAndInvokeAnyWork() throws Exception {
        List<java.util.concurrent.Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            tasks.add(() -> n * n);
        }
        List<java.util.concurrent.Future<Integer>> all = executor.invokeAll(tasks);
        assertThat(all.stream().map(java.util.concurrent.Future::resultNow).toList())
                .isEqualTo(IntStream.range(0, 10).map(x -> x * x).boxed().toList());
        int any = executor.invokeAny(tasks);
        assertThat(any).isIn(IntStream.range(0, 10).map(x -> x * x).boxed().toList());
        assertThatThrownBy(() -> executor.invokeAny(List.of(() -> {
            throw new IllegalStateException("no");
        }))).isInstanceOf(java.util.concurrent.ExecutionException.class).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void executeReportsAFailingTask() {
        try (LogCapture log = new LogCapture("io.github.concurrent4j.futures")) {
            executor.execute(() -> {
                throw new IllegalStateException("lost?");
            });
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> log.text().contains("lost?"));
        }
    }

    @Test
    void aThrowingCallbackNeverBreaksTheExecutor() {
        try (LogCapture log = new LogCapture("io.github.concurrent4j.futures")) {
            for (int i = 0; i < 100; i++) {
                executor.submit(() -> 1).addDoneCallback(f -> {
                    throw new IllegalStateException("callback failed");
                });
            }
            assertThat(executor.submit(() -> 2).result()).isEqualTo(2);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> log.records().stream().filter(r -> r.contains("callback failed")).count() == 100);
        }
    }
}
