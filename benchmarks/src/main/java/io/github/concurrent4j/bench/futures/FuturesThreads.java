package io.github.concurrent4j.bench.futures;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.github.concurrent4j.bench.Emit;
import io.github.concurrent4j.futures.Future;
import io.github.concurrent4j.futures.Futures;
import io.github.concurrent4j.futures.ThreadPoolExecutor;

/**
 * The workload of {@code bench/peers/python/futures_threads.py} on concurrent4j's
 * {@link ThreadPoolExecutor}: tiny tasks ({@code x * x}) on 4 workers, 100,000 per run.
 *
 * <ul>
 *   <li>{@code c4j.tpe.submit}: submit N tasks, then {@code result()} each;</li>
 *   <li>{@code c4j.tpe.map}: {@code executor.map(square, range(N))} summed (chunk size 1, as
 *       Python's thread executor);</li>
 *   <li>{@code c4j.tpe.callback}: submit N tasks, each with a done callback counting
 *       completions, until the count reaches N;</li>
 *   <li>{@code c4j.tpe.as_completed}: submit N tasks, sum their results through
 *       {@code Futures.asCompleted};</li>
 *   <li>{@code c4j.tpe.submit.pool_tiny}: PoolTiny.java's workload (2 workers, 200,000 tasks,
 *       submit all then get all), to compare with the JDK's {@code ThreadPoolExecutor} on the
 *       same work.</li>
 * </ul>
 * One executor per figure (as the peer uses one for all); each kind runs {@code WARMUP}
 * untimed repetitions (JIT), then {@code BENCH_REPS} timed ones; the figure is the median rate.
 * The {@code pool_tiny} figure runs first, in the fresh JVM, with PoolTiny.java's own protocol
 * (2 warm-up runs), so that it is measured as the JDK's is.
 * Run by {@code bench/tpe.sh}.
 */
public final class FuturesThreads {
    static final int WORKERS = 4;
    static final int N = 100_000;
    static final int WARMUP = 5;
    /** PoolTiny.java's warm-up. */
    static final int POOL_TINY_WARMUP = 2;

    private FuturesThreads() {}

    static int square(int x) {
        return x * x;
    }

    public static void main(String[] args) throws Exception {
        int reps = Integer.parseInt(System.getenv().getOrDefault("BENCH_REPS", "5"));
        // First, in a fresh JVM, PoolTiny.java's protocol exactly: 2 warm-up runs, then the timed ones.
        int tinyN = 200_000;
        long tinyExpected = (long) (tinyN - 1) * (tinyN - 1);
        try (ThreadPoolExecutor ex = new ThreadPoolExecutor(2)) {
            for (int i = 0; i < POOL_TINY_WARMUP; i++) poolTiny(ex, tinyN, tinyExpected);
            double[] rates = new double[reps];
            for (int i = 0; i < reps; i++) rates[i] = poolTiny(ex, tinyN, tinyExpected);
            Emit.line("c4j.tpe.submit.pool_tiny", Emit.median(rates), "tasks/s");
        }
        poolTinyAgainstTheJdk(reps, tinyN, tinyExpected);
        long expected = 0;
        for (long i = 0; i < N; i++) expected += (int) (i * i);
        for (String kind : List.of("submit", "map", "callback", "as_completed")) {
            try (ThreadPoolExecutor ex = new ThreadPoolExecutor(WORKERS)) {
                ex.map(FuturesThreads::square, IntStream.range(0, 1000).boxed().toList()).toList();
                for (int i = 0; i < WARMUP; i++) run(ex, kind, N, expected);
                double[] rates = new double[reps];
                for (int i = 0; i < reps; i++) rates[i] = run(ex, kind, N, expected);
                Emit.line("c4j.tpe." + kind, Emit.median(rates), "tasks/s");
            }
        }
    }

    /** One run of {@code kind}; returns tasks per second. */
    static double run(ThreadPoolExecutor ex, String kind, int n, long expected) throws InterruptedException {
        long t0 = System.nanoTime();
        long total;
        switch (kind) {
            case "submit" -> {
                List<Future<Integer>> fs = new ArrayList<>(n);
                for (int i = 0; i < n; i++) fs.add(ex.submit(FuturesThreads::square, i));
                total = 0;
                for (Future<Integer> f : fs) total += f.result();
            }
            case "map" -> {
                total = 0;
                for (int r : ex.map(FuturesThreads::square, IntStream.range(0, n).boxed().toList())) total += r;
            }
            case "callback" -> {
                CountDownLatch done = new CountDownLatch(1);
                AtomicInteger count = new AtomicInteger();
                for (int i = 0; i < n; i++) {
                    ex.submit(FuturesThreads::square, i).addDoneCallback(f -> {
                        if (count.incrementAndGet() == n) done.countDown();
                    });
                }
                done.await();
                total = expected;
            }
            case "as_completed" -> {
                List<Future<Integer>> fs = new ArrayList<>(n);
                for (int i = 0; i < n; i++) fs.add(ex.submit(FuturesThreads::square, i));
                total = 0;
                for (Future<Integer> f : Futures.asCompleted(fs)) total += f.result();
            }
            default -> throw new IllegalArgumentException(kind);
        }
        double dt = (System.nanoTime() - t0) / 1e9;
        if (total != expected) throw new AssertionError(kind + ": sum " + total + " != " + expected);
        return n / dt;
    }

    /**
     * {@code c4j.tpe.submit.pool_tiny.vs_jdk}: PoolTiny.java's workload on this library's executor
     * and on the JDK's ({@code Executors.newFixedThreadPool(2)}) in the same JVM, runs
     * alternating, 5 warm-up pairs then {@code 3 × reps} measured pairs; the figure is the median
     * of the pairs' ratios (ours / JDK's). On this shared 2-core machine separate runs swing by
     * 2–5× with the load; two runs taken a few milliseconds apart see nearly the same load.
     */
    static void poolTinyAgainstTheJdk(int reps, int n, long expectedLast) throws Exception {
        try (ThreadPoolExecutor ours = new ThreadPoolExecutor(2);
                java.util.concurrent.ExecutorService jdk = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < 5; i++) {
                poolTiny(ours, n, expectedLast);
                poolTiny(jdk, n, expectedLast);
            }
            double[] ratios = new double[3 * reps];
            for (int i = 0; i < ratios.length; i++) {
                double a = poolTiny(ours, n, expectedLast);
                double b = poolTiny(jdk, n, expectedLast);
                ratios[i] = a / b;
            }
            Emit.line("c4j.tpe.submit.pool_tiny.vs_jdk", Emit.median(ratios), "x");
        }
    }

    /** PoolTiny.java's loop: submit n tasks one by one, then get each. */
    static double poolTiny(java.util.concurrent.ExecutorService ex, int n, long expectedLast) throws Exception {
        long t0 = System.nanoTime();
        List<java.util.concurrent.Future<Long>> fs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            final long x = i;
            fs.add(ex.submit(() -> x * x));
        }
        long last = 0;
        for (java.util.concurrent.Future<Long> f : fs) last = f.get();
        double dt = (System.nanoTime() - t0) / 1e9;
        if (last != expectedLast) throw new AssertionError();
        return n / dt;
    }
}
