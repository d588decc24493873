package io.github.concurrent4j.bench.connection;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import io.github.concurrent4j.bench.Emit;
import io.github.concurrent4j.bench.Quiet;
import io.github.concurrent4j.multiprocessing.Multiprocessing;
import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.Waitable;
import io.github.concurrent4j.multiprocessing.connection.Address;
import io.github.concurrent4j.multiprocessing.connection.Client;
import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.multiprocessing.connection.Connections;
import io.github.concurrent4j.multiprocessing.connection.Listener;
import io.github.concurrent4j.multiprocessing.connection.Pipe;

/**
 * How soon {@code Connections.wait([pipe end, process sentinel, socket], 10 s)} returns after
 * the first of them becomes ready (issue 14, acceptance 2). A child process, on command,
 * sleeps a random 0.2–1 ms (so that the parent is asleep in its wait), reads its clock
 * ({@code System.nanoTime()} is {@code CLOCK_MONOTONIC}, the same clock in every process) and
 * sends the reading on the pipe or the socket; the parent reads its clock when {@code wait}
 * returns. The difference is the wake-up: the send, the wake and the return, in µs.
 *
 * <ul>
 *   <li>{@code c4j.wait.wakeup_p50/_p99}: the pipe end is the first ready (2 000 samples a repetition);
 *   <li>{@code c4j.wait.socket_wakeup_p50/_p99}: the socket is (2 000 samples);
 *   <li>{@code c4j.wait.sentinel_kill_to_wakeup_p50/_p99}: the process is SIGKILLed while the parent
 *       waits on its sentinel and a quiet pipe end; from {@code kill()} to the return (20 samples). Most
 *       of it is the kernel's teardown of a JVM (its threads and address space) and the JDK's reaping;
 *   <li>{@code c4j.wait.sentinel_wakeup_p50/_p99}: of the above, what comes after the JDK's own notice
 *       of the exit (a {@code ProcessHandle.onExit()} callback of the benchmark's, which races with the
 *       sentinel's: 0 when the wait returned first);
 *   <li>{@code c4j.wait.single_poll_wakeup_p50}: the same pipe wake-up through the end's own
 *       {@code poll(10 s)} (one futex), for comparison with the many-word wait.
 * </ul>
 * Each figure is the median over the repetitions of the per-repetition percentile.
 */
public final class WaitBench {
    static final int SAMPLES = 2_000, KILLS = 20;

    public static void main(String[] args) throws Exception {
        int reps = Integer.getInteger("bench.reps", 3);
        Multiprocessing.setStandbys(2);
        Multiprocessing.prestart();
        double[][] fig = new double[10][reps];
        for (int i = 0; i < reps; i++) {
            double[] r = oneRun();
            for (int k = 0; k < r.length; k++) fig[k][i] = r[k];
        }
        String[] names = {"wakeup_p50", "wakeup_p99", "socket_wakeup_p50", "socket_wakeup_p99", "sentinel_kill_to_wakeup_p50",
                "sentinel_kill_to_wakeup_p99", "single_poll_wakeup_p50", "single_poll_wakeup_p99", "sentinel_wakeup_p50",
                "sentinel_wakeup_p99"};
        for (int k = 0; k < names.length; k++) Emit.line("c4j.wait." + names[k], Emit.median(fig[k]), "us");
        Multiprocessing.setStandbys(0);
    }

    /** A child that, on command, sends its clock on a pipe or a socket after a short random pause. */
    static void commanded(Connection cmd, Connection pipeOut, Address address) {
        try (Connection sock = Client.connect(address)) {
            sock.send("connected");
            java.util.Random random = new java.util.Random(7);
            while (true) {
                String c = cmd.recv();
                if (c.equals("stop")) return;
                LockSupport.parkNanos(200_000 + random.nextInt(800_000));
                if (c.equals("pipe")) pipeOut.send(System.nanoTime());
                else sock.send(System.nanoTime());
            }
        }
    }

