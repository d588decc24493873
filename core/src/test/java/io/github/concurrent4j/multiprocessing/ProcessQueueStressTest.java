package io.github.concurrent4j.multiprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.multiprocessing.connection.Pipe;
import io.github.concurrent4j.queue.EmptyException;
import io.github.concurrent4j.queue.FullException;

/**
 * Three child processes run seeded random mixes of every queue operation ({@code put},
 * {@code putNowait}, timed {@code put}, {@code get}, {@code getNowait}, timed {@code get},
 * {@code qsize}) on one small bounded queue, each logging what it did and what came back; the
 * parent then checks the logs against a sequential model of a FIFO queue: every value got was
 * put exactly once and got at most once, each producer's values come out in its order (to any
 * one consumer and, at quiescence, overall), {@code qsize} never leaves {@code [0, maxsize]},
 * and what is left in the queue — drained by the parent — is exactly what the model holds, in
 * each producer's order. Several items per op include spilled ones (larger than a ring record).
 * Seeded: a failure names its seed.
 */
@Tag("stress")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ProcessQueueStressTest {
    static final int PROCS = 3, OPS = 10_000, MAXSIZE = 8;

    /** One logged operation: kind, the value put or got (-1 if none), or the qsize read. */
    record Op(byte kind, long value) {}

    static final byte PUT = 1, GOT = 2, SIZE = 3;

    @ParameterizedTest
    @ValueSource(longs = {11, 2026})
    void concurrentOperationsFromThreeProcessesMatchASequentialFifoModel(long seed) {
        Queue<Object> q = new Queue<>(MAXSIZE);
        Pipe logs = Pipe.open(false);
        Connection logW = logs.conn2();
        List<Process> ps = new ArrayList<>();
        for (int p = 0; p < PROCS; p++) {
            int id = p;
            ps.add(new Process(() -> logW.sendBytes(run(q, id, seed))));
        }
        for (Process p : ps) p.start();
        logW.close();
        Map<Integer, long[]> byProc = new HashMap<>();
        for (int i = 0; i < PROCS; i++) {
            assertThat(logs.conn1().poll(Duration.ofMinutes(2))).as("seed %d: a log within 2 minutes", seed).isTrue();
            long[] log = decode(logs.conn1().recvBytes());
            byProc.put((int) log[0], log);
        }
        for (Process p : ps) {
            p.join();
            assertThat(p.exitCode()).hasValue(0);
        }
        // What is left, drained in queue order: the model's content at quiescence.
        List<Long> left = new ArrayList<>();
        for (Object o = poll(q); o != null; o = poll(q)) left.add(value(o));

        Map<Long, Integer> putBy = new HashMap<>();
        Map<Long, Integer> gotBy = new HashMap<>();
        for (long[] log : byProc.values()) {
            int proc = (int) log[0];
            long[] lastFrom = {-1, -1, -1};
            for (int i = 1; i < log.length; i += 2) {
                byte kind = (byte) log[i];
                long v = log[i + 1];
                switch (kind) {
                    case PUT -> assertThat(putBy.put(v, proc)).as("seed %d: value %d put twice", seed, v).isNull();
                    case GOT -> {
                        assertThat(gotBy.put(v, proc)).as("seed %d: value %d got twice", seed, v).isNull();
                        int from = (int) (v / 1_000_000);
                        assertThat(v).as("seed %d: process %d got producer %d's values out of order", seed, proc, from)
                                .isGreaterThan(lastFrom[from]);
                        lastFrom[from] = v;
                    }
                    case SIZE -> assertThat(v).as("seed %d: qsize", seed).isBetween(0L, (long) MAXSIZE);
                    default -> throw new AssertionError("bad log entry " + kind);
                }
            }
        }
        for (long v : gotBy.keySet()) assertThat(putBy).as("seed %d: value %d got but never put", seed, v).containsKey(v);
        // The sequential model: a FIFO per producer; what was put and not got must be what is left, in order.
        Map<Integer, ArrayDeque<Long>> model = new HashMap<>();
        putBy.keySet().stream().sorted().forEach(v -> {
            if (!gotBy.containsKey(v)) model.computeIfAbsent((int) (v / 1_000_000), k -> new ArrayDeque<>()).add(v);
        });
        assertThat(left).as("seed %d: no value left twice", seed).doesNotHaveDuplicates();
        int modelSize = model.values().stream().mapToInt(ArrayDeque::size).sum();
        assertThat(left).as("seed %d: left in the queue = put and not got", seed).hasSize(modelSize);
        for (long v : left) {
            ArrayDeque<Long> fifo = model.get((int) (v / 1_000_000));
            assertThat(fifo).as("seed %d: value %d left but not in the model", seed, v).isNotNull();
            assertThat(fifo.pollFirst()).as("seed %d: producer order of what was left", seed).isEqualTo(v);
        }
        assertThat(putBy.size()).as("seed %d: some puts happened", seed).isGreaterThan(OPS / 4);
        assertThat(gotBy.size()).as("seed %d: some gets happened", seed).isGreaterThan(OPS / 4);
        assertThat(q.qsize()).isZero();
        q.close();
        logs.conn1().close();
    }

    static Object poll(Queue<Object> q) {
        try {
            return q.getNowait();
        } catch (EmptyException e) {
            return null;
        }
    }

    /** Items are Long values, or (one in 50) a 300 000-byte array whose first 8 bytes are the value: a spilled item. */
    static long value(Object o) {
        if (o instanceof Long l) return l;
        byte[] b = (byte[]) o;
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (b[i] & 0xff);
        return v;
    }

    static Object item(long v, SplittableRandom rnd) {
        if (rnd.nextInt(50) != 0) return v;
        byte[] b = new byte[300_000];
        for (int i = 0; i < 8; i++) b[i] = (byte) (v >>> (56 - 8 * i));
        return b;
    }

    /** Runs in a child: OPS random operations; returns the log as bytes. */
    static byte[] run(Queue<Object> q, int id, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 31 + id);
        long next = id * 1_000_000L;
        long[] log = new long[1 + 2 * OPS];
        int n = 1;
        log[0] = id;
        for (int i = 0; i < OPS; i++) {
            int op = rnd.nextInt(7);
            try {
                switch (op) {
                    case 0 -> { q.put(item(next, rnd), Duration.ofMillis(20)); log[n++] = PUT; log[n++] = next++; }
                    case 1 -> { q.putNowait(item(next, rnd)); log[n++] = PUT; log[n++] = next++; }
                    case 2 -> { q.put(item(next, rnd), Duration.ofMillis(2)); log[n++] = PUT; log[n++] = next++; }
                    case 3 -> { log[n + 1] = value(q.get(Duration.ofMillis(20))); log[n] = GOT; n += 2; }
                    case 4 -> { log[n + 1] = value(q.getNowait()); log[n] = GOT; n += 2; }
                    case 5 -> { log[n + 1] = value(q.get(Duration.ofMillis(2))); log[n] = GOT; n += 2; }
                    default -> { log[n++] = SIZE; log[n++] = q.qsize(); }
                }
            } catch (FullException | EmptyException expected) {
                // a full or empty queue at that moment: nothing to log (a failed put uses no value)
            }
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * n);
        for (int i = 0; i < n; i++) b.putLong(log[i]);
        return b.array();
    }

    static long[] decode(byte[] bytes) {
        java.nio.LongBuffer lb = java.nio.ByteBuffer.wrap(bytes).asLongBuffer();
        long[] out = new long[lb.remaining()];
        lb.get(out);
        return out;
    }
}
