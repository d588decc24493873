package io.github.concurrent4j.bench.pool;

import java.util.List;
import java.util.stream.IntStream;

import io.github.concurrent4j.bench.Emit;
import io.github.concurrent4j.bench.Quiet;
import io.github.concurrent4j.futures.process.ProcessPoolExecutor;
import io.github.concurrent4j.multiprocessing.pool.ProcessPool;

/**
 * The workload of {@code bench/peers/python/pool_tiny.py} on concurrent4j's process pools: many
 * tiny tasks ({@code x * x}) through pools of 2 worker processes; pool creation and worker
 * start-up excluded (each pool is created and warmed before timing).
 *
 * <ul>
 *   <li>{@code c4j.pool.map.chunk1}: {@code ProcessPool.map(square, range(50_000), 1)};</li>
 *   <li>{@code c4j.pool.map.chunkdefault}: {@code ProcessPool.map(square, range(200_000))} (Python's default chunk rule);</li>
 *   <li>{@code c4j.ppe.map.chunk1}: {@code ProcessPoolExecutor.map(square, range(10_000))};</li>
 *   <li>{@code c4j.ppe.map.chunk1000}: {@code ProcessPoolExecutor.map(square, range(200_000), chunksize = 1000)}.</li>
 * </ul>
 * The peer warms each pool with one map of 100 items; three JVMs (the parent and two workers)
 * also need their JIT warmed, so each kind first repeats its own workload untimed for
 * {@code BENCH_WARMUP_SECONDS} (default 15) s (and at least twice), after the standbys that replace the taken
 * ones have finished booting ({@link Quiet#children}), then runs {@code BENCH_REPS} timed
 * repetitions; the figure is the median rate: steady state, as JMH measures. The rate of the
 * very first map of a fresh pool is printed too ({@code ….first}), for what a short script
 * sees. Run by {@code bench/pool.sh}.
 */
public final class PoolTiny {
    static final int WORKERS = 2;
    static final int N_TASKS = 200_000, N_TASKS_CHUNK1 = 50_000, N_TASKS_PPE_CHUNK1 = 10_000;
    static final int WARMUP = 2;
    /*
     * 15 s, not 5: on two cores the three JVMs' JIT takes 5-10 s to converge on a chunk-1 map
     * (measured 3 Dec: a fresh pool's 50 000-task maps ran 9 k, 33 k, 75 k ... tasks/s and
     * reached their 200-600 k steady state only after ~6 s), so 5 s measured the end of the
     * ramp, not the steady state. JMH's default warm-up is 50 s. The first map's rate is
     * printed on its own (….first).
     */
    static final int WARMUP_SECONDS = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP_SECONDS", "15"));

    private PoolTiny() {}

    static int square(int x) {
        return x * x;
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    static void check(List<Integer> res, int n) {
        if (res.size() != n || res.get(n - 1) != (n - 1) * (n - 1)) throw new AssertionError("wrong result");
    }

    public static void main(String[] args) {
        int reps = Integer.parseInt(System.getenv().getOrDefault("BENCH_REPS", "5"));
        try (ProcessPool pool = new ProcessPool(WORKERS)) {
            pool.map(PoolTiny::square, range(100));
            Quiet.children();
            Emit.line("c4j.pool.map.chunk1.first", N_TASKS_CHUNK1 / seconds(() -> pool.map(PoolTiny::square, range(N_TASKS_CHUNK1), 1)),
                    "tasks/s");
            Emit.line("c4j.pool.map.chunk1", pool(pool, N_TASKS_CHUNK1, 1, reps), "tasks/s");
            Emit.line("c4j.pool.map.chunkdefault", pool(pool, N_TASKS, 0, reps), "tasks/s");
            pool.close();
            pool.join();
        }
        try (ProcessPoolExecutor ex = new ProcessPoolExecutor(WORKERS)) {
            ex.map(PoolTiny::square, range(100)).toList();
            Quiet.children();
            Emit.line("c4j.ppe.map.chunk1", ppe(ex, N_TASKS_PPE_CHUNK1, 1, reps), "tasks/s");
            Emit.line("c4j.ppe.map.chunk1000", ppe(ex, N_TASKS, 1000, reps), "tasks/s");
        }
        System.exit(0);
    }

    static double pool(ProcessPool pool, int n, int chunksize, int reps) {
        List<Integer> items = range(n);
        double[] rates = new double[reps];
        long warmEnd = System.nanoTime() + WARMUP_SECONDS * 1_000_000_000L;
        for (int i = -WARMUP; i < reps; i++) {
            if (i == 0 && System.nanoTime() < warmEnd) i = -1; // warm up for WARMUP_SECONDS
            long t0 = System.nanoTime();
            List<Integer> res = chunksize > 0 ? pool.map(PoolTiny::square, items, chunksize) : pool.map(PoolTiny::square, items);
            double dt = (System.nanoTime() - t0) / 1e9;
            check(res, n);
            if (i >= 0) rates[i] = n / dt;
            if (Boolean.getBoolean("bench.verbose")) System.err.printf("  %s %d: %.0f%n", chunksize, i, n / dt);
        }
        return Emit.median(rates);
    }

    static double seconds(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    static double ppe(ProcessPoolExecutor ex, int n, int chunksize, int reps) {
        List<Integer> items = range(n);
        double[] rates = new double[reps];
        long warmEnd = System.nanoTime() + WARMUP_SECONDS * 1_000_000_000L;
        for (int i = -WARMUP; i < reps; i++) {
            if (i == 0 && System.nanoTime() < warmEnd) i = -1; // warm up for WARMUP_SECONDS
            long t0 = System.nanoTime();
            List<Integer> res = ex.map(PoolTiny::square, items, chunksize).toList();
            double dt = (System.nanoTime() - t0) / 1e9;
            check(res, n);
            if (i >= 0) rates[i] = n / dt;
            if (Boolean.getBoolean("bench.verbose")) System.err.printf("  %s %d: %.0f%n", chunksize, i, n / dt);
        }
        return Emit.median(rates);
    }
}
