package io.github.concurrent4j.multiprocessing.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.futures.ExecutorMixin.Signal;
import io.github.concurrent4j.futures.ProcessSignal;
import io.github.concurrent4j.transport.SerializationException;

/**
 * CPython 3.13's {@code WithProcessesTestPool}: {@link PoolTests} ({@code _TestPool},
 * {@code Lib/test/_test_multiprocessing.py}) on a {@link ProcessPool}, plus its process-only
 * tests ({@code test_map_unplicklable}, {@code test_traceback}). CPython shares one pool per
 * class ({@code setUpClass}); here each test gets its own, because the suite checks after every
 * test that no child process is left running.
 */
@Tag("integration")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WithProcessesTestPool extends PoolTests {
    static {
        // what the tests send to the workers and back (a Python pool unpickles anything; this
        // library decodes only what is allowed)
        io.github.concurrent4j.transport.Serialization.allow(ProcessSignal.class, CountedObject.class,
                PoolTestSupport.SayWhenError.class);
    }

    private final List<ProcessSignal> signals = new ArrayList<>();

    @Override
    protected Pool newPool(int processes) {
        return new ProcessPool(processes);
    }

    @Override
    protected String type() {
        return "processes";
    }

    @Override
    protected Signal createEvent() {
        ProcessSignal s = new ProcessSignal();
        signals.add(s);
        return s;
    }

    @Override
    protected void setUpClass() {
        // a pool per test instead (see the class comment)
    }

    @Override
    protected void tearDownClass() {
        signals.forEach(ProcessSignal::close);
    }

    @BeforeEach
    void setUpPool() {
        pool = newPool(4);
    }

    @AfterEach
    void tearDownPool() {
        pool.terminate();
        pool.join();
        pool = null;
    }

    /** CPython's {@code Unpicklable}: a class the codec refuses to encode. */
    static final class Unpicklable {
        final Thread notSerializable = Thread.currentThread();
    }

    @Test
    void test_map_unplicklable() {
        // Issue #19425 -- failure to pickle should not cause a hang
        assertThatThrownBy(() -> pool.map(PoolTestSupport::identity, List.of(new Unpicklable())))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Unpicklable");
        assertThat(pool.map(PoolTestSupport::sqr, List.of(1, 2, 3))).containsExactly(1, 4, 9); // no hang, goes on
    }

    @Test
    void test_traceback() {
        // We want to ensure that the traceback from the child process is contained in the
        // exception raised in the main process (here: the worker's stack trace is the rebuilt
        // exception's own).
        assertThatThrownBy(() -> pool.apply(PoolTestSupport::raiseLargeValueError, 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getStackTrace()).anyMatch(f -> f.getMethodName().equals("raiseLargeValueError")))
                .satisfies(e -> assertThat(e.getMessage()).hasSize(1024 * 1024));
    }
}
