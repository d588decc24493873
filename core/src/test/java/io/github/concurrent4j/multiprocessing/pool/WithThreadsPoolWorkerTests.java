package io.github.concurrent4j.multiprocessing.pool;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.pool.internal.WorkerHandle;

/** {@link PoolWorkerTests} on a {@link ThreadPool}. */
@Tag("unit")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WithThreadsPoolWorkerTests extends PoolWorkerTests {

    @Override
    protected AbstractPool newPool(int processes, int maxTasksPerChild) {
        ThreadPool.Builder b = ThreadPool.builder().processes(processes);
        if (maxTasksPerChild > 0) b.maxTasksPerChild(maxTasksPerChild);
        return b.build();
    }

    @Override
    protected Object identity(WorkerHandle worker) {
        return worker;
    }
}
