package io.github.concurrent4j.multiprocessing.internal;

import io.github.concurrent4j.internal.Config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.concurrent4j.function.SerializableFunction;
import io.github.concurrent4j.transport.ByteSink;
import io.github.concurrent4j.transport.Codec;
import io.github.concurrent4j.transport.Serialization;
import io.github.concurrent4j.transport.shm.ByteRing;
import io.github.concurrent4j.transport.shm.Futex;
import io.github.concurrent4j.transport.shm.Holders;
import io.github.concurrent4j.transport.shm.Pids;
import io.github.concurrent4j.transport.shm.SharedFile;

/**
 * What a standby JVM does while it waits: it runs, on stand-in values, every path that the
 * start of a task takes, so that the first real task finds them loaded and linked. The AOT
 * training run is a standby too, so the cache records all of it.
 *
 * <p>Why stand-ins: a task arrives as an encoded {@code Process} (a plain class whose fields
 * Kryo reads one by one) holding a lambda and often a connection (a record behind a
 * {@code Transferable}). Building those serializers, spinning the field accessors and the
 * lambda's class costs 60–80 ms in a young JVM (measured with {@code -Xlog:class+load}: Kryo's
 * field and record serializers, Objenesis, the JDK's method-handle field accessors). The task's
 * own class is warmed by the parent's stand-in task (a real encoded {@code Process} without a
 * target, sent in a PRIME frame, see {@link Priming}); this class warms what every task shares:
 * lambdas, a record, the RUN message, pipes. It names no class of the layer above: the one
 * source of the task's shape is the parent's stand-in.
 */
final class WarmUp {
    /**
     * Rounds of the task paths. Three load and link everything; more, so that the JIT compiles
     * them, did not change the start latency (measured again with 100 and 1 000 rounds: the
     * task's decoding took 0.3–0.5 ms either way) but doubled a standby's CPU and added 7 MB.
     */
    private static final int ROUNDS = 3;

    private WarmUp() {}

    /**
     * A standby's warm-up. A cold child gets none: measured (BENCHMARKS.md), warming the codec
     * on a second thread while the main thread connects made a cold start slower (239 against
     * 176 ms/proc): on a busy machine the two threads only compete, and the task's own decoding
     * does the part of the work it needs.
     */
    static void standby() {
        Codec codec = Serialization.codec();
        int sum = 0;
        for (int round = 0; round < ROUNDS; round++) {
            sum += lambdas(codec, round);
            sum += records(codec, round);
            Object v = codec.decode(codec.encode(List.of(1, "two", Map.of("k", 3L), new ArrayList<>(List.of(4.0)))));
            sum += v.hashCode();
        }
        if (sum == 42) System.out.print(""); // keep the work observable to the JIT
        runMessage();
        libraryClasses();
        ring(codec);
    }

