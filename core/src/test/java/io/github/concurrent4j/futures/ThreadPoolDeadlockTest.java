package io.github.concurrent4j.futures;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;

/** {@link ExecutorDeadlockTest} on threads. */
@Tag("unit")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ThreadPoolDeadlockTest extends ExecutorDeadlockTest {

    @Override
    protected Executor newExecutor(int maxWorkers) {
        return new ThreadPoolExecutor(maxWorkers);
    }

    @Override
    protected Signal createEvent() {
        return new ThreadSignal();
    }
}
