package io.github.concurrent4j.multiprocessing.pool;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.pool.internal.WorkerHandle;

/** {@link PoolWorkerTests} ({@code _TestPoolWorkerErrors}, {@code _TestPoolWorkerLifetime}) on a {@link ProcessPool}. */
@Tag("integration")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WithProcessesPoolWorkerTests extends PoolWorkerTests {

    @Override
    protected AbstractPool newPool(int processes, int maxTasksPerChild) {
        ProcessPool.Builder b = ProcessPool.builder().processes(processes);
        if (maxTasksPerChild > 0) b.maxTasksPerChild(maxTasksPerChild);
        return b.build();
    }

    @Override
    protected Object identity(WorkerHandle worker) {
        return worker.pid().orElseThrow();
    }
}
