package io.github.concurrent4j.bench.managers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.concurrent4j.bench.Emit;
import io.github.concurrent4j.function.SerializableBiFunction;
import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.connection.Address;
import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.multiprocessing.connection.Pipe;
import io.github.concurrent4j.multiprocessing.managers.AcquirerProxy;
import io.github.concurrent4j.multiprocessing.managers.DictProxy;
import io.github.concurrent4j.multiprocessing.managers.Manager;
import io.github.concurrent4j.threading.Held;
import io.github.concurrent4j.transport.internal.HmacSha256;

/**
 * The workload of {@code bench/peers/python/manager.py}: a manager dict's {@code d["c"]} read
 * from one process (µs per call), and a counter incremented by 2 processes × 20 000 times,
 * {@code d["c"] = d["c"] + 1} under a manager lock (4 calls per increment) or, what Python
 * lacks, with one atomic {@code merge} call; plus the read over TCP loopback. Each figure is the
 * median of {@code bench.reps} repetitions (lost updates: the largest count seen).
 *
 * <p>Steady state, as CPython's figures are. The manager's server is a young JVM that compiles
 * its call paths during its first seconds (a {@code get} falls from ~80 µs to ~1.5 µs, a
 * {@code merge} carrying a lambda from ~200 µs to ~3 µs), and so do the workers. So the same two
 * worker processes serve every repetition: they run each loop for {@link #WARM_NANOS} on
 * another key before the first one, and the server's {@code get} is exercised as long. The first
 * {@code N_GET} calls of a fresh manager are printed too ({@code dict_get.one_proc.fresh}).
 */
public final class ManagerBench {
    static final int N_PROCS = 2, N_INCR = 20_000, N_GET = 20_000;
    static final long WARM_NANOS = 4_000_000_000L;
    static final SerializableBiFunction<Integer, Integer, Integer> SUM = Integer::sum;

    public static void main(String[] args) {
        int reps = Integer.getInteger("bench.reps", 5);
        double[] get = new double[reps], locked = new double[reps], lockedLost = new double[reps];
        double[] atomic = new double[reps], atomicLost = new double[reps], tcp = new double[reps];
        double[] rtt = new double[reps], codec = new double[reps];
        double fresh;
        try (Manager m = Manager.start()) {
            fresh = getLatency(m);
            try (Workers w = new Workers(m)) {
                w.run("locked-warm");
                for (int r = 0; r < reps; r++) {
                    double[] res = w.count(true);
                    locked[r] = res[0];
                    lockedLost[r] = res[1];
                }
                w.run("atomic-warm");
                for (int r = 0; r < reps; r++) {
                    double[] res = w.count(false);
                    atomic[r] = res[0];
                    atomicLost[r] = res[1];
                }
            }
            warm(m);
            for (int r = 0; r < reps; r++) get[r] = getLatency(m);
        }
        try (Manager remote = Manager.start(Address.tcp("127.0.0.1", 0), HmacSha256.randomBytes(32))) {
            warm(remote);
            for (int r = 0; r < reps; r++) tcp[r] = getLatency(remote);
        }
        // Where a call's time goes: the transport's floor (a raw 40-byte round trip over the same
        // authenticated Unix-socket connection, to an echo thread) and the codec's share.
        for (int r = 0; r < reps; r++) rtt[r] = socketRtt();
        for (int r = 0; r < reps; r++) codec[r] = codecCost();
        Emit.line("c4j.manager.dict_get.one_proc", Emit.median(get), "us/op");
        Emit.line("c4j.manager.dict_get.one_proc.fresh", fresh, "us/op");
        Emit.line("c4j.manager.dict_counter.locked", Emit.median(locked), "incr/s");
        Emit.line("c4j.manager.dict_counter.locked.lost_updates", Arrays.stream(lockedLost).max().orElse(0), "count");
        Emit.line("c4j.manager.dict_counter.atomic", Emit.median(atomic), "incr/s");
        Emit.line("c4j.manager.dict_counter.atomic.lost_updates", Arrays.stream(atomicLost).max().orElse(0), "count");
        Emit.line("c4j.manager.dict_get.remote_tcp", Emit.median(tcp), "us/op");
        Emit.line("c4j.manager.profile.socket_rtt", Emit.median(rtt), "us/op");
        Emit.line("c4j.manager.profile.codec", Emit.median(codec), "us/op");
    }

