package io.github.concurrent4j.futures.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.function.SerializableRunnable;
import io.github.concurrent4j.futures.AsCompletedTests;
import io.github.concurrent4j.futures.BrokenProcessPoolException;
import io.github.concurrent4j.futures.Executor;
import io.github.concurrent4j.futures.ExecutorDeadlockTest;
import io.github.concurrent4j.futures.ExecutorShutdownTest;
import io.github.concurrent4j.futures.ExecutorTest;
import io.github.concurrent4j.futures.Future;
import io.github.concurrent4j.futures.InitializerTests;
import io.github.concurrent4j.futures.ProcessSignal;
import io.github.concurrent4j.futures.WaitTests;
import io.github.concurrent4j.multiprocessing.pool.WorkerLostException;

/**
 * CPython 3.13's {@code test_concurrent_futures} for process pools ({@code create_executor_tests}
 * with {@code ProcessPoolSpawnMixin}): the executor topics ({@link ExecutorTest},
 * {@link WaitTests}, {@link AsCompletedTests}, {@link ExecutorShutdownTest}, the initializer
 * mixins, {@link ExecutorDeadlockTest}) on a {@link ProcessPoolExecutor}, plus the process-only
 * tests of {@code test_process_pool.py}, {@code test_deadlock.py} and {@code test_shutdown.py}
 * with their names, and issue 11's acceptance 3 and 7 (process parts). Executors have 2 workers
 * (CPython's {@code worker_count} is 5) to keep the suite's child JVMs few on a 2-core machine.
 */
