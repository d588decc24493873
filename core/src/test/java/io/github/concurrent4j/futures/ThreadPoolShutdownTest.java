package io.github.concurrent4j.futures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.threading.Semaphore;
import io.github.concurrent4j.threading.Threading;

/**
 * {@code ThreadPoolShutdownTest} of CPython 3.13's {@code test_shutdown.py}, ported with its
 * names ({@link ExecutorShutdownTest} on threads). CPython's {@code del executor} is dropping
 * the last reference and letting the garbage collector find it.
 */
@Tag("integration")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ThreadPoolShutdownTest extends ExecutorShutdownTest {

    @Override
    protected Executor newExecutor(int maxWorkers) {
        return new ThreadPoolExecutor(maxWorkers);
    }

    @Override
    protected Signal createEvent() {
        return new ThreadSignal();
    }

    @Override
    protected Class<?> exitProgram() {
        return ExecutorExitMain.class;
    }

    private static final List<Integer> MINUS_5_TO_5 = IntStream.range(-5, 5).boxed().toList();

    @Test
    void test_threads_terminate() {
        Semaphore sem = new Semaphore(0);
        for (int i = 0; i < 3; i++) executor.submit(() -> sem.acquire());
        assertThat(((ThreadPoolExecutor) executor).threads()).hasSize(3);
        for (int i = 0; i < 3; i++) sem.release();
        List<Thread> threads = ((ThreadPoolExecutor) executor).threads();
        executor.shutdown();
        for (Thread t : threads) Threading.join(t);
    }

    @Test
    void test_context_manager_shutdown() {
        List<Thread> threads;
        try (ThreadPoolExecutor e = new ThreadPoolExecutor(5)) {
            assertThat(e.map(Math::abs, MINUS_5_TO_5).toList()).containsExactly(5, 4, 3, 2, 1, 0, 1, 2, 3, 4);
            threads = e.threads();
        }
        for (Thread t : threads) assertThat(t.isAlive()).isFalse();
    }

    @Test
    void test_del_shutdown() {
        ThreadPoolExecutor e = new ThreadPoolExecutor(5);
        ResultIterator<Integer> res = e.map(Math::abs, MINUS_5_TO_5);
        List<Thread> threads = e.threads();
        e = null;
        awaitEnded(threads);
        // Make sure the results were all computed before the executor got shutdown.
        assertThat(res.toList()).containsExactly(5, 4, 3, 2, 1, 0, 1, 2, 3, 4);
    }

    @Test
    void test_shutdown_no_wait() {
        // Ensure that the executor cleans up the threads when calling shutdown with wait=False
        ThreadPoolExecutor e = new ThreadPoolExecutor(5);
        ResultIterator<Integer> res = e.map(Math::abs, MINUS_5_TO_5);
        List<Thread> threads = e.threads();
        e.shutdown(false);
        for (Thread t : threads) Threading.join(t);
        // Make sure the results were all computed before the executor got shutdown.
        assertThat(res.toList()).containsExactly(5, 4, 3, 2, 1, 0, 1, 2, 3, 4);
        assertThat(e.isTerminated()).isTrue();
    }

    @Test
    void test_thread_names_assigned() {
        ThreadPoolExecutor e = ThreadPoolExecutor.builder().maxWorkers(5).threadNamePrefix("SpecialPool").build();
        e.map(Math::abs, MINUS_5_TO_5);
        List<Thread> threads = e.threads();
        e = null;
        for (Thread t : threads) assertThat(t.getName()).matches("^SpecialPool_[0-4]$");
        awaitEnded(threads);
    }

    @Test
    void test_thread_names_default() {
        ThreadPoolExecutor e = new ThreadPoolExecutor(5);
        e.map(Math::abs, MINUS_5_TO_5);
        List<Thread> threads = e.threads();
        e = null;
        for (Thread t : threads) {
            // Ensure that our default name is reasonably sane and unique when no
            // thread_name_prefix was supplied.
            assertThat(t.getName()).matches("ThreadPoolExecutor-\\d+_[0-4]$");
        }
        awaitEnded(threads);
    }

    @Test
    void test_cancel_futures_wait_false() throws Exception {
        // Can only be reliably tested for TPE, since PPE often hangs with `wait=False` (even
        // without *cancel_futures*).
        String[] r = runChild("cancel_futures_wait_false");
        assertThat(r[1]).isEmpty();
        // gh-116682: stdout may be empty if shutdown happens before task starts executing.
        assertThat(r[0]).isIn("apple", "");
    }

    /** The threads of an executor nobody references end once the collector has found it. */
    private static void awaitEnded(List<Thread> threads) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (Thread t : threads) {
            while (t.isAlive()) {
                assertThat(System.nanoTime()).as("threads of a collected executor did not end").isLessThan(deadline);
                System.gc();
                Threading.join(t, Duration.ofMillis(50));
            }
        }
    }
}
