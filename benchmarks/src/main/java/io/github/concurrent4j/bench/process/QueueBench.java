package io.github.concurrent4j.bench.process;

import java.util.Arrays;

import io.github.concurrent4j.bench.Emit;
import io.github.concurrent4j.bench.Quiet;
import io.github.concurrent4j.multiprocessing.Multiprocessing;
import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.Queue;
import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.multiprocessing.connection.Pipe;

/**
 * The queue part of {@code peers/python/ipc_queue.py}, same counts and sizes: one producer
 * process streams to one consumer process through one {@link Queue} (small ints, then 1 KiB
 * byte arrays); the clock starts when the parent releases the producer and stops at the
 * consumer's CLOCK_MONOTONIC reading after the end marker ({@code -1} where Python puts
 * {@code None}: a process queue refuses null). Then a ping-pong through two queues with a child
 * that echoes: 1 000 untimed, 20 000 timed round trips, p50 and p99 in µs (CPython's file has no
 * queue ping-pong; compare with its pipe ping-pong).
 */
public final class QueueBench {
    static final int N_SMALL = 500_000, N_BYTES = 50_000, MSG_BYTES = 1024, N_PINGPONG = 20_000;
    /**
     * Items streamed (and round trips made) in the same child processes before the clock starts,
     * so that the figures are the steady state, as CPython's (which has no JIT to warm) are. A
     * standby child JVM is only lightly warmed (200 pipe messages, to keep it small and cheap):
     * without this phase the stream was measured while the children's JIT compilers took 40 %
     * of the two cores. The fresh-process figures are printed too ({@code ….fresh}).
     * 3 000 000 small items, not 300 000 (3 Dec): after 300 000 the stream still ran at the
     * JIT's pace (2.0-2.4 M items/s in five runs); after 3 000 000 at 5-10 M items/s, as a long
     * stream in one process does. 1 KiB items: a quarter as many.
     */
    static final int WARM_ITEMS = 3_000_000, WARM_ROUND_TRIPS = 30_000;
    static final Integer END = -1;

    public static void main(String[] args) throws Exception {
        int reps = Integer.getInteger("bench.reps", 3);
        Multiprocessing.setStandbys(3);
        Multiprocessing.prestart();
        double[] small = new double[reps], bytes = new double[reps], p50 = new double[reps], p99 = new double[reps];
        Emit.line("c4j.queue.small_int.fresh", N_SMALL / stream(N_SMALL, null, 0), "msgs/s");
        for (int i = 0; i < reps; i++) small[i] = N_SMALL / stream(N_SMALL, null, WARM_ITEMS);
        for (int i = 0; i < reps; i++) bytes[i] = N_BYTES * (double) MSG_BYTES / stream(N_BYTES, new byte[MSG_BYTES], WARM_ITEMS / 4) / 1e6;
        double[] fresh = pingPong(1000);
        Emit.line("c4j.queue.pingpong_rtt_p50.fresh", fresh[0], "us");
        for (int i = 0; i < reps; i++) {
            double[] pp = pingPong(WARM_ROUND_TRIPS);
            p50[i] = pp[0];
            p99[i] = pp[1];
        }
        Emit.line("c4j.queue.small_int", Emit.median(small), "msgs/s");
        Emit.line("c4j.queue.bytes1k", Emit.median(bytes), "MB/s");
        Emit.line("c4j.queue.pingpong_rtt_p50", Emit.median(p50), "us");
        Emit.line("c4j.queue.pingpong_rtt_p99", Emit.median(p99), "us");
        Multiprocessing.setStandbys(0);
    }

    /** Seconds from "go" to the consumer's end marker; {@code warm} items go through first, untimed. */
    static double stream(int n, byte[] payload, int warm) {
        Queue<Object> q = new Queue<>();
        Pipe go = Pipe.open(false), result = Pipe.open(false);
        Connection goR = go.conn1(), resW = result.conn2();
        Process consumer = new Process(() -> {
            for (int i = 0; i < warm; i++) q.get();
            resW.send("ready");
            long count = 0;
            while (!END.equals(q.get())) count++;
            resW.send(new long[] {System.nanoTime(), count});
        });
        Process producer = new Process(() -> {
            for (int i = 0; i < warm; i++) q.put(payload == null ? (Object) i : payload);
            goR.recv();
            if (payload == null) {
                for (int i = 0; i < n; i++) q.put(i);
            } else {
                for (int i = 0; i < n; i++) q.put(payload);
            }
            q.put(END);
        });
        consumer.start();
        producer.start();
        goR.close();
        resW.close();
        result.conn1().recv(); // consumer ready
        Multiprocessing.prestart(); // standbys that replace the two taken boot now, not while we measure
        Quiet.children();
        long t0 = System.nanoTime();
        go.conn2().send("go");
        long[] end = result.conn1().recv();
        producer.join();
        consumer.join();
        if (end[1] != n) throw new IllegalStateException("consumer got " + end[1] + " of " + n);
        go.conn2().close();
        result.conn1().close();
        q.close();
        return (end[0] - t0) / 1e9;
    }

    static double[] pingPong(int warm) {
        Queue<Integer> ping = new Queue<>(), pong = new Queue<>();
        Process echo = new Process(() -> {
            while (true) {
                Integer m = ping.get();
                pong.put(m);
                if (END.equals(m)) break;
            }
        });
        echo.start();
        Multiprocessing.prestart();
        Quiet.children();
        for (int i = 0; i < warm; i++) {
            ping.put(i);
            pong.get();
        }
        Quiet.children();
        long[] lat = new long[N_PINGPONG];
        for (int i = 0; i < N_PINGPONG; i++) {
            long t0 = System.nanoTime();
            ping.put(i);
            pong.get();
            lat[i] = System.nanoTime() - t0;
        }
        ping.put(END);
        pong.get();
        echo.join();
        ping.close();
        pong.close();
        Arrays.sort(lat);
        return new double[] {Emit.percentileMicros(lat, 50), Emit.percentileMicros(lat, 99)};
    }
}