@Tag("integration")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessPoolExecutorTests {
    static {
        // what the tests send to the workers and back (a Python pool unpickles anything; this
        // library decodes only what is allowed)
        io.github.concurrent4j.transport.Serialization.allow(ProcessSignal.class, ExecutorTest.MyObject.class);
    }

    /** The test's process signals, closed after it. */
    abstract static class ProcessMixin {
        final List<ProcessSignal> signals = new ArrayList<>();

        ProcessSignal signal() {
            ProcessSignal s = new ProcessSignal();
            signals.add(s);
            return s;
        }

        @AfterEach
        void closeSignals() {
            signals.forEach(ProcessSignal::close);
        }
    }

    /**
     * A started executor whose workers are ready (CPython's {@code ExecutorMixin._prime_executor}:
     * "make sure that the executor is ready to do work before running the tests").
     */
    static Executor ppe(int maxWorkers) {
        ProcessPoolExecutor e = new ProcessPoolExecutor(maxWorkers);
        List<Future<Object>> fs = new ArrayList<>();
        for (int i = 0; i < maxWorkers; i++) fs.add(e.submit(() -> null));
        for (Future<Object> f : fs) f.result();
        return e;
    }

    @Nested
    class ProcessPoolExecutorTest extends ExecutorTest {
        private final ProcessMixin m = new ProcessMixin() {};

        @Override
        protected Executor newExecutor(int maxWorkers) {
            return ppe(maxWorkers);
        }

        @Override
        protected int workerCount() {
            return 2;
        }

        @Override
        protected Signal createEvent() {
            return m.signal();
        }

        @AfterEach
        void close() {
            m.closeSignals();
        }

        @Test
        void test_max_workers_too_large_default() {
            // CPython limits max_workers on Windows only; here: the default is cpuCount()
            ProcessPoolExecutor e = new ProcessPoolExecutor();
            try {
                assertThat(e.maxWorkers()).isEqualTo(io.github.concurrent4j.multiprocessing.Multiprocessing.cpuCount());
            } finally {
                e.shutdown();
            }
        }

        @Test
        void test_killed_child() {
            // When a child process is abruptly terminated, the whole pool gets "broken".
            Future<Object> f = executor.submit(() -> {
                ExecutorDeadlockTests.sigkillMe();
                return null;
            });
            assertThatThrownBy(f::result).isInstanceOf(BrokenProcessPoolException.class);
            // Submitting other jobs fails as well (issue 11, acceptance 3: fast).
            long t = System.nanoTime();
            assertThatThrownBy(() -> executor.submit(ExecutorTest.class::hashCode)).isInstanceOf(BrokenProcessPoolException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofMillis(100));
        }

        @Test
        void aKilledWorkerFailsEveryPendingFuture() {
            // issue 11, acceptance 3
            Future<Object> killer = executor.submit(() -> {
                ExecutorDeadlockTests.sigkillMe();
                return null;
            });
            List<Future<Object>> pending = new ArrayList<>();
            for (int i = 0; i < 10; i++) pending.add(executor.submit(() -> sleep(Duration.ofSeconds(30))));
            assertThatThrownBy(killer::result).isInstanceOf(BrokenProcessPoolException.class);
            for (Future<Object> f : pending) assertThatThrownBy(f::result).isInstanceOf(BrokenProcessPoolException.class);
        }

        @Test
        void test_max_tasks_per_child() {
            // not using default max_workers: one worker, replaced after each 3 tasks
            ProcessPoolExecutor e = ProcessPoolExecutor.builder().maxWorkers(1).maxTasksPerChild(3).build();
            try {
                long pid1 = e.submit(() -> ProcessHandle.current().pid()).result(); // runs in the worker: its pid
                long pid2 = e.submit(() -> ProcessHandle.current().pid()).result();
                long pid3 = e.submit(() -> ProcessHandle.current().pid()).result();
                assertThat(new HashSet<>(List.of(pid1, pid2, pid3))).hasSize(1);
                long pid4 = e.submit(() -> ProcessHandle.current().pid()).result();
                assertThat(pid4).isNotEqualTo(pid1);
            } finally {
                e.shutdown();
            }
        }

        @Test
        void test_max_tasks_early_shutdown() {
            ProcessPoolExecutor e = ProcessPoolExecutor.builder().maxWorkers(3).maxTasksPerChild(1).build();
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                futures.add(e.submit(() -> n * n));
            }
            e.shutdown();
            for (int i = 0; i < 6; i++) assertThat(futures.get(i).result()).isEqualTo(i * i);
        }

        @Test
        void theLostWorkerOptionFailsOnlyItsTask() {
            ProcessPoolExecutor e = ProcessPoolExecutor.builder().maxWorkers(2)
                    .onWorkerLost(ProcessPoolExecutor.WorkerLoss.FAIL_TASK).build();
            try {
                Future<Object> f = e.submit(() -> {
                    ExecutorDeadlockTests.sigkillMe();
                    return null;
                });
                assertThatThrownBy(f::result).isInstanceOf(WorkerLostException.class);
                assertThat(e.submit(() -> 42).result()).isEqualTo(42);
            } finally {
                e.shutdown();
            }
        }

        @Test
        void workerPidsChangeWithMaxTasksPerChildOne() {
            // issue 11, acceptance 6 on the executor
            ProcessPoolExecutor e = ProcessPoolExecutor.builder().maxWorkers(2).maxTasksPerChild(1).build();
            Set<Long> pids = new HashSet<>();
            try {
                List<Future<Long>> fs = new ArrayList<>();
                for (int i = 0; i < 6; i++) fs.add(e.submit(() -> ProcessHandle.current().pid()));
                for (Future<Long> f : fs) pids.add(f.result());
            } finally {
                e.shutdown();
            }
            assertThat(pids).hasSize(6);
        }
    }

    @Nested
    class ProcessPoolWaitTest extends WaitTests {
        private final ProcessMixin m = new ProcessMixin() {};

        @Override
        protected Executor newExecutor(int maxWorkers) {
            return ppe(maxWorkers);
        }

        @Override
        protected int workerCount() {
            return 2;
        }

        @Override
        protected Signal createEvent() {
            return m.signal();
        }

        @AfterEach
        void close() {
            m.closeSignals();
        }
    }

    @Nested
    class ProcessPoolAsCompletedTest extends AsCompletedTests {
        private final ProcessMixin m = new ProcessMixin() {};

        @Override
        protected Executor newExecutor(int maxWorkers) {
            return ppe(maxWorkers);
        }

        @Override
        protected int workerCount() {
            return 2;
        }

        @Override
        protected Signal createEvent() {
            return m.signal();
        }

        @AfterEach
        void close() {
            m.closeSignals();
        }
    }

    @Nested
    class ProcessPoolInitializerTest extends InitializerTests.InitializerMixin {
        @Override
        protected Executor newExecutor(int maxWorkers, SerializableRunnable initializer) {
            return ProcessPoolExecutor.builder().maxWorkers(maxWorkers).initializer(initializer).build();
        }

        @Override
        protected Signal createEvent() {
            return new ProcessSignal();
        }
    }

    @Nested
    class ProcessPoolFailingInitializerTest extends InitializerTests.FailingInitializerMixin {
        @Override
        protected Executor newExecutor(int maxWorkers, SerializableRunnable initializer) {
            return ProcessPoolExecutor.builder().maxWorkers(maxWorkers).initializer(initializer).build();
        }

        @Override
        protected Signal createEvent() {
            return new ProcessSignal();
        }

        @Override
        protected String initializerLogger() {
            return "io.github.concurrent4j.multiprocessing.pool";
        }
    }

    @Nested
    class ProcessPoolShutdownTest extends ExecutorShutdownTest {
        private final ProcessMixin m = new ProcessMixin() {};

        @Override
        protected Executor newExecutor(int maxWorkers) {
            return ppe(maxWorkers);
        }

        @Override
        protected int workerCount() {
            return 2;
        }

        @Override
        protected Signal createEvent() {
            return m.signal();
        }

        @AfterEach
        void close() {
            m.closeSignals();
        }

        @Override
        protected Class<?> exitProgram() {
            return ProcessExecutorExitMain.class;
        }

        @Test
        void test_processes_terminate() {
            ProcessPoolExecutor e = (ProcessPoolExecutor) executor;
            for (int i = 0; i < 2; i++) e.submit(() -> 0).result();
            List<Long> pids = e.workerPids();
            assertThat(pids).hasSize(2);
            e.shutdown();
            for (long pid : pids) assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }

        @Test
        void test_shutdown_no_wait() {
            // Ensure that the executor cleans up the processes when calling shutdown with wait=False
            ProcessPoolExecutor e = new ProcessPoolExecutor(2);
            List<Integer> res = e.map(Math::abs, java.util.stream.IntStream.range(-5, 5).boxed().toList()).toList();
            List<Long> pids = e.workerPids();
            e.shutdown(false);
            assertThat(res).containsExactly(5, 4, 3, 2, 1, 0, 1, 2, 3, 4);
            for (long pid : pids) ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(e::isTerminated);
        }
    }

    @Nested
    class ProcessPoolExecutorDeadlockTest extends ExecutorDeadlockTests {
        @Override
        protected Executor newExecutor(int maxWorkers) {
            return ppe(maxWorkers);
        }

        @Override
        protected Signal createEvent() {
            return new ProcessSignal();
        }
    }

}
