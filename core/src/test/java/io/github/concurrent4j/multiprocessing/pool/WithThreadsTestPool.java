package io.github.concurrent4j.multiprocessing.pool;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.threading.Event;

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
    protected PoolTestSupport.Signal createEvent() {
        return new ThreadEvent();
    }

    /** A {@code threading.Event}: tasks of a thread pool share it. */
    static final class ThreadEvent implements PoolTestSupport.Signal {
        private static final long serialVersionUID = 1L;
        private final transient Event event = new Event();

        @Override
        public void set() {
            event.set();
        }

        @Override
        public boolean await(Duration timeout) {
            return event.await(timeout);
        }
    }
}
