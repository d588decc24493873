package io.github.concurrent4j.bench.process;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.concurrent4j.bench.Emit;
import io.github.concurrent4j.bench.Quiet;
import io.github.concurrent4j.multiprocessing.Multiprocessing;
import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.StartMethod;
import io.github.concurrent4j.multiprocessing.internal.AotCache;
import io.github.concurrent4j.multiprocessing.internal.Standbys;
import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.multiprocessing.connection.Pipe;

/**
 * The workload of {@code peers/python/spawn_bench.py}: start and join 20 processes with an
 * empty target, all at once ("batch": start all, then join all) or one at a time ("seq"), in
 * ms per process, median of the repetitions.
 *
 * <ul>
 * <li>{@code c4j.spawn.warm.*}: warm start from a reserve of 20 standbys booted before each
 *     repetition (untimed, {@link Multiprocessing#prestart(int, Duration)}), as
 *     {@code forkserver} is started before it is used: what a start and an exit cost;
 * <li>{@code c4j.spawn.warm_default.*}: warm start with the default pool (2, growing to 8 while
 *     starts outrun it), which boots replacements while the loop runs: the steady state of an
 *     application that starts processes faster than JVMs boot;
 * <li>{@code c4j.spawn.cold.*}: {@link StartMethod#SPAWN}, a fresh JVM per process;
 * <li>{@code c4j.spawn.warm.start_latency_p50/p99} (µs): from {@code start()} in the parent
 *     to the first statement of the target in the child (both read CLOCK_MONOTONIC);
 *     {@code start_latency_pipe_p50}: the same for a target that carries a pipe end;
 * <li>{@code c4j.spawn.exit_to_join_p50} (ms): from the child's last statement to
 *     {@code join()} returning in the parent: what a JVM's exit and reaping cost here.
 * </ul>
 */
public final class SpawnBench {
    static final int N = 20;

    public static void main(String[] args) throws Exception {
        int reps = Integer.getInteger("bench.reps", 3);
        boolean shortRun = Boolean.getBoolean("bench.short");
        if (shortRun) reps = 1; // ./demo: one repetition of each, no default-pool variant
        List<String> only = new java.util.ArrayList<>(Arrays.asList(args));
        if (shortRun && only.isEmpty()) only.addAll(List.of("warm", "cold"));
        Process warmUp = new Process(() -> {});
        warmUp.start();
        warmUp.join();
        // Children use an AOT cache when the class path is made of JARs (bench/run's is): train it untimed.
        boolean aot = AotCache.get().awaitReady(Duration.ofMinutes(3));
        System.err.println("# child AOT cache: " + (aot ? "in use" : "none (class directories on the class path)"));
        Standbys.pool().drain(); // booted before the cache existed
        if (only.isEmpty() || only.contains("warm")) {
            emit("c4j.spawn.warm.batch", reps, () -> batch(StartMethod.WARM, N));
            emit("c4j.spawn.warm.seq", reps, () -> seq(StartMethod.WARM, N));
            latency(N * 2);
        }
        if (only.isEmpty() || only.contains("default")) {
            emit("c4j.spawn.warm_default.batch", reps, () -> batch(StartMethod.WARM, -1));
            emit("c4j.spawn.warm_default.seq", reps, () -> seq(StartMethod.WARM, -1));
        }
        if (only.isEmpty() || only.contains("cold")) {
            emit("c4j.spawn.cold.batch", reps, () -> batch(StartMethod.SPAWN, 0));
            emit("c4j.spawn.cold.seq", reps, () -> seq(StartMethod.SPAWN, 0));
        }
        Multiprocessing.setStandbys(0);
    }

    interface Run {
        double ms() throws Exception;
    }

    static void emit(String name, int reps, Run run) throws Exception {
        double[] v = new double[reps];
        for (int i = 0; i < reps; i++) v[i] = run.ms();
        Emit.line(name, Emit.median(v), "ms/proc");
    }

