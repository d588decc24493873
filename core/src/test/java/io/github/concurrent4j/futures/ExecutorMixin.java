package io.github.concurrent4j.futures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * CPython's {@code ExecutorMixin} ({@code Lib/test/test_concurrent_futures/util.py}, 3.13):
 * every executor test class runs against a fresh executor of {@link #workerCount()} workers,
 * shut down (waiting) after the test. Each backing (threads here; processes and the cluster
 * in their packages) subclasses the topic classes ({@link ExecutorTest}, {@link WaitTests},
 * ...) with its {@link #newExecutor}, as CPython's {@code create_executor_tests} builds one
 * class per topic and executor kind. {@link #createEvent()} is CPython's
 * {@code create_event()}: an event the tasks can wait on, in whatever process runs them.
 */
public abstract class ExecutorMixin {
    protected Executor executor;
    private long t1;

    /** A new executor with at most {@code maxWorkers} workers (must refuse {@code maxWorkers <= 0}). */
    protected abstract Executor newExecutor(int maxWorkers);

    /** An event tasks can wait on and the test can set. */
    protected abstract Signal createEvent();

    /** CPython's {@code worker_count}. */
    protected int workerCount() {
        return 5;
    }

    @BeforeEach
    protected void setUpExecutor() {
        t1 = System.nanoTime();
        executor = newExecutor(workerCount());
    }

    @AfterEach
    protected void tearDownExecutor() {
        executor.shutdown(true);
        executor = null;
        Duration dt = Duration.ofNanos(System.nanoTime() - t1);
        assertThat(dt).as("synchronization issue: test lasted too long").isLessThan(Duration.ofSeconds(300));
    }

    /** An event that may travel to the worker that waits on it. */
    public interface Signal extends Serializable {
        void set();

        /** Waits until set; returns true (as Python's {@code Event.wait()}). */
        boolean await();

        /** Waits at most {@code timeout}; whether it was set. */
        boolean await(Duration timeout);
    }

    /** Python's {@code time.sleep}: a task body. */
    public static Object sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    public static int mul(int x, int y) {
        return x * y;
    }

    public static long pow(long x, long y) {
        long r = 1;
        for (long i = 0; i < y; i++) r *= x;
        return r;
    }

    /** Python's {@code divmod}, as a two-element array; throws ArithmeticException on 0. */
    public static int[] divmod(int a, int b) {
        return new int[] {a / b, a % b};
    }
}
