package io.github.concurrent4j.multiprocessing.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.Process;

/**
 * Issue 13 point 6: a writer SIGKILLed at a random moment, with small frames under
 * back-pressure, leaves its reader every whole message and then end-of-file, never a torn
 * frame. One child JVM runs many writers (one per pipe, each at its own point of its write
 * when the kill lands), so one kill is many runs; one long-lived reader (this JVM) drains them
 * all through {@code Connections.wait}, slowly while the writers live so that every ring is
 * full and its writer waits for room.
 */
class KilledWriterTest {
    private static final int CAPACITY = 4096, MAX_PAYLOAD = 300;

    /** The always-run variant: 3 kills of 20 writers, 60 runs. */
    @Test
    @Tag("integration")
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aKilledWriterLeavesWholeMessagesThenEndOfFile() {
        assertThat(kills(3, 20, 1)).isEqualTo(60);
    }

    /** The acceptance's 1 000 runs: 20 kills of 50 writers. */
    @Test
    @Tag("stress")
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aThousandKilledWritersLeaveWholeMessagesThenEndOfFile() {
        assertThat(kills(20, 50, 2)).isEqualTo(1_000);
    }

    /** Returns the runs (pipes) that ended with every message whole, in order, then end-of-file. */
    private static int kills(int kills, int writers, long seed) {
        Random random = new Random(seed);
        int runs = 0;
        for (int k = 0; k < kills; k++) runs += killOnce(writers, random);
        return runs;
    }

    private static int killOnce(int writers, Random random) {
        List<Connection> readers = new ArrayList<>(), ends = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Pipe p = Pipe.open(false, CAPACITY);
            readers.add(p.conn1());
            ends.add(p.conn2());
        }
        List<Connection> toChild = List.copyOf(ends);
        Process child = new Process(() -> writeForever(toChild));
        child.start();
        ends.forEach(Connection::close);

        Map<Connection, Long> next = new HashMap<>();
        Set<Connection> open = new HashSet<>(readers);
        long killAt = 0;
        boolean killed = false;
        int runs = 0;
        while (!open.isEmpty()) {
            long now = System.nanoTime();
            if (!killed && killAt != 0 && now - killAt >= 0) {
                child.kill(); // SIGKILL, wherever each writer is
                killed = true;
            }
            Duration wait = killed || killAt == 0 ? Duration.ofSeconds(30) : Duration.ofNanos(Math.max(0, killAt - now));
            for (Connection r : Connections.wait(List.copyOf(open), wait)) {
                byte[] m;
                try {
                    m = r.recvBytes();
                } catch (EOFException e) {
                    assertThat(killed).as("end-of-file only once the writer is dead").isTrue();
                    open.remove(r);
                    r.close();
                    runs++;
                    continue;
                }
                long seq = next.getOrDefault(r, 0L);
                assertThat(m).as("message %d of a pipe", seq).isEqualTo(frame(seq));
                next.put(r, seq + 1);
                if (killAt == 0 && next.size() == writers) { // every writer is writing: kill at a random moment from now
                    killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30 + random.nextInt(200));
                }
                if (!killed) LockSupport.parkNanos(20_000); // a slow reader: every ring fills, every writer waits for room
            }
        }
        child.join();
        assertThat(child.exitCode()).hasValue(-9);
        // Most writers were killed under back-pressure: their ring had been filled (more than a ring's worth crossed it).
        long pressed = next.values().stream().filter(n -> n > CAPACITY / (MAX_PAYLOAD / 2 + 12)).count();
        assertThat(pressed).as("pipes whose writer was under back-pressure").isGreaterThanOrEqualTo(writers / 2);
        return runs;
    }

    private static void writeForever(List<Connection> ends) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (Connection w : ends) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (long seq = 0; ; seq++) w.sendBytes(frame(seq));
            }));
        }
        for (Thread t : threads) t.join();
    }

    /** Message {@code seq}: its number, then a payload of a length and content that depend on it. */
    static byte[] frame(long seq) {
        int len = (int) (seq * 7919 % MAX_PAYLOAD);
        ByteBuffer b = ByteBuffer.allocate(8 + len).putLong(seq);
        for (int i = 0; i < len; i++) b.put((byte) (seq * 31 + i));
        return b.array();
    }
}
