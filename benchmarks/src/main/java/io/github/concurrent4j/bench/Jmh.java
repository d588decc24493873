package io.github.concurrent4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs JMH benchmarks of this module and prints one figure line per result, in the format of
 * {@code bench/run} ({@code name<TAB>value<TAB>unit}, see {@link Emit}).
 *
 * <pre>
 *   Jmh CLASS UNIT FIGURE=SELECTOR...
 *     CLASS     a benchmark class, relative to io.github.concurrent4j.bench (threading.LockBench)
 *     UNIT      the unit to print: the benchmark's rate per second (a Throughput score, or the
 *               inverse of a SingleShotTime one), where {@code @OperationsPerInvocation} makes
 *               one op one item, one increment...
 *     SELECTOR  METHOD[:SECONDARY][@PARAM=VALUE]: a benchmark method (or @Group name), the
 *               secondary result to read instead of the primary one (for a group, one of its
 *               methods), and the value of a {@code @Param}
 * </pre>
 *
 * Each figure is one JMH run of its own (so its line is printed as soon as it is measured) with
 * the class's own mode and {@code @Warmup}/{@code @Measurement} iterations and {@code BENCH_REPS}
 * forks (default 5); {@code BENCH_SHORT=1} measures half the iterations, at least 3 (the warm-up
 * stays: it is what makes a figure valid). The printed value is the median across forks of each
 * fork's median iteration, so that one disturbed fork (the machine is shared) moves it little.
 * The forks get this JVM's options (the scripts pass
 * {@code --sun-misc-unsafe-memory-access=allow}: JMH itself calls {@code sun.misc.Unsafe}, which
 * JDK 25 warns about) and the benchmark class's {@code @Fork(jvmArgsAppend)}, where every class
 * asks for {@code --enable-native-access=ALL-UNNAMED} (the FFM futex of the shared-memory
 * transport) and whatever else it needs. JMH's own report goes to stderr; its JSON results go to
 * {@code $RESULTS/jmh-FIGURE.json} when {@code RESULTS} is set.
 */
public final class Jmh {
    private static final Pattern SELECTOR = Pattern.compile("([A-Za-z0-9_]+)(?::([A-Za-z0-9_]+))?(?:@([A-Za-z0-9_]+)=(.+))?");

    private Jmh() {}

    public static void main(String[] args) throws RunnerException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: Jmh CLASS UNIT FIGURE=METHOD[:SECONDARY][@PARAM=VALUE]...");
        }
        String cls = Jmh.class.getPackageName() + "." + args[0];
        String unit = args[1];
        Map<String, String> env = System.getenv();
        int forks = Integer.parseInt(env.getOrDefault("BENCH_REPS", "5"));
        boolean shortRun = "1".equals(env.get("BENCH_SHORT"));
        String results = env.get("RESULTS");
        for (int i = 2; i < args.length; i++) {
            Figure f = Figure.parse(args[i]);
            ChainedOptionsBuilder opts = new OptionsBuilder()
                    .include("^" + Pattern.quote(cls + "." + f.method()) + "$")
                    .forks(forks)
                    .shouldFailOnError(true);
            if (f.param() != null) opts.param(f.param(), f.value());
            if (shortRun) opts.measurementIterations(Math.max(3, measurementIterations(cls + "." + f.method()) / 2));
            if (results != null) {
                opts.result(Path.of(results, "jmh-" + f.name() + ".json").toString()).resultFormat(ResultFormatType.JSON);
            }
            System.err.printf(Locale.ROOT, "# %s: JMH %s.%s, %d forks ...%n", f.name(), args[0], f.method(), forks);
            var runner = new Runner(opts.build(), OutputFormatFactory.createFormatInstance(System.err, VerboseMode.NORMAL));
            RunResult run = runner.runSingle();
            double[] forkMedians = forkMedians(run, f.secondary(), f.name());
            System.err.printf(Locale.ROOT, "# %s: fork medians %s%n", f.name(), format(forkMedians));
            Emit.line(f.name(), Emit.median(forkMedians), unit);
        }
    }

    /**
     * One figure to print: {@code NAME=METHOD[:SECONDARY][@PARAM=VALUE]}; {@code secondary},
     * {@code param} and {@code value} are null when absent.
     */
    record Figure(String name, String method, String secondary, String param, String value) {
        static Figure parse(String arg) {
            int eq = arg.indexOf('=');
            var m = SELECTOR.matcher(eq < 0 ? "" : arg.substring(eq + 1));
            if (eq <= 0 || !m.matches()) {
                throw new IllegalArgumentException("not FIGURE=METHOD[:SECONDARY][@PARAM=VALUE]: " + arg);
            }
            return new Figure(arg.substring(0, eq), m.group(1), m.group(2), m.group(3), m.group(4));
        }
    }

    /**
     * Each fork's median iteration, as a rate (operations per second), from the primary result or
     * the named secondary one: a Throughput score as it is, a time per operation (SingleShotTime:
     * one invocation per iteration) inverted, so that a figure is the median of per-run rates, as
     * the peers compute theirs.
     */
    static double[] forkMedians(RunResult run, String secondary, String figure) {
        boolean rate = switch (run.getParams().getMode()) {
            case Throughput -> true;
            case SingleShotTime, AverageTime -> false;
            default -> throw new IllegalStateException(figure + ": cannot read a rate from mode " + run.getParams().getMode());
        };
        double secondsPerUnit = run.getParams().getTimeUnit().toNanos(1) / 1e9;
        List<Double> medians = new ArrayList<>();
        for (BenchmarkResult fork : run.getBenchmarkResults()) {
            List<Double> scores = new ArrayList<>();
            for (IterationResult it : fork.getIterationResults()) {
                Result r = secondary == null ? it.getPrimaryResult() : it.getSecondaryResults().get(secondary);
                if (r == null) {
                    throw new IllegalArgumentException(figure + ": no result '" + secondary + "' (have "
                            + it.getSecondaryResults().keySet() + ")");
                }
                scores.add(rate ? r.getScore() / secondsPerUnit : 1 / (r.getScore() * secondsPerUnit));
            }
            medians.add(Emit.median(scores.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return medians.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The measured iterations the benchmark declares (JMH's default, 5, if none). */
    private static int measurementIterations(String benchmark) {
        try (var in = Jmh.class.getResourceAsStream(BenchmarkList.BENCHMARK_LIST)) {
            if (in == null) throw new IllegalStateException("no " + BenchmarkList.BENCHMARK_LIST + ": JMH's annotation processor did not run");
            return BenchmarkList.readBenchmarkList(in).stream().filter(e -> e.getUsername().equals(benchmark))
                    .findFirst().map(e -> e.getMeasurementIterations().orElse(5)).orElse(5);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String format(double[] values) {
        StringBuilder b = new StringBuilder("[");
        for (double v : values) b.append(b.length() > 1 ? ", " : "").append(String.format(Locale.ROOT, "%.4g", v));
        return b.append(']').toString();
    }
}
