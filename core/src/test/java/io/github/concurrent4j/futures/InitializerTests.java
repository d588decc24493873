package io.github.concurrent4j.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.concurrent4j.function.SerializableRunnable;

/**
 * {@code InitializerMixin} and {@code FailingInitializerMixin} of CPython 3.13's
 * {@code Lib/test/test_concurrent_futures/test_init.py}, ported with their names, for every
 * kind of executor. {@code INITIALIZER_STATUS} is a static field, per process, as Python's is
 * per interpreter. The failing initializer's report is looked for on the
 * {@link #initializerLogger()}, as CPython looks for it with {@code assertLogs}.
 */
public final class InitializerTests {
    private InitializerTests() {}

    static volatile String initializerStatus = "uninitialized";

    static void init(String x) {
        initializerStatus = x;
    }

    static String getInitStatus() {
        return initializerStatus;
    }

    static void initFail() throws InterruptedException {
        Thread.sleep(100); // let some futures be scheduled
        throw new IllegalArgumentException("error in initializer");
    }

    /** CPython's {@code InitializerMixin}: every worker ran the initializer before its task. */
    public abstract static class InitializerMixin extends ExecutorMixin {
        /** An executor of {@code maxWorkers} workers with {@code initializer}. */
        protected abstract Executor newExecutor(int maxWorkers, SerializableRunnable initializer);

        @Override
        protected int workerCount() {
            return 2;
        }

        @Override
        protected Executor newExecutor(int maxWorkers) {
            initializerStatus = "uninitialized";
            return newExecutor(maxWorkers, () -> init("initialized"));
        }

        @Test
        public void test_initializer() {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < workerCount(); i++) futures.add(executor.submit(InitializerTests::getInitStatus));
            for (Future<String> f : futures) assertThat(f.result()).isEqualTo("initialized");
        }
    }

    /** CPython's {@code FailingInitializerMixin}: a failing initializer breaks the executor. */
    public abstract static class FailingInitializerMixin extends ExecutorMixin {
        protected abstract Executor newExecutor(int maxWorkers, SerializableRunnable initializer);

        /** Where the executor logs the initializer's failure. */
        protected abstract String initializerLogger();

        @Override
        protected int workerCount() {
            return 2;
        }

        @Override
        protected Executor newExecutor(int maxWorkers) {
            return newExecutor(maxWorkers, InitializerTests::initFail);
        }

        @Test
        public void test_initializer() {
            try (LogCapture log = new LogCapture(initializerLogger())) {
                try {
                    Future<String> future = executor.submit(InitializerTests::getInitStatus);
                    assertThatThrownBy(future::result).isInstanceOf(BrokenExecutorException.class);
                } catch (BrokenExecutorException alreadyBroken) {
                    // Perhaps the executor is already broken
                }
                // At some point, the executor should break
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
                    try {
                        executor.submit(() -> 0).cancel();
                        return false;
                    } catch (BrokenExecutorException broken) {
                        return true;
                    }
                });
                // ... and from this point submit() is guaranteed to fail
                assertThatThrownBy(() -> executor.submit(InitializerTests::getInitStatus))
                        .isInstanceOf(BrokenExecutorException.class);
                await().atMost(Duration.ofSeconds(10)).until(() -> log.text().contains("IllegalArgumentException: error in initializer"));
            }
        }
    }
}
