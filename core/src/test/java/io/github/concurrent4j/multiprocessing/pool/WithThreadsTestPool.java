package io.github.concurrent4j.multiprocessing.pool;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.futures.ExecutorMixin.Signal;
import io.github.concurrent4j.futures.ThreadSignal;

/** CPython 3.13's {@code WithThreadsTestPool}: {@link PoolTests} ({@code _TestPool}) on a {@link ThreadPool}. */
@Tag("unit")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WithThreadsTestPool extends PoolTests {

    @Override
    protected Pool newPool(int processes) {
        return new ThreadPool(processes);
    }

    @Override
    protected String type() {
        return "threads";
    }

    @Override
    protected Signal createEvent() {
        return new ThreadSignal();
    }
}
