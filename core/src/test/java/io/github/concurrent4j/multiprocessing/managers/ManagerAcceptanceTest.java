package io.github.concurrent4j.multiprocessing.managers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.connection.Address;
import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.multiprocessing.connection.Pipe;
import io.github.concurrent4j.threading.Held;

/** The acceptance tests of issue 12, with real child processes and deadlines. */
@Tag("integration")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ManagerAcceptanceTest {
    static final int COUNTDOWN = 20; // the seeds' 100 run in ManagerStressTest (slow on a loaded 2-core CI box)

    /** Acceptance 1: the seeds' countdown, each process decrementing d["count"] under a manager lock. */
    static void countdownUnderLock(int processes) {
        try (Manager m = Manager.start()) {
            DictProxy<String, Integer> d = m.dict(Map.of("count", processes));
            AcquirerProxy lock = m.lock();
            List<Process> ps = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                Process p = new Process(() -> {
                    try (Held h = lock.hold()) {
                        int n = d.get("count"); // d["count"] -= 1: two calls, hence the lock
                        d.put("count", n - 1);
                    }
                });
                p.start();
                ps.add(p);
            }
            for (Process p : ps) {
                p.join();
                assertThat(p.exitCode()).hasValue(0);
            }
            assertThat(d.get("count")).isZero();
        }
    }

    /** Acceptance 1, the better way: one atomic {@code compute} per process, no lock. */
    static void countdownWithCompute(int processes) {
        try (Manager m = Manager.start()) {
            DictProxy<String, Integer> d = m.dict(Map.of("count", processes));
            List<Process> ps = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                Process p = new Process(() -> d.compute("count", (k, v) -> v - 1));
                p.start();
                ps.add(p);
            }
            for (Process p : ps) {
                p.join();
                assertThat(p.exitCode()).hasValue(0);
            }
            assertThat(d.get("count")).isZero();
        }
    }

    @Test
    void countdown_under_a_manager_lock_reaches_zero() {
        countdownUnderLock(COUNTDOWN);
    }

    @Test
    void countdown_with_compute_and_no_lock_reaches_zero() {
        countdownWithCompute(COUNTDOWN);
    }

    /** Acceptance 2: a child's add/put through passed proxies is seen by the parent; nested proxies propagate. */
    @Test
    void list_and_dict_proxies_passed_to_a_child() {
        try (Manager m = Manager.start()) {
            ListProxy<String> l = m.list();
            DictProxy<String, Object> d = m.dict();
            ListProxy<Integer> inner = m.list();
            d.put("inner", inner);
            Process p = new Process(() -> {
                l.add("from child");
                d.put("k", "v");
                @SuppressWarnings("unchecked")
                ListProxy<Integer> in = (ListProxy<Integer>) d.get("inner");
                in.add(7);
                d.put("made in child", m2list(in));
            });
            p.start();
            p.join();
            assertThat(p.exitCode()).hasValue(0);
            assertThat(l).containsExactly("from child");
            assertThat(d.get("k")).isEqualTo("v");
            assertThat(inner).containsExactly(7);
            assertThat(d.get("made in child")).isEqualTo(List.of(7));
        }
    }

    private static List<Integer> m2list(ListProxy<Integer> in) {
        return in.copy();
    }

    /** Acceptance 4: 4 children update nested dict/list proxies under a proxy lock; then a restart on the same address. */
    @Test
    void four_children_update_nested_proxies_under_a_lock_then_restart_on_the_same_address() {
        int children = 4, rounds = 50;
        Address address;
        try (Manager m = Manager.start()) {
            address = m.address();
            DictProxy<String, Object> d = m.dict();
            ListProxy<Integer> log = m.list();
            DictProxy<String, Integer> counters = m.dict(Map.of("n", 0));
            d.put("log", log);
            d.put("counters", counters);
            AcquirerProxy lock = m.lock();
            List<Process> ps = new ArrayList<>();
            for (int c = 0; c < children; c++) {
                int id = c;
                Process p = new Process(() -> {
                    for (int i = 0; i < rounds; i++) {
                        try (Held h = lock.hold()) {
                            @SuppressWarnings("unchecked")
                            DictProxy<String, Integer> cs = (DictProxy<String, Integer>) d.get("counters");
                            cs.put("n", cs.get("n") + 1);
                            @SuppressWarnings("unchecked")
                            ListProxy<Integer> lg = (ListProxy<Integer>) d.get("log");
                            lg.add(id);
                        }
                    }
                });
                p.start();
                ps.add(p);
            }
            for (Process p : ps) {
                p.join();
                assertThat(p.exitCode()).hasValue(0);
            }
            assertThat(counters.get("n")).isEqualTo(children * rounds);
            assertThat(log).hasSize(children * rounds);
        }
        assertThat(Files.exists(((Address.Unix) address).path())).isFalse();
        try (Manager again = Manager.start(address, io.github.concurrent4j.multiprocessing.Multiprocessing.currentProcess().authkey())) {
            assertThat(again.address()).isEqualTo(address);
            DictProxy<String, Integer> d = again.dict(Map.of("x", 1));
            assertThat(d.get("x")).isEqualTo(1);
        }
    }

    /** Acceptance 7: the manager SIGKILLed; pending and later calls fail within a second, in every process. */
    @Test
    void a_killed_manager_fails_every_pending_and_later_call_within_a_second() throws Exception {
        Manager m = Manager.start();
        try {
            QueueProxy<String> q = m.queue();
            EventProxy ev = m.event();
            DictProxy<String, Integer> d = m.dict(Map.of("a", 1));
            Pipe pipe = Pipe.open(false);
            Connection ready = pipe.conn1(), tell = pipe.conn2();
            Process child = new Process(() -> {
                tell.send("waiting");
                try {
                    q.get(); // blocks until the manager dies
                    System.exit(3);
                } catch (ManagerException pending) {
                    try {
                        d.get("a");
                        System.exit(4);
                    } catch (ManagerException later) {
                        System.exit(42);
                    }
                }
            });
            child.start();
            tell.close();
            assertThat(ready.<String>recv()).isEqualTo("waiting");
            CompletableFuture<Throwable> pendingHere = CompletableFuture.supplyAsync(() -> {
                try {
                    ev.await();
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            Thread.sleep(300); // let the child's get and our await reach the server (not an assertion's timing)
            Process server = m.base().process().orElseThrow();
            long t0 = System.nanoTime();
            server.kill();
            assertThat(pendingHere.get(1, TimeUnit.SECONDS)).isInstanceOf(ManagerException.class)
                    .hasMessageContaining("manager at");
            assertThat(child.join(Duration.ofSeconds(1))).isTrue();
            assertThat(child.exitCode()).hasValue(42);
            assertThatThrownBy(() -> d.get("a")).isInstanceOf(ManagerException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            ready.close();
        } finally {
            m.close();
        }
        assertThat(Files.exists(((Address.Unix) m.address()).path())).isFalse();
    }

    /** Acceptance 8: a process holding a manager lock SIGKILLed; the server releases the lock within a second. */
    @Test
    void a_lock_held_by_a_killed_process_is_released_within_a_second() {
        try (Manager m = Manager.start()) {
            for (AcquirerProxy lock : List.of(m.lock(), m.rLock(), m.condition())) {
                Pipe pipe = Pipe.open(false);
                Connection ready = pipe.conn1(), tell = pipe.conn2();
                Process holder = new Process(() -> {
                    lock.acquire();
                    tell.send("held");
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                holder.start();
                tell.close();
                assertThat(ready.<String>recv()).isEqualTo("held");
                assertThat(lock.acquire(false)).isFalse();
                long t0 = System.nanoTime();
                holder.kill();
                assertThat(lock.acquire(Duration.ofSeconds(1))).as("acquired after its holder was killed").isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
                lock.release();
                holder.join();
                ready.close();
            }
        }
    }

    /** A waiter killed while blocked in get() does not take an item after its death. */
    @Test
    void a_killed_getter_does_not_eat_a_later_item() throws Exception {
        try (Manager m = Manager.start()) {
            QueueProxy<String> q = m.queue();
            Pipe pipe = Pipe.open(false);
            Connection ready = pipe.conn1(), tell = pipe.conn2();
            Process getter = new Process(() -> {
                tell.send("getting");
                q.get();
            });
            getter.start();
            tell.close();
            assertThat(ready.<String>recv()).isEqualTo("getting");
            Thread.sleep(200); // let its get reach the server
            getter.kill();
            getter.join();
            Thread.sleep(Session.SLICE.toMillis() * 3); // the server notices within a slice
            q.put("item");
            assertThat(q.get(Duration.ofSeconds(1))).isEqualTo("item");
            ready.close();
        }
    }
}
