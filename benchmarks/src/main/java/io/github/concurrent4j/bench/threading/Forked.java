package io.github.concurrent4j.bench.threading;

import io.github.concurrent4j.bench.Emit;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small forking harness for in-process benchmarks whose one run is long (a full transfer of
 * a million items, ~0.1 s): each figure is the median of every measured run of
 * {@code BENCH_REPS} fresh JVMs (default 5), each JVM doing {@link #WARMUPS} untimed runs
 * first, so that the figures are steady-state ones, as the peers' are. (The peers warm up 2–3
 * runs, enough for their small code paths; concurrent4j's queue needs about 8 runs, ~1 s,
 * before C2 has compiled its paths; its first runs are 2–3 times slower. BENCHMARKS.md shows
 * the curve.)
 *
 * <p>(JMH would do the same; it is not used because its annotation processor does not run by
 * default on JDK 23+ without a {@code -proc:full} compiler setting in the benchmarks pom.)
 *
 * <p>Usage: {@code Forked CLASS PREFIX UNIT KIND...}: prints {@code PREFIX.KIND<TAB>median<TAB>UNIT}
 * per kind. {@code BENCH_SHORT=1} measures fewer runs per JVM.
 */
public final class Forked {
    static final int WARMUPS = 10;

    private Forked() {}

    /** The body of one run of one kind, returning its figure. */
    @FunctionalInterface
    interface Run {
        double measure(String kind) throws InterruptedException;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: Forked CLASS PREFIX UNIT KIND...");
        }
        String cls = Forked.class.getPackageName() + "." + args[0];
        int forks = Integer.parseInt(System.getenv().getOrDefault("BENCH_REPS", "5"));
        int runs = "1".equals(System.getenv("BENCH_SHORT")) ? 3 : 5;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int k = 3; k < args.length; k++) {
            String kind = args[k];
            List<Double> values = new ArrayList<>();
            for (int f = 0; f < forks; f++) {
                Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        cls, kind, String.valueOf(WARMUPS), String.valueOf(runs))
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        values.add(Double.parseDouble(line.trim()));
                    }
                }
                if (p.waitFor() != 0) {
                    throw new IllegalStateException(cls + " " + kind + " failed with exit code " + p.exitValue());
                }
            }
            double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
            System.err.printf(Locale.ROOT, "# %s.%s: %d values, min %.0f, max %.0f%n", args[1], kind, v.length,
                    values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
            Emit.line(args[1] + "." + kind, Emit.median(v), args[2]);
        }
    }

    /** A child JVM: {@code KIND WARMUPS RUNS}; prints one figure per measured run. */
    static void runChild(String[] args, Run run) throws InterruptedException {
        String kind = args[0];
        int warmups = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        for (int i = 0; i < warmups; i++) {
            run.measure(kind);
        }
        for (int i = 0; i < runs; i++) {
            System.out.println(run.measure(kind));
        }
    }
}