    /**
     * Loads and initializes the library's own classes that may cross a process boundary, as its
     * allow-list names them ({@code META-INF/concurrent4j/serial-allow.txt}: pipe ends and their
     * transfer forms, socket connections, addresses): a task that carries a pipe end then finds
     * its classes ready (measured: ~4 ms more to start such a task without this). The allow-list
     * is the one source of these names; the application's own entries are left alone, since
     * initializing a class runs its code.
     */
    private static void libraryClasses() {
        String library = Priming.LIBRARY;
        ClassLoader loader = WarmUp.class.getClassLoader();
        for (String entry : Serialization.allowList().entries()) {
            if (!entry.startsWith(library) || entry.contains("*")) continue;
            try {
                Class.forName(entry, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // best effort: the task loads what it needs
            }
        }
    }

    /** The RUN message's decoding and the allow-list it carries (0.3–0.6 ms cold, measured). */
    private static void runMessage() {
        Control.Run sample = new Control.Run("warm-up", new int[] {1}, false, "MainProcess", 1L,
                Serialization.addedEntries(), Serialization.codec().getClass().getName(), RunRequest.properties(), 0L, new byte[0]);
        Control.Run back = Control.Run.decode(sample.encode());
        ChildMain.inherit(back.allowList());
        ChildMain.adopt(back.properties());
    }

    /** Lambda deserialization on distinct lambdas: each new lambda class is spun at first use, by code that must itself be warm. */
    private static int lambdas(Codec codec, int round) {
        List<SerializableFunction<Integer, Integer>> lambdas = new ArrayList<>();
        int k = 3;
        lambdas.add(x -> x + 1);
        lambdas.add(x -> x * 2);
        lambdas.add(x -> x - k);
        lambdas.add(x -> x ^ k);
        lambdas.add(x -> Math.abs(x));
        lambdas.add(Integer::reverse);
        lambdas.add(x -> x % (k + 1));
        lambdas.add(x -> x << 1);
        int sum = 0;
        for (SerializableFunction<Integer, Integer> f : lambdas) {
            @SuppressWarnings("unchecked")
            SerializableFunction<Integer, Integer> g = (SerializableFunction<Integer, Integer>) codec.decode(codec.encode(f));
            sum += g.apply(round);
        }
        return sum;
    }

    /** A record through the codec (a connection travels as a record behind a {@code Transferable}). */
    private static int records(Codec codec, int round) {
        RecordShape f = (RecordShape) codec.decode(codec.encode(new RecordShape("/dev/shm/x", round, 42L)));
        return f.end();
    }

    /** A record with fields of common kinds. */
    record RecordShape(String path, int end, long pid) {}

    /** A received connection registers as a holder of its shared file (compare-and-set on mapped memory, 3–8 ms cold). */
    private static void holders(SharedFile file) {
        long pid = ProcessHandle.current().pid();
        for (int i = 0; i < 3; i++) {
            Holders h = new Holders(file.memory(), 0);
            h.acquire(pid);
            h.anyAlive();
            h.total();
            h.release(pid);
        }
    }

    /**
     * Streams a few messages through a shared-memory ring between two threads, so that every
     * path of a pipe (both directions, the codec, the wake-ups) is loaded and linked before a
     * task uses one. A few hundred, not the hundred thousand that would have the JIT compile
     * them: that many cost a standby ~0.5 s of CPU and ~37 MB of resident memory, which its
     * exit then had to give back (measured: 96 against 59 MB, an exit 13.6 against 7.8 ms;
     * BENCHMARKS.md). A task's own pipe traffic gets compiled as it runs.
     */
    private static void ring(Codec codec) {
        Path dir = RuntimeDirs.shmDir();
        SharedFile file;
        try {
            file = SharedFile.create(dir.resolve("warmup-" + ProcessHandle.current().pid()), 4096 + ByteRing.footprint(1 << 16));
        } catch (RuntimeException e) {
            return; // no shared memory here: nothing to warm
        }
        file.unlink();
        // A pipe's first wait and wake link the futex call (FFM spins its stubs at first use).
        Futex.wake(file.memory(), 1);
        Futex.await(file.memory(), 1, 1_000); // the word is 0, so: EAGAIN at once
        Pids.alive(1);
        holders(file);
        ByteRing ring = new ByteRing(file.memory(), 4096, 1 << 16);
        ByteRing.Peer never = () -> false;
        int n = Config.intValue(Config.Setting.STANDBY_WARMUP_MESSAGES, 200, 0);
        Thread reader = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                byte[][] box = new byte[1][];
                ring.readFrame(len -> box[0] = new byte[len], Integer.MAX_VALUE, never);
                codec.decode(box[0], 0, box[0].length);
            }
        }, "c4j-warmup");
        reader.start();
        ByteSink sink = new ByteSink();
        byte[] kilo = new byte[1024];
        for (int i = 0; i < n; i++) {
            sink.clear();
            codec.encode(i % 8 == 0 ? kilo : (Object) i, sink);
            ring.writeFrame(sink.array(), 0, sink.length(), never);
        }
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
