package io.github.concurrent4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
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
 *     UNIT      the unit to print (the benchmarks run in Mode.Throughput, ops/s, and declare
 *               {@code @OperationsPerInvocation} so that one op is one item, one increment...)
 *     SELECTOR  METHOD[:SECONDARY][@PARAM=VALUE]: a benchmark method (or @Group name), the
 *               secondary result to read instead of the primary one (for a group, one of its
 *               methods), and the value of a {@code @Param}
 * </pre>
 *
 * Each figure is one JMH run of its own (so its line is printed as soon as it is measured) with
 * the class's own {@code @Warmup}/{@code @Measurement} timing and {@code BENCH_REPS} forks
 * (default 5); {@code BENCH_SHORT=1} measures 3 iterations (the warm-up stays). The printed value
 * is the median across forks of each fork's median iteration, so that one disturbed fork (the
 * machine is shared) moves it little. The forks get this JVM's options (the scripts pass
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
                    .mode(Mode.Throughput)
                    .timeUnit(TimeUnit.SECONDS)
                    .forks(forks)
                    .shouldFailOnError(true);
            if (f.param() != null) opts.param(f.param(), f.value());
            if (shortRun) opts.measurementIterations(3); // warm-up is what makes a figure valid: kept
            if (results != null) {
                opts.result(Path.of(results, "jmh-" + f.name() + ".json").toString()).resultFormat(ResultFormatType.JSON);
            }
            System.err.printf(Locale.ROOT, "# %s: JMH %s.%s, %d forks ...%n", f.name(), args[0], f.method(), forks);
            var runner = new Runner(opts.build(), OutputFormatFactory.createFormatInstance(System.err, VerboseMode.NORMAL));
            RunResult run = runner.runSingle();
            String unitOfRun = run.getPrimaryResult().getScoreUnit();
            if (!unitOfRun.equals("ops/s")) throw new IllegalStateException(f.name() + ": JMH measured in " + unitOfRun);
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

    /** Each fork's median iteration score (the primary result, or the named secondary one). */
    static double[] forkMedians(RunResult run, String secondary, String figure) {
        List<Double> medians = new ArrayList<>();
        for (BenchmarkResult fork : run.getBenchmarkResults()) {
            List<Double> scores = new ArrayList<>();
            for (IterationResult it : fork.getIterationResults()) {
                Result r = secondary == null ? it.getPrimaryResult() : it.getSecondaryResults().get(secondary);
                if (r == null) {
                    throw new IllegalArgumentException(figure + ": no result '" + secondary + "' (have "
                            + it.getSecondaryResults().keySet() + ")");
                }
                scores.add(r.getScore());
            }
            medians.add(Emit.median(scores.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return medians.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String format(double[] values) {
        StringBuilder b = new StringBuilder("[");
        for (double v : values) b.append(b.length() > 1 ? ", " : "").append(String.format(Locale.ROOT, "%.4g", v));
        return b.append(']').toString();
    }
}
