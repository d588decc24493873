package io.github.concurrent4j.bench.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.github.concurrent4j.transport.ByteSink;
import io.github.concurrent4j.transport.Serialization;
import io.github.concurrent4j.transport.internal.KryoCodec;

/**
 * One encode and one decode by the standard codec ({@link KryoCodec}, what every message of a
 * pipe or queue between processes goes through), into a reused {@link ByteSink} as the pipes do:
 * a small {@code Integer} and a 1 KiB {@code byte[]} (the tagged fast path), and an
 * {@code ArrayList} of three records (a Kryo object graph, class names on the wire checked by
 * the allow-list). Scores are round trips per second. Run by {@code bench/transport.sh}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
// A fixed, pre-touched heap: a growing default heap (G1 or Parallel, up to 1/4 of RAM) touches
// fresh pages for a long time, and the page faults (not the code) made allocating round trips
// 10-60x slower in some forks.
@Fork(value = 5, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class KryoCodecBench {
    /** A small value class of the kind a task result carries. */
    public record Item(String name, int quantity, double price) {}

    private final KryoCodec codec = KryoCodec.INSTANCE;
    private final ByteSink sink = new ByteSink();
    private Integer small;
    private byte[] kilo;
    private List<Item> graph;

    @Setup
    public void setUp() {
        Serialization.allow(Item.class);
        small = 42;
        kilo = new byte[1024];
        for (int i = 0; i < kilo.length; i++) kilo[i] = (byte) (i * 31);
        graph = new ArrayList<>(List.of(new Item("apple", 3, 0.5), new Item("pear", 1, 0.75), new Item("plum", 12, 0.2)));
        if (!roundTrip(graph).equals(graph)) throw new AssertionError("the graph did not survive a round trip");
    }

    @Benchmark
    public Object integer() {
        return roundTrip(small);
    }

    @Benchmark
    public Object bytes1k() {
        return roundTrip(kilo);
    }

    @Benchmark
    public Object graph() {
        return roundTrip(graph);
    }

    private Object roundTrip(Object value) {
        sink.clear();
        codec.encode(value, sink);
        return codec.decode(sink.array(), 0, sink.length());
    }
}
