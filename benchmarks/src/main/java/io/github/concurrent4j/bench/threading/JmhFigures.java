package io.github.concurrent4j.bench.threading;

import io.github.concurrent4j.bench.Emit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs one of this package's JMH benchmarks and prints one figure per parameter value:
 * {@code <prefix>.<param><TAB><median><TAB><unit>}, the median of every measured iteration of
 * every fork (each fork is a fresh JVM). JMH's own report goes to a file under
 * {@code $RESULTS}, so that standard output carries only the figures.
 *
 * <p>Usage: {@code JmhFigures CLASS PREFIX UNIT} (e.g. {@code ThreadQueueBench
 * c4j.thread_queue items/s}); environment {@code BENCH_REPS} = forks (default 5),
 * {@code BENCH_SHORT=1} for shorter iterations, {@code RESULTS} for the report directory.
 */
public final class JmhFigures {
    private JmhFigures() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: JmhFigures CLASS PREFIX UNIT");
        }
        String cls = JmhFigures.class.getPackageName() + "." + args[0];
        int forks = Integer.parseInt(System.getenv().getOrDefault("BENCH_REPS", "5"));
        boolean brief = "1".equals(System.getenv("BENCH_SHORT"));
        Path results = Path.of(System.getenv().getOrDefault("RESULTS", "bench/results"));
        Files.createDirectories(results);
        Options options = new OptionsBuilder()
                .include("^" + cls.replace(".", "\\.") + "\\.")
                .forks(forks)
                .warmupIterations(brief ? 2 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(brief ? 2 : 3)
                .measurementTime(TimeValue.seconds(brief ? 1 : 2))
                .timeUnit(TimeUnit.SECONDS)
                .jvmArgsAppend("-Xms1g", "-Xmx1g")
                .output(results.resolve("jmh-" + args[0] + ".txt").toString())
                .build();
        Collection<RunResult> runs = new Runner(options).run();
        for (RunResult run : runs) {
            String param = run.getParams().getParamsKeys().isEmpty() ? ""
                    : "." + run.getParams().getParam(run.getParams().getParamsKeys().iterator().next());
            double[] scores = run.getBenchmarkResults().stream()
                    .flatMap(b -> b.getIterationResults().stream())
                    .mapToDouble(i -> i.getPrimaryResult().getScore())
                    .toArray();
            Emit.line(args[1] + param, Emit.median(scores), args[2]);
        }
    }
}