    /**
     * Untimed set-up. {@code reserve > 0}: no pool, a reserve of that many standbys booted now;
     * {@code reserve < 0}: the default pool, filled; cold: no standbys at all.
     */
    static void prepare(StartMethod m, int reserve) {
        Multiprocessing.setStartMethod(m);
        if (m == StartMethod.SPAWN) {
            Multiprocessing.setStandbys(0);
        } else if (reserve > 0) {
            Multiprocessing.setStandbys(0);
            Multiprocessing.prestart(reserve, Duration.ofMinutes(3));
        } else {
            Multiprocessing.setStandbys(2);
            Multiprocessing.prestart(Duration.ofMinutes(3));
        }
        Quiet.children();
    }


    static double batch(StartMethod m, int pool) {
        prepare(m, pool);
        long t0 = System.nanoTime();
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < N; i++) ps.add(new Process(() -> {}));
        for (Process p : ps) p.start();
        for (Process p : ps) p.join();
        double ms = (System.nanoTime() - t0) / 1e6 / N;
        for (Process p : ps) check(p);
        return ms;
    }

    static double seq(StartMethod m, int pool) {
        prepare(m, pool);
        long t0 = System.nanoTime();
        for (int i = 0; i < N; i++) {
            Process p = new Process(() -> {});
            p.start();
            p.join();
            check(p);
        }
        return (System.nanoTime() - t0) / 1e6 / N;
    }

    /**
     * Start latency and exit cost, on a target that captures nothing and reports by printing one
     * line ({@code c4j-bench <first> <last>}, both {@code System.nanoTime()}, which reads
     * CLOCK_MONOTONIC in every JVM of the machine), which the parent catches from the child's
     * forwarded stdout. A second figure, {@code start_latency_pipe}, has the target capture a
     * pipe end and report through it: what a task that carries a connection costs to start.
     */
    static void latency(int count) throws InterruptedException {
        prepare(StartMethod.WARM, count);
        long[] start = new long[count], exit = new long[count];
        LinkedBlockingQueue<long[]> lines = new LinkedBlockingQueue<>();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(new LineCatcher(stdout, lines), true));
        try {
            for (int i = 0; i < count; i++) {
                Process p = new Process(() -> {
                    long first = System.nanoTime();
                    System.out.println("c4j-bench " + first + " " + System.nanoTime());
                });
                long t0 = System.nanoTime();
                p.start();
                long[] line = lines.poll(60, TimeUnit.SECONDS);
                if (line == null) throw new IllegalStateException(p + " did not report");
                p.join();
                long joined = System.nanoTime();
                check(p);
                start[i] = line[0] - t0;
                exit[i] = joined - line[1];
            }
        } finally {
            System.setOut(stdout);
        }
        Arrays.sort(start);
        Arrays.sort(exit);
        Emit.line("c4j.spawn.warm.start_latency_p50", Emit.percentileMicros(start, 50), "us");
        Emit.line("c4j.spawn.warm.start_latency_p99", Emit.percentileMicros(start, 99), "us");
        Emit.line("c4j.spawn.exit_to_join_p50", Emit.percentileMicros(exit, 50) / 1000, "ms");
        pipeLatency(count / 2);
    }

    static void pipeLatency(int count) {
        prepare(StartMethod.WARM, count);
        Pipe pipe = Pipe.open(false);
        Connection report = pipe.conn2();
        long[] start = new long[count];
        for (int i = 0; i < count; i++) {
            Process p = new Process(() -> report.send(System.nanoTime()));
            long t0 = System.nanoTime();
            p.start();
            long began = pipe.conn1().<Long>recv();
            p.join();
            check(p);
            start[i] = began - t0;
        }
        Arrays.sort(start);
        Emit.line("c4j.spawn.warm.start_latency_pipe_p50", Emit.percentileMicros(start, 50), "us");
        pipe.conn1().close();
        report.close();
    }

    /** Passes stdout through, except the children's {@code c4j-bench} lines, which it parses. */
    static final class LineCatcher extends OutputStream {
        private final PrintStream through;
        private final LinkedBlockingQueue<long[]> lines;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineCatcher(PrintStream through, LinkedBlockingQueue<long[]> lines) {
            this.through = through;
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b != '\n') {
                line.write(b);
                return;
            }
            String s = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (s.startsWith("c4j-bench ")) {
                String[] f = s.split(" ");
                lines.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            } else {
                through.println(s);
            }
        }
    }

    static void check(Process p) {
        if (p.exitCode().orElse(-1) != 0) throw new IllegalStateException(p + " failed");
    }
}