    static double socketRtt() {
        try (io.github.concurrent4j.multiprocessing.connection.Listener l = io.github.concurrent4j.multiprocessing.connection.Listener.open()) {
            Thread echo = Thread.ofPlatform().daemon(true).start(() -> {
                try (var c = l.accept()) {
                    while (true) c.sendBytes(c.recvBytes());
                } catch (RuntimeException end) {
                    // the client closed
                }
            });
            try (var c = io.github.concurrent4j.multiprocessing.connection.Client.connect(l.address())) {
                byte[] msg = new byte[40];
                for (int i = 0; i < 2000; i++) {
                    c.sendBytes(msg);
                    c.recvBytes();
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < N_GET; i++) {
                    c.sendBytes(msg);
                    c.recvBytes();
                }
                double us = (System.nanoTime() - t0) / 1e3 / N_GET;
                c.close();
                echo.join(1000);
                return us;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Encoding and decoding one dict.get call and its reply, as client and server each do once. */
    static double codecCost() {
        var codec = io.github.concurrent4j.transport.Serialization.codec();
        var sink = new io.github.concurrent4j.transport.ByteSink(256);
        Object request = requestLike();
        long t0 = 0;
        for (int i = 0; i < 2000 + N_GET; i++) {
            if (i == 2000) t0 = System.nanoTime();
            sink.clear();
            codec.encode(request, sink);
            codec.decode(sink.array(), 0, sink.length());
            sink.clear();
            codec.encode(Integer.valueOf(i), sink);
            codec.decode(sink.array(), 0, sink.length());
        }
        return (System.nanoTime() - t0) / 1e3 / N_GET;
    }

    /** The shape of a dict.get request (a record of a long, a String and an Object[]), with JDK types. */
    static Object requestLike() {
        return new java.util.ArrayList<>(java.util.List.of(8L, "get", new Object[] {"c"}));
    }

    /** Runs the server's {@code get} from this thread for {@link #WARM_NANOS}. */
    static void warm(Manager m) {
        DictProxy<String, Integer> d = m.dict(Map.of("c", 0));
        long end = System.nanoTime() + WARM_NANOS;
        while (System.nanoTime() - end < 0) {
            for (int i = 0; i < 1000; i++) d.get("c");
        }
    }

    static double getLatency(Manager m) {
        DictProxy<String, Integer> d = m.dict();
        d.put("c", 0);
        for (int i = 0; i < 2000; i++) d.get("c");
        long t0 = System.nanoTime();
        for (int i = 0; i < N_GET; i++) d.get("c");
        return (System.nanoTime() - t0) / 1e3 / N_GET;
    }

    /**
     * The two counter processes, kept for every repetition: each takes a command on its pipe
     * ({@code locked}, {@code atomic}, with {@code -warm} for the warm-up on another key, or
     * {@code stop}) and answers {@code done}.
     */
    static final class Workers implements AutoCloseable {
        private final DictProxy<String, Integer> d;
        private final List<Process> procs = new ArrayList<>();
        private final List<Connection> links = new ArrayList<>();

        Workers(Manager m) {
            d = m.dict(Map.of("c", 0, "w", 0));
            AcquirerProxy lock = m.lock();
            DictProxy<String, Integer> dict = d;
            for (int i = 0; i < N_PROCS; i++) {
                Pipe pipe = Pipe.open();
                Connection theirs = pipe.conn2();
                Process p = new Process(() -> serve(dict, lock, theirs));
                p.start();
                theirs.close();
                procs.add(p);
                links.add(pipe.conn1());
            }
        }

        /** Runs {@code command} in every worker at once; returns when all are done. */
        void run(String command) {
            for (Connection c : links) c.send(command);
            for (Connection c : links) c.recv();
        }

        /** {rate, lost updates} of one repetition. */
        double[] count(boolean locked) {
            d.put("c", 0);
            long t0 = System.nanoTime();
            run(locked ? "locked" : "atomic");
            double dt = (System.nanoTime() - t0) / 1e9;
            int fin = d.get("c");
            return new double[] {N_PROCS * N_INCR / dt, N_PROCS * N_INCR - fin};
        }

        @Override
        public void close() {
            for (Connection c : links) c.send("stop");
            for (Process p : procs) p.join();
            for (Connection c : links) c.close();
        }
    }

    static void serve(DictProxy<String, Integer> d, AcquirerProxy lock, Connection link) {
        while (true) {
            String cmd = link.recv();
            if (cmd.equals("stop")) return;
            AcquirerProxy l = cmd.startsWith("locked") ? lock : null;
            if (cmd.endsWith("-warm")) increments(d, l, "w", WARM_NANOS, Integer.MAX_VALUE);
            else increments(d, l, "c", Long.MAX_VALUE / 2, N_INCR);
            link.send("done");
        }
    }

    /** {@code d[key] += 1}, {@code n} times or for {@code nanos}: under {@code lock}, or (null) with one merge. */
    static void increments(DictProxy<String, Integer> d, AcquirerProxy lock, String key, long nanos, int n) {
        long end = System.nanoTime() + nanos;
        for (int i = 0; i < n && System.nanoTime() - end < 0; i++) {
            if (lock != null) {
                try (Held h = lock.hold()) {
                    d.put(key, d.get(key) + 1);
                }
            } else {
                d.merge(key, 1, SUM);
            }
        }
    }
}
