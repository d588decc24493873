package io.github.concurrent4j.futures.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Serializable;

import org.junit.jupiter.api.Test;

import io.github.concurrent4j.futures.BrokenProcessPoolException;
import io.github.concurrent4j.futures.Executor;
import io.github.concurrent4j.futures.ExecutorDeadlockTest;
import io.github.concurrent4j.futures.Future;
import io.github.concurrent4j.multiprocessing.pool.MaybeEncodingException;
import io.github.concurrent4j.transport.SerializationException;

/**
 * The process-only tests of CPython 3.13's {@code ExecutorDeadlockTest}
 * ({@code Lib/test/test_concurrent_futures/test_deadlock.py}), with their names, over the common
 * ones ({@link ExecutorDeadlockTest}). Pickling hooks ({@code __reduce__}) become classes the
 * codec cannot encode or the parent may not decode; crashes and exits are real (SIGKILL,
 * {@code System.exit}). Where CPython expects {@code PicklingError} the task's future raises
 * {@link SerializationException}; a crash or exit of a worker raises
 * {@link BrokenProcessPoolException}.
 */
public abstract class ExecutorDeadlockTests extends ExecutorDeadlockTest {

    /** SIGKILLs the calling worker process. */
    static void sigkillMe() {
        try {
            new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).inheritIO().start().waitFor();
            Thread.sleep(10_000);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CPython's {@code ErrorAtPickle}: cannot be encoded (a thread inside). */
    static final class ErrorAtPickle implements Serializable {
        private static final long serialVersionUID = 1L;
        final Object thread = Thread.currentThread();
    }

    /** CPython's {@code ErrorAtUnpickle}: encodes in the worker, which allows it; the parent refuses to decode it. */
    record ErrorAtUnpickle(int x) implements Serializable {}

    static Object returnErrorAtUnpickle() {
        io.github.concurrent4j.transport.Serialization.allow(ErrorAtUnpickle.class);
        return new ErrorAtUnpickle(1);
    }

    @Test
    public void test_crash_at_task_unpickle_or_error_at_task_pickle() {
        // CPython's test_error_at_task_pickle: the task cannot be sent
        executor.shutdown(true);
        Executor e = newExecutor(2);
        try {
            ErrorAtPickle bad = new ErrorAtPickle();
            Future<Object> f = e.submit(() -> bad.hashCode());
            assertThatThrownBy(() -> f.result(TIMEOUT)).isInstanceOf(SerializationException.class);
            assertThat(e.submit(() -> "still working").result(TIMEOUT)).isEqualTo("still working");
        } finally {
            e.shutdown(true);
        }
    }

    @Test
    public void test_crash_during_func_exec_on_worker() {
        // Check problem occurring during func execution on workers: the pool breaks
        executor.shutdown(true);
        Executor e = newExecutor(2);
        try {
            Future<Object> f = e.submit(() -> {
                sigkillMe();
                return null;
            });
            assertThatThrownBy(() -> f.result(TIMEOUT)).isInstanceOf(BrokenProcessPoolException.class)
                    .hasMessageContaining("terminated abruptly").hasMessageContaining("exit code -9");
            assertThatThrownBy(() -> e.submit(() -> 1)).isInstanceOf(BrokenProcessPoolException.class);
        } finally {
            e.shutdown(true);
        }
    }

    @Test
    public void test_exit_during_func_exec_on_worker_process() {
        // CPython: SystemExit in a worker process ends it; here System.exit breaks the pool
        executor.shutdown(true);
        Executor e = newExecutor(2);
        try {
            Future<Object> f = e.submit(() -> {
                System.exit(1);
                return null;
            });
            assertThatThrownBy(() -> f.result(TIMEOUT)).isInstanceOf(BrokenProcessPoolException.class);
        } finally {
            e.shutdown(true);
        }
    }

    @Test
    public void test_error_during_result_pickle_on_worker() {
        // Check problem occurring while pickling a task result on workers
        checkError(MaybeEncodingException.class, ErrorAtPickle::new);
    }

    @Test
    public void test_error_during_result_unpickle_in_result_handler() {
        // Check problem occurring while unpickling a task in the result handler
        checkError(SerializationException.class, ExecutorDeadlockTests::returnErrorAtUnpickle);
    }

    @Test
    public void test_crash_during_result_pickle_on_worker() {
        // a worker that dies while its (large) result is being written: the pool breaks, no hang
        checkErrorBroken(() -> {
            byte[] big = new byte[50 << 20];
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ignored) {
                    // die now
                }
                sigkillMe();
            });
            killer.start();
            return big;
        });
    }

    private void checkErrorBroken(io.github.concurrent4j.function.SerializableCallable<Object> func) {
        executor.shutdown(true);
        Executor e = newExecutor(2);
        try {
            Future<Object> res = e.submit(func);
            try {
                Object r = res.result(TIMEOUT);
                // the 50 MB arrived whole before the kill landed: acceptable, and then the pool breaks
                assertThat(r).isInstanceOf(byte[].class);
                assertThat(((byte[]) r).length).isEqualTo(50 << 20);
            } catch (BrokenProcessPoolException expected) {
                // the kill landed first
            }
        } finally {
            e.shutdown(true);
        }
    }
}
