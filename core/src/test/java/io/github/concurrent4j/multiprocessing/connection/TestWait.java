package io.github.concurrent4j.multiprocessing.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.Waitable;

/**
 * CPython 3.13's {@code Lib/test/_test_multiprocessing.py}, class {@code TestWait}, ported with
 * its names. Where the library differs on purpose, a comment says so.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TestWait {

    private static void childTestWait(Connection w, boolean slow) throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            if (slow) Thread.sleep(ThreadLocalRandom.current().nextInt(100));
            w.send(List.of((long) i, ProcessHandle.current().pid()));
        }
        w.close();
    }

    @Test
    void test_wait() throws Exception {
        test_wait(false);
    }

    void test_wait(boolean slow) throws Exception {
        List<Connection> readers = new ArrayList<>();
        List<Process> procs = new ArrayList<>();
        List<List<Long>> messages = new ArrayList<>();

        for (int i = 0; i < 4; i++) {
            Pipe pipe = Pipe.open(false);
            Connection r = pipe.conn1(), w = pipe.conn2();
            Process p = new Process(() -> childTestWait(w, slow));
            p.setDaemon(true);
            p.start();
            w.close();
            readers.add(r);
            procs.add(p);
        }

        while (!readers.isEmpty()) {
            for (Connection r : Connections.wait(readers)) {
                try {
                    messages.add(r.recv());
                } catch (EOFException e) {
                    readers.remove(r);
                    r.close();
                }
            }
        }

        List<List<Long>> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) for (Process p : procs) expected.add(List.of((long) i, p.pid()));
        Comparator<List<Long>> order = Comparator.<List<Long>, Long>comparing(m -> m.get(0)).thenComparing(m -> m.get(1));
        messages.sort(order);
        expected.sort(order);
        assertThat(messages).isEqualTo(expected);
        for (Process p : procs) p.join(); // addCleanup(p.join)
    }

    /**
     * Python's test connects raw sockets ({@code socket.create_server}); {@code Connections.wait}
     * takes {@link Waitable}s, so the children connect with {@link Client} to a {@link Listener}
     * and each line is one byte message. What is checked is the same: each socket's bytes, in order.
     */
    private static void childTestWaitSocket(Address address, boolean slow) throws InterruptedException {
        try (Connection s = Client.connect(address)) {
            for (int i = 0; i < 10; i++) {
                if (slow) Thread.sleep(ThreadLocalRandom.current().nextInt(100));
                s.sendBytes((i + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void test_wait_socket() throws Exception {
        test_wait_socket(false);
    }

    void test_wait_socket(boolean slow) throws Exception {
        List<Connection> readers = new ArrayList<>();
        List<Process> procs = new ArrayList<>();
        Map<Connection, StringBuilder> dic = new HashMap<>();
        try (Listener l = Listener.open()) {
            Address addr = l.address();
            for (int i = 0; i < 4; i++) {
                Process p = new Process(() -> childTestWaitSocket(addr, slow));
                p.setDaemon(true);
                p.start();
                procs.add(p);
            }
            for (int i = 0; i < 4; i++) {
                Connection r = l.accept();
                readers.add(r);
                dic.put(r, new StringBuilder());
            }
        }

        while (!readers.isEmpty()) {
            for (Connection r : Connections.wait(readers)) {
                try {
                    dic.get(r).append(new String(r.recvBytes(), StandardCharsets.US_ASCII));
                } catch (EOFException e) {
                    readers.remove(r);
                    r.close();
                }
            }
        }

        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 10; i++) expected.append(i).append('\n');
        for (StringBuilder v : dic.values()) assertThat(v.toString()).isEqualTo(expected.toString());
        for (Process p : procs) p.join();
    }

    @Test
    void test_wait_slow() throws Exception {
        test_wait(true);
    }

    @Test
    void test_wait_socket_slow() throws Exception {
        test_wait_socket(true);
    }

    /** CPython waits 5 s (a "walltime" resource test); 1 s here keeps the always-run suite short. */
    @Test
    void test_wait_timeout() {
        Duration timeout = Duration.ofSeconds(1);
        Pipe pipe = Pipe.open();
        Connection a = pipe.conn1(), b = pipe.conn2();

        long start = System.nanoTime();
        List<Connection> res = Connections.wait(List.of(a, b), timeout);
        long delta = System.nanoTime() - start;

        assertThat(res).isEmpty();
        assertThat(delta).isGreaterThan(timeout.toNanos() - TimeUnit.MILLISECONDS.toNanos(100)); // CLOCK_RES

        b.send(null);
        res = Connections.wait(List.of(a, b), Duration.ofSeconds(20));
        assertThat(res).containsExactly(a);
        PipeTest.close(pipe);
    }

    /** Python's {@code signal_and_sleep} releases a semaphore; a one-way pipe stands in for it (process semaphores come later). */
    private static void signalAndSleep(Connection sem, long periodMillis) throws InterruptedException {
        sem.send("released");
        Thread.sleep(periodMillis);
    }

    /**
     * In Python the sentinel is an integer (a file descriptor); here it is a {@link Waitable}. The
     * rest is the same: the sentinel alone is ready after the child's sleep, then with each
     * connection that received something, at once.
     */
    @Test
    void test_wait_integer() throws Exception {
        long expected = 3;
        Pipe semPipe = Pipe.open(false);
        Connection semR = semPipe.conn1(), semW = semPipe.conn2();
        Pipe pipe = Pipe.open();
        Connection a = pipe.conn1(), b = pipe.conn2();
        Process p = new Process(() -> signalAndSleep(semW, expected * 1000));

        p.start();
        semW.close();
        assertThat(p.sentinel()).isInstanceOf(Waitable.class);
        assertThat(semR.poll(Duration.ofSeconds(20))).isTrue();
        semR.recv();

        Waitable sentinel = p.sentinel();
        long start = System.nanoTime();
        List<Waitable> res = Connections.wait(List.of(a, sentinel, b), Duration.ofSeconds(expected + 20));
        double delta = (System.nanoTime() - start) / 1e9;

        assertThat(res).containsExactly(sentinel);
        assertThat(delta).isLessThan(expected + 2).isGreaterThan(expected - 2);

        a.send(null);

        start = System.nanoTime();
        res = Connections.wait(List.of(a, sentinel, b), Duration.ofSeconds(20));
        delta = (System.nanoTime() - start) / 1e9;

        assertThat(res).containsExactlyInAnyOrder(sentinel, b);
        assertThat(delta).isLessThan(0.4);

        b.send(null);

        start = System.nanoTime();
        res = Connections.wait(List.of(a, sentinel, b), Duration.ofSeconds(20));
        delta = (System.nanoTime() - start) / 1e9;

        assertThat(res).containsExactlyInAnyOrder(a, sentinel, b);
        assertThat(delta).isLessThan(0.4);

        p.terminate();
        p.join();
        semR.close();
        PipeTest.close(pipe);
    }

    /**
     * Python treats a negative timeout as zero; concurrent4j's one timeout rule refuses it by name
     * (README, "timeouts"), at once.
     */
    @Test
    void test_neg_timeout() {
        Pipe pipe = Pipe.open();
        Connection a = pipe.conn1(), b = pipe.conn2();
        long t = System.nanoTime();
        assertThatThrownBy(() -> Connections.wait(List.of(a), Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
        assertThat(System.nanoTime() - t).isLessThan(TimeUnit.SECONDS.toNanos(1));
        a.close();
        b.close();
    }
}
