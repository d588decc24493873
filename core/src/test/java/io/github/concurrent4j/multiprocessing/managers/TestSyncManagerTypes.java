package io.github.concurrent4j.multiprocessing.managers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.function.SerializableRunnable;
import io.github.concurrent4j.multiprocessing.Process;

/**
 * Ported from CPython 3.13 {@code Lib/test/_test_multiprocessing.py}, class
 * {@code TestSyncManagerTypes}: every type a manager shares, created in the parent, used in a
 * child process (the {@code _test_*} workers, run as the child's lambda), then checked in the
 * parent. A worker's failed check makes the child exit with 1.
 * {@code test_pool} is not ported: this manager offers no {@code Pool}.
 */
@Tag("integration")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TestSyncManagerTypes {
    private Manager manager;
    private Process proc;

    @BeforeEach
    void setUp() {
        manager = Manager.start();
    }

    @AfterEach
    void tearDown() {
        if (proc != null && proc.isAlive()) {
            proc.terminate();
            proc.join();
        }
        manager.shutdown();
    }

    private void runWorker(SerializableRunnable worker) {
        proc = new Process(worker);
        proc.setDaemon(true);
        proc.start();
        proc.join();
        assertThat(proc.exitCode()).hasValue(0);
    }

    static void check(boolean condition) {
        if (!condition) throw new AssertionError("check failed in the child");
    }

    @Test
    void test_event() {
        EventProxy o = manager.event();
        o.set();
        runWorker(() -> {
            check(o.isSet());
            o.await();
            o.clear();
            o.await(Duration.ofMillis(1));
        });
        assertThat(o.isSet()).isFalse();
        o.await(Duration.ofMillis(1));
    }

    @Test
    void test_lock() {
        AcquirerProxy o = manager.lock();
        runWorker(() -> o.acquire());
        // The child exited normally holding the lock: it stays held for us to release, as in Python.
        o.release();
        assertThatThrownBy(o::release).isInstanceOf(IllegalStateException.class); // Python's RuntimeError
    }

    @Test
    void test_rlock() {
        AcquirerProxy o = manager.rLock();
        runWorker(() -> {
            o.acquire();
            o.release();
        });
    }

    @Test
    void test_semaphore() {
        testSemaphore(manager.semaphore());
    }

    @Test
    void test_bounded_semaphore() {
        testSemaphore(manager.boundedSemaphore());
    }

    private void testSemaphore(AcquirerProxy o) {
        runWorker(() -> o.acquire());
        o.release();
    }

    @Test
    void test_condition() {
        ConditionProxy o = manager.condition();
        runWorker(() -> {
            o.acquire();
            o.release();
        });
    }

    @Test
    void test_barrier() {
        BarrierProxy o = manager.barrier(5);
        runWorker(() -> {
            check(o.parties() == 5);
            o.reset();
        });
    }

    @Test
    void test_queue() {
        testQueue(manager.queue(2));
    }

    @Test
    void test_joinable_queue() {
        testQueue(manager.joinableQueue(2));
    }

    private void testQueue(QueueProxy<Integer> o) {
        o.put(5);
        o.put(6);
        runWorker(() -> {
            check(o.qsize() == 2);
            check(o.full());
            check(!o.empty());
            check(o.get() == 5);
            check(!o.empty());
            check(o.get() == 6);
            check(o.empty());
        });
        assertThat(o.empty()).isTrue();
        assertThat(o.full()).isFalse();
    }

    @Test
    void test_list() {
        ListProxy<Integer> o = manager.list();
        o.add(5);
        runWorker(() -> {
            check(o.get(0) == 5);
            check(o.count(5) == 1);
            check(o.indexOf(5) == 0);
            o.sort(null);
            o.reverse();
            for (Integer x : o) check(x != null);
            check(o.size() == 1);
            check(o.remove(0) == 5);
        });
        assertThat(o.isEmpty()).isTrue();
        assertThat(o).hasSize(0);
    }

    @Test
    void test_dict() {
        DictProxy<String, Integer> o = manager.dict();
        o.put("foo", 5);
        runWorker(() -> {
            check(o.size() == 1);
            check(o.get("foo") == 5);
            check(o.getOrDefault("foo", 0) == 5);
            check(List.copyOf(o.entrySet()).equals(List.of(Map.entry("foo", 5))));
            check(List.copyOf(o.keySet()).equals(List.of("foo")));
            check(List.copyOf(o.values()).equals(List.of(5)));
            check(o.copy().equals(Map.of("foo", 5)));
            check(o.popitem().equals(Map.entry("foo", 5)));
        });
        assertThat(o.isEmpty()).isTrue();
        assertThat(o.size()).isZero();
    }

    @Test
    void test_value() {
        ValueProxy<Integer> o = manager.value(1);
        runWorker(() -> {
            check(o.get() == 1);
            o.set(2);
        });
        assertThat(o.get()).isEqualTo(2);
    }

    @Test
    void test_array() {
        ArrayProxy<Integer> o = manager.array(0, 1);
        runWorker(() -> {
            check(o.get(0) == 0);
            check(o.get(1) == 1);
            check(o.length() == 2);
            check(o.toList().equals(List.of(0, 1)));
        });
    }

    @Test
    void test_namespace() {
        NamespaceProxy o = manager.namespace();
        o.set("x", 0);
        o.set("y", 1);
        runWorker(() -> {
            check(o.<Integer>get("x") == 0);
            check(o.<Integer>get("y") == 1);
        });
    }
}
