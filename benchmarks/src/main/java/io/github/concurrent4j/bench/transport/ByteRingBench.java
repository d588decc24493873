package io.github.concurrent4j.bench.transport;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

import io.github.concurrent4j.transport.BrokenPipeException;
import io.github.concurrent4j.transport.shm.ByteRing;
import io.github.concurrent4j.transport.shm.SharedFile;

/**
 * Frames through a {@link ByteRing} in a 256 KiB {@link SharedFile} in {@code /dev/shm}, from one
 * writer thread to one reader thread running at the same time (a JMH group): the floor of a
 * {@code Pipe}, without the codec and without a second process. Payloads of
 * {@link #frameBytes} bytes (4: an int; 1024: a small buffer), copied from one reused array and
 * into another. The figure is the reader's score ({@code read}), in frames per second; the
 * writer's is within the ring's capacity of it.
 *
 * <p>Ending an iteration: a side that waits (for data, or for space) sleeps on the ring's futex
 * in slices and then asks its {@link ByteRing.Peer} whether the other side is gone; here the
 * other side is "gone" once JMH stops the measurement ({@link Control#stopMeasurement}), so a
 * side whose partner has stopped returns within one slice. The writer may then leave a frame
 * half written, so every iteration starts from an empty ring (zeroed memory).
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
@State(Scope.Group)
public class ByteRingBench {
    static final int CAPACITY = 256 * 1024;

    @Param({"4", "1024"})
    public int frameBytes;

    private SharedFile file;
    private ByteRing ring;
    private byte[] frame;

    /** One side's view of its partner, and (for the reader) where frames go. */
    @State(Scope.Thread)
    public static class Side implements ByteRing.Peer, ByteRing.FrameSink {
        Control control;
        byte[] buffer = new byte[1024];

        @Override
        public boolean gone() {
            return control.stopMeasurement;
        }

        @Override
        public byte[] buffer(int len) {
            return len <= buffer.length ? buffer : (buffer = new byte[len]);
        }
    }

    @Setup(Level.Trial)
    public void map() {
        Path path = Path.of("/dev/shm", "c4j-bench-ring-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        file = SharedFile.create(path, ByteRing.footprint(CAPACITY));
        file.unlink(); // the mapping stays; nothing is left in /dev/shm if the fork dies
        ring = new ByteRing(file.memory(), 0, CAPACITY);
        frame = new byte[frameBytes];
    }

    @Setup(Level.Iteration)
    public void empty() {
        file.memory().fill((byte) 0);
    }

    @Benchmark
    @Group("frames")
    @GroupThreads(1)
    public void write(Control control, Side reader) {
        reader.control = control;
        try {
            ring.writeFrame(frame, 0, frame.length, reader);
        } catch (BrokenPipeException e) {
            // the reader stopped (end of iteration) while the ring was full
        }
    }

    @Benchmark
    @Group("frames")
    @GroupThreads(1)
    public int read(Control control, Side writer) {
        writer.control = control;
        try {
            return ring.readFrame(writer, Integer.MAX_VALUE, writer);
        } catch (BrokenPipeException e) {
            return -1; // the writer stopped (end of iteration) in the middle of a frame
        }
    }
}
