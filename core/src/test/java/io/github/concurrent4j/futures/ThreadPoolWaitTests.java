package io.github.concurrent4j.futures;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code ThreadPoolWaitTests} of CPython 3.13's {@code test_wait.py}: {@link WaitTests} on threads. */
@Tag("unit")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreadPoolWaitTests extends WaitTests {

    @Override
    protected Executor newExecutor(int maxWorkers) {
        return new ThreadPoolExecutor(maxWorkers);
    }

    @Override
    protected Signal createEvent() {
        return new ThreadSignal();
    }

    @Test
    void test_pending_calls_race() {
        // Issue #14406: multi-threaded race condition when waiting on all futures.
        Signal event = createEvent();
        Set<Future<Object>> fs = new HashSet<>();
        for (int i = 0; i < 100; i++) fs.add(executor.submit(() -> event.await()));
        event.set();
        Futures.wait(fs, ReturnWhen.ALL_COMPLETED);
    }

    @Test
    void waitsInALoopLeaveNoListenerBehind() {
        Signal event = createEvent();
        Future<Object> slow = executor.submit(() -> event.await());
        for (int i = 0; i < 10_000; i++) {
            Futures.wait(java.util.List.of(slow), java.time.Duration.ZERO, ReturnWhen.FIRST_COMPLETED);
        }
        // the listeners of 10,000 timed-out waits are gone
        org.assertj.core.api.Assertions.assertThat(((FutureImpl<Object>) slow).nodeCount()).isZero();
        event.set();
        slow.result();
    }
}
