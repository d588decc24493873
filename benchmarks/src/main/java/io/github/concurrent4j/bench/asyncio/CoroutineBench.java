package io.github.concurrent4j.bench.asyncio;

import io.github.concurrent4j.asyncio.Asyncio;
import io.github.concurrent4j.asyncio.Queue;
import io.github.concurrent4j.asyncio.Task;
import io.github.concurrent4j.bench.Emit;
import io.github.concurrent4j.green.Gevent;
import io.github.concurrent4j.green.Greenlet;
import io.github.concurrent4j.green.Hub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The workload of {@code bench/peers/python/asyncio_bench.py}, on concurrent4j's asyncio loop
 * and on the green hub:
 * <ul>
 * <li>{@code tasks_sleep0}: create N_TASKS tasks that each sleep(0), then await them all
 *     (gather / joinAll) → tasks/s;</li>
 * <li>{@code queue_pingpong}: two coroutines bounce a token through two queues, N_SWITCHES
 *     hand-offs in all → switches/s.</li>
 * </ul>
 * Usage: {@code CoroutineBench [reps] [warmupSeconds] [figure...]} (figures:
 * {@code asyncio.tasks_sleep0 asyncio.queue_pingpong green.tasks_sleep0 green.queue_pingpong},
 * default all); per figure, untimed runs for at least
 * {@code warmupSeconds} (at least two runs: the JIT must see 100 000 fibers suspend and resume
 * before the figures mean anything; on two busy cores that takes seconds), then the median of
 * {@code reps} timed runs as {@code name<TAB>value<TAB>unit}. A name suffix may be given with
 * {@code -Dc4j.bench.suffix=...}; {@code -Dc4j.bench.verbose=true} prints every run on stderr.
 */
public final class CoroutineBench {
    static final int N_TASKS = 100_000;
    static final int N_SWITCHES = 200_000;

    private CoroutineBench() {}

    static double asyncioTasks() {
        return Asyncio.run(() -> {
            long t0 = System.nanoTime();
            List<Task<Void>> tasks = new ArrayList<>(N_TASKS);
            for (int i = 0; i < N_TASKS; i++) {
                tasks.add(Asyncio.createTask(() -> {
                    Asyncio.sleep(Duration.ZERO);
                    return null;
                }));
            }
            Asyncio.gather(tasks).await();
            return N_TASKS / ((System.nanoTime() - t0) / 1e9);
        });
    }

    static double asyncioPingPong() {
        return Asyncio.run(() -> {
            Queue<Integer> q1 = new Queue<>(), q2 = new Queue<>();
            int rounds = N_SWITCHES / 2;
            long t0 = System.nanoTime();
            Asyncio.gather(() -> {
                for (int i = 0; i < rounds; i++) {
                    q1.put(i);
                    q2.get();
                }
                return null;
            }, () -> {
                for (int i = 0; i < rounds; i++) q2.put(q1.get());
                return null;
            }).await();
            return N_SWITCHES / ((System.nanoTime() - t0) / 1e9);
        });
    }

    static double greenTasks() {
        try (Hub hub = Hub.open()) {
            long t0 = System.nanoTime();
            List<Greenlet<Void>> gs = new ArrayList<>(N_TASKS);
            for (int i = 0; i < N_TASKS; i++) gs.add(Gevent.spawn(() -> Gevent.sleep()));
            Gevent.joinAll(gs);
            return N_TASKS / ((System.nanoTime() - t0) / 1e9);
        }
    }

    static double greenPingPong() {
        try (Hub hub = Hub.open()) {
            io.github.concurrent4j.green.Queue<Integer> q1 = new io.github.concurrent4j.green.Queue<>();
            io.github.concurrent4j.green.Queue<Integer> q2 = new io.github.concurrent4j.green.Queue<>();
            int rounds = N_SWITCHES / 2;
            long t0 = System.nanoTime();
            Greenlet<Void> ping = Gevent.spawn(() -> {
                for (int i = 0; i < rounds; i++) {
                    q1.put(i);
                    q2.get();
                }
            });
            Greenlet<Void> pong = Gevent.spawn(() -> {
                for (int i = 0; i < rounds; i++) q2.put(q1.get());
            });
            Gevent.joinAll(List.of(ping, pong));
            return N_SWITCHES / ((System.nanoTime() - t0) / 1e9);
        }
    }

    static void bench(String name, String unit, double warmupSeconds, int reps, DoubleSupplier run) {
        long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
        for (int i = 0; i < 2 || System.nanoTime() < until; i++) {
            double w = run.getAsDouble();
            if (Boolean.getBoolean("c4j.bench.verbose")) System.err.printf("%s warm-up %.0f%n", name, w);
        }
        double[] v = new double[reps];
        for (int i = 0; i < reps; i++) {
            v[i] = run.getAsDouble();
            if (Boolean.getBoolean("c4j.bench.verbose")) System.err.printf("%s %.0f%n", name, v[i]);
        }
        Emit.line(name + System.getProperty("c4j.bench.suffix", ""), Emit.median(v), unit);
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        double warmup = args.length > 1 ? Double.parseDouble(args[1]) : 8;
        List<String> which = args.length > 2 ? List.of(args).subList(2, args.length)
                : List.of("asyncio.tasks_sleep0", "asyncio.queue_pingpong", "green.tasks_sleep0", "green.queue_pingpong");
        for (String w : which) {
            switch (w) {
                case "asyncio.tasks_sleep0" -> bench("c4j." + w, "tasks/s", warmup, reps, CoroutineBench::asyncioTasks);
                case "asyncio.queue_pingpong" -> bench("c4j." + w, "switches/s", warmup, reps, CoroutineBench::asyncioPingPong);
                case "green.tasks_sleep0" -> bench("c4j." + w, "tasks/s", warmup, reps, CoroutineBench::greenTasks);
                case "green.queue_pingpong" -> bench("c4j." + w, "switches/s", warmup, reps, CoroutineBench::greenPingPong);
                default -> throw new IllegalArgumentException("unknown figure " + w);
            }
        }
    }
}
