package io.github.concurrent4j.bench.connection;

import java.util.Arrays;

import io.github.concurrent4j.bench.Emit;
import io.github.concurrent4j.bench.Quiet;
import io.github.concurrent4j.multiprocessing.Multiprocessing;
import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.multiprocessing.connection.Pipe;

/**
 * The pipe part of {@code peers/python/ipc_queue.py}, same counts and sizes: one producer
 * process streams to one consumer process through a one-way {@link Pipe} (small ints, then
 * 1 KiB byte arrays); the clock starts when the parent releases the producer and stops at the
 * consumer's CLOCK_MONOTONIC reading after the end marker. Then a duplex pipe ping-pong with
 * a child that echoes: 1 000 untimed, 20 000 timed round trips, p50 and p99 in µs.
 */
public final class PipeBench {
    static final int N_SMALL = 500_000, N_BYTES = 50_000, MSG_BYTES = 1024, N_PINGPONG = 20_000;
    /**
     * Messages streamed (and round trips made) in the same child processes before the clock
     * starts, so that the figures are the steady state, as CPython's are: a standby child JVM is
     * only lightly warmed (200 messages, since commit 75713d2 made standbys lighter), and without
     * this phase the stream was measured while the children's JIT compilers took 40 % of the two
     * cores (2.4 M small messages/s before that commit, 0.7 M after). The fresh-process figure
     * is printed too ({@code ….fresh}).
     */
    static final int WARM_ITEMS = 300_000, WARM_ROUND_TRIPS = 30_000;

    public static void main(String[] args) throws Exception {
        int reps = Integer.getInteger("bench.reps", 3);
        Multiprocessing.setStandbys(3);
        Multiprocessing.prestart();
        double[] small = new double[reps], bytes = new double[reps], p50 = new double[reps], p99 = new double[reps];
        Emit.line("c4j.pipe.small_int.fresh", N_SMALL / stream(N_SMALL, null, 0), "msgs/s");
        for (int i = 0; i < reps; i++) small[i] = N_SMALL / stream(N_SMALL, null, WARM_ITEMS);
        for (int i = 0; i < reps; i++) bytes[i] = N_BYTES * (double) MSG_BYTES / stream(N_BYTES, new byte[MSG_BYTES], WARM_ITEMS / 4) / 1e6;
        for (int i = 0; i < reps; i++) {
            double[] pp = pingPong(WARM_ROUND_TRIPS);
            p50[i] = pp[0];
            p99[i] = pp[1];
        }
        Emit.line("c4j.pipe.small_int", Emit.median(small), "msgs/s");
        Emit.line("c4j.pipe.bytes1k", Emit.median(bytes), "MB/s");
        Emit.line("c4j.pipe.pingpong_rtt_p50", Emit.median(p50), "us");
        Emit.line("c4j.pipe.pingpong_rtt_p99", Emit.median(p99), "us");
        Multiprocessing.setStandbys(0);
    }

    /** Seconds from "go" to the consumer's end-marker; {@code warm} messages go through first, untimed. */
    static double stream(int n, byte[] payload, int warm) {
        Pipe data = Pipe.open(false), go = Pipe.open(false), result = Pipe.open(false);
        Connection r = data.conn1(), w = data.conn2(), goR = go.conn1(), resW = result.conn2();
        Process consumer = new Process(() -> {
            for (int i = 0; i < warm; i++) r.recv();
            resW.send("ready");
            long count = 0;
            while (r.recv() != null) count++;
            resW.send(new long[] {System.nanoTime(), count});
        });
        Process producer = new Process(() -> {
            for (int i = 0; i < warm; i++) w.send(payload == null ? (Object) i : payload);
            goR.recv();
            if (payload == null) {
                for (int i = 0; i < n; i++) w.send(i);
            } else {
                for (int i = 0; i < n; i++) w.send(payload);
            }
            w.send(null);
            w.close();
        });
        consumer.start();
        producer.start();
        r.close();
        w.close();
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
        return (end[0] - t0) / 1e9;
    }

    static double[] pingPong(int warm) {
        Pipe pipe = Pipe.open();
        Connection mine = pipe.conn1(), theirs = pipe.conn2();
        Process echo = new Process(() -> {
            while (true) {
                Object m = theirs.recv();
                theirs.send(m);
                if (m == null) break;
            }
        });
        echo.start();
        theirs.close();
        Multiprocessing.prestart();
        Quiet.children();
        for (int i = 0; i < warm; i++) {
            mine.send(i);
            mine.recv();
        }
        Quiet.children();
        long[] lat = new long[N_PINGPONG];
        for (int i = 0; i < N_PINGPONG; i++) {
            long t0 = System.nanoTime();
            mine.send(i);
            mine.recv();
            lat[i] = System.nanoTime() - t0;
        }
        mine.send(null);
        mine.recv();
        echo.join();
        mine.close();
        Arrays.sort(lat);
        return new double[] {Emit.percentileMicros(lat, 50), Emit.percentileMicros(lat, 99)};
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
