package io.github.concurrent4j.futures;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;

/** CPython 3.13's {@code ThreadPoolAsCompletedTest} (made by {@code create_executor_tests}): {@link AsCompletedTests} on threads. */
@Tag("unit")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreadPoolAsCompletedTests extends AsCompletedTests {

    @Override
    protected Executor newExecutor(int maxWorkers) {
        return new ThreadPoolExecutor(maxWorkers);
    }

    @Override
    protected Signal createEvent() {
        return new ThreadSignal();
    }
}
