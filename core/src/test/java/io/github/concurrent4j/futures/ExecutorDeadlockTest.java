package io.github.concurrent4j.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.github.concurrent4j.function.SerializableCallable;

/**
 * The parts of CPython 3.13's {@code ExecutorDeadlockTest}
 * ({@code Lib/test/test_concurrent_futures/test_deadlock.py}) that apply to every executor,
 * with their names: a failure anywhere in a task ends in an error for its caller, never a
 * hang, and the executor goes on. CPython runs this class for process pools only; its other
 * tests (pickling and unpickling failures, crashes, exits of worker processes) are for the
 * process executor, which adds them in its subclass. A worker thread cannot crash or exit on
 * its own, so on threads {@code SystemExit} becomes an {@link Error} thrown by the task.
 */
public abstract class ExecutorDeadlockTest extends ExecutorMixin {
    /** CPython's {@code support.LONG_TIMEOUT} is 5 minutes; a deadlock here is caught by the test's own deadline. */
    protected static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** CPython's {@code _check_error}: a fresh executor of 2 workers; the task's result raises {@code error}. */
    protected void checkError(Class<? extends Throwable> error, SerializableCallable<Object> func) {
        executor.shutdown(true);
        Executor e = newExecutor(2);
        try {
            Future<Object> res = e.submit(func);
            assertThatThrownBy(() -> res.result(TIMEOUT)).isInstanceOf(error);
            assertThat(e.submit(() -> "still working").result(TIMEOUT)).isEqualTo("still working");
        } finally {
            e.shutdown(true);
        }
    }

    @Test
    public void test_error_during_func_exec_on_worker() {
        // Check problem occurring during func execution on workers
        checkError(IllegalStateException.class, () -> {
            throw new IllegalStateException("raised in the worker");
        });
    }

    @Test
    public void test_exit_during_func_exec_on_worker() {
        checkError(StackOverflowError.class, () -> recurse(0));
    }

    @Test
    public void test_shutdown_deadlock() {
        // Test that the pool calling shutdown do not cause deadlock if a worker fails after the
        // shutdown call.
        executor.shutdown(true);
        Executor e = newExecutor(2);
        Future<Object> f = e.submit(() -> {
            sleep(Duration.ofMillis(100));
            throw new IllegalStateException("after the shutdown call");
        });
        e.shutdown(true);
        assertThatThrownBy(f::result).isInstanceOf(IllegalStateException.class);
    }

    private static int recurse(int n) {
        return recurse(n + 1) + 1;
    }
}
