package io.github.concurrent4j.futures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.function.SerializableRunnable;

/** CPython 3.13's {@code ThreadPoolInitializerTest} and {@code ThreadPoolFailingInitializerTest} ({@code test_init.py}). */
@Tag("unit")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreadPoolInitializerTests {

    private static Executor tpe(int maxWorkers, SerializableRunnable initializer) {
        return ThreadPoolExecutor.builder().maxWorkers(maxWorkers).initializer(initializer).build();
    }

    @Nested
    class ThreadPoolInitializerTest extends InitializerTests.InitializerMixin {
        @Override
        protected Executor newExecutor(int maxWorkers, SerializableRunnable initializer) {
            return tpe(maxWorkers, initializer);
        }

        @Override
        protected Signal createEvent() {
            return new ThreadSignal();
        }
    }

    @Nested
    class ThreadPoolFailingInitializerTest extends InitializerTests.FailingInitializerMixin {
        @Override
        protected Executor newExecutor(int maxWorkers, SerializableRunnable initializer) {
            return tpe(maxWorkers, initializer);
        }

        @Override
        protected Signal createEvent() {
            return new ThreadSignal();
        }

        @Override
        protected String initializerLogger() {
            return "io.github.concurrent4j.futures";
        }

        @Test
        void theBrokenExecutorNamesItsCauseAndEndsFailed() {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                try {
                    executor.submit(() -> 0);
                    return false;
                } catch (BrokenThreadPoolException e) {
                    return e.getCause() instanceof IllegalArgumentException;
                }
            });
            ThreadPoolExecutor e = (ThreadPoolExecutor) executor;
            assertThat(e.brokenCause()).get().isInstanceOf(IllegalArgumentException.class);
            executor.shutdown(true);
            assertThat(e.isTerminated()).isTrue();
        }
    }
}
