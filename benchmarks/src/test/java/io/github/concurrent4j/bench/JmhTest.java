package io.github.concurrent4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/**
 * The JMH benchmarks that {@code bench/*.sh} name exist: the annotation processor ran (since
 * JDK 23 it runs only with {@code <proc>full</proc>}), and every figure's method, group
 * member and parameter value is one that JMH would run, so a renamed method fails the build
 * instead of the benchmark script; and every benchmark's forks get the options they need.
 */
@Tag("unit")
class JmhTest {
    /** {@code ...bench.Jmh CLASS UNIT FIGURE=SELECTOR...} or the scripts' {@code jmh CLASS UNIT ...}. */
    private static final Pattern CALL = Pattern.compile("(?:bench\\.Jmh|(?m:^)jmh)[ \\t]+([\\w.]+)[ \\t]+(\\S+)((?:[ \\t]+c4j\\.\\S+)+)");

    record Call(String cls, String unit, Jmh.Figure figure) {}

    static List<Call> scriptCalls() throws IOException {
        List<Call> calls = new ArrayList<>();
        try (Stream<Path> scripts = Files.list(Path.of("..", "bench"))) {
            for (Path p : scripts.filter(f -> f.toString().endsWith(".sh")).sorted().toList()) {
                String text = Files.readString(p).replace("\\\n", " ");
                Matcher m = CALL.matcher(text);
                while (m.find()) {
                    for (String arg : m.group(3).trim().split("[ \\t]+")) {
                        calls.add(new Call(m.group(1), m.group(2), Jmh.Figure.parse(arg)));
                    }
                }
            }
        }
        return calls;
    }

    static List<BenchmarkListEntry> benchmarks() throws IOException {
        try (InputStream in = JmhTest.class.getResourceAsStream(BenchmarkList.BENCHMARK_LIST)) {
            assertThat(in).as("JMH's benchmark list (written by its annotation processor)").isNotNull();
            return BenchmarkList.readBenchmarkList(in);
        }
    }

    @Test
    void everyFigureOfTheScriptsIsABenchmark() throws IOException {
        List<Call> calls = scriptCalls();
        assertThat(calls).extracting(c -> c.figure().name()).contains(
                "c4j.thread_queue.bounded1024", "c4j.thread_queue.unbounded", "c4j.thread_queue.simple",
                "c4j.lock.Lock", "c4j.lock.RLock", "c4j.transport.codec.Integer", "c4j.transport.codec.bytes1k",
                "c4j.transport.codec.graph", "c4j.transport.ring.frame4", "c4j.transport.ring.frame1024",
                "c4j.transport.hmac.HmacSha256", "c4j.transport.hmac.javaxMac");
        List<BenchmarkListEntry> all = benchmarks();
        for (Call c : calls) {
            Jmh.Figure f = c.figure();
            String name = "io.github.concurrent4j.bench." + c.cls() + "." + f.method();
            BenchmarkListEntry e = all.stream().filter(b -> b.getUsername().equals(name)).findFirst().orElse(null);
            assertThat(e).as("JMH benchmark %s of figure %s", name, f.name()).isNotNull();
            if (f.secondary() != null) {
                assertThat(e.getThreadGroupLabels().orElse(List.of())).as(f.name()).contains(f.secondary());
            }
            if (f.param() != null) {
                assertThat(e.getParams().orElse(java.util.Map.of())).as(f.name()).containsKey(f.param());
                assertThat(e.getParams().orElse(java.util.Map.of()).get(f.param())).as(f.name()).contains(f.value());
            }
        }
    }

    @Test
    void everyBenchmarkForksWithNativeAccess() throws IOException {
        // Jmh leaves the forks' options to @Fork(jvmArgsAppend); the shared-memory transport's
        // futex is an FFM downcall, which needs this option to run without a warning.
        for (BenchmarkListEntry e : benchmarks()) {
            assertThat(e.getJvmArgsAppend().orElse(List.of())).as(e.getUsername())
                    .contains("--enable-native-access=ALL-UNNAMED");
        }
    }

    @Test
    void selectorsParse() {
        assertThat(Jmh.Figure.parse("c4j.lock.Lock=lock")).isEqualTo(new Jmh.Figure("c4j.lock.Lock", "lock", null, null, null));
        assertThat(Jmh.Figure.parse("c4j.x=frames:read@frameBytes=4"))
                .isEqualTo(new Jmh.Figure("c4j.x", "frames", "read", "frameBytes", "4"));
        assertThatThrownBy(() -> Jmh.Figure.parse("lock")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jmh.Figure.parse("c4j.x=frames:")).isInstanceOf(IllegalArgumentException.class);
    }
}