    static double[] oneRun() {
        Pipe data = Pipe.open(false), cmd = Pipe.open(false);
        Connection dataR = data.conn1(), dataW = data.conn2(), cmdR = cmd.conn1(), cmdW = cmd.conn2();
        double[] out = new double[10];
        try (Listener listener = Listener.open()) {
            Address address = listener.address();
            Process child = new Process(() -> commanded(cmdR, dataW, address));
            child.start();
            dataW.close();
            cmdR.close();
            try (Connection server = listener.accept()) {
                server.recv();
                Multiprocessing.prestart();
                Quiet.children();
                List<Waitable> all = List.of(dataR, child.sentinel(), server);
                for (int i = 0; i < 200; i++) sample(cmdW, "pipe", all, dataR); // warm-up
                for (int i = 0; i < 200; i++) sample(cmdW, "socket", all, server);
                long[] pipe = new long[SAMPLES], socket = new long[SAMPLES], single = new long[SAMPLES];
                for (int i = 0; i < SAMPLES; i++) {
                    pipe[i] = sample(cmdW, "pipe", all, dataR);
                    socket[i] = sample(cmdW, "socket", all, server);
                }
                for (int i = 0; i < SAMPLES; i++) {
                    cmdW.send("pipe");
                    if (!dataR.poll(Duration.ofSeconds(10))) throw new IllegalStateException("no message within 10 s");
                    long t1 = System.nanoTime();
                    single[i] = t1 - dataR.<Long>recv();
                }
                cmdW.send("stop");
                child.join();
                put(out, 0, pipe);
                put(out, 2, socket);
                put(out, 6, single);
            }
        } finally {
            dataR.close();
            cmdW.close();
        }
        long[][] s = sentinels();
        put(out, 4, s[0]);
        put(out, 8, s[1]);
        return out;
    }

    static long sample(Connection cmdW, String kind, List<Waitable> all, Connection expected) {
        cmdW.send(kind);
        List<Waitable> ready = Connections.wait(all, Duration.ofSeconds(10));
        long t1 = System.nanoTime();
        if (!ready.equals(List.of(expected))) throw new IllegalStateException("expected " + expected + " alone, got " + ready);
        return t1 - expected.<Long>recv();
    }

    /** From kill(), and from the JDK's notice of the exit, to the wait's return, with a quiet pipe end in the same wait. */
    static long[][] sentinels() {
        long[] fromKill = new long[KILLS], fromNotice = new long[KILLS];
        Pipe quiet = Pipe.open();
        for (int i = 0; i < KILLS; i++) {
            Process p = new Process(() -> Thread.sleep(600_000));
            p.start();
            Multiprocessing.prestart();
            Waitable s = p.sentinel();
            LockSupport.parkNanos(20_000_000);
            long[] t0 = new long[2];
            var notice = ProcessHandle.of(p.pid()).orElseThrow().onExit().thenRun(() -> t0[1] = System.nanoTime());
            Thread killer = Thread.ofPlatform().start(() -> {
                LockSupport.parkNanos(2_000_000); // the wait is asleep by then
                t0[0] = System.nanoTime();
                p.kill();
            });
            List<Waitable> ready = Connections.wait(List.of(quiet.conn1(), s), Duration.ofSeconds(10));
            long t1 = System.nanoTime();
            if (!ready.equals(List.of(s))) throw new IllegalStateException("expected the sentinel alone, got " + ready);
            try {
                killer.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            p.join();
            notice.join();
            fromKill[i] = t1 - t0[0];
            fromNotice[i] = Math.max(0, t1 - t0[1]);
        }
        quiet.conn1().close();
        quiet.conn2().close();
        return new long[][] {fromKill, fromNotice};
    }

    private static void put(double[] out, int at, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        out[at] = Emit.percentileMicros(s, 50);
        out[at + 1] = Emit.percentileMicros(s, 99);
    }
}
