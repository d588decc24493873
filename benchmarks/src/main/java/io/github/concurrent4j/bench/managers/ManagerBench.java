package io.github.concurrent4j.bench.managers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.concurrent4j.bench.Emit;
import io.github.concurrent4j.function.SerializableBiFunction;
import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.connection.Address;
import io.github.concurrent4j.multiprocessing.managers.AcquirerProxy;
import io.github.concurrent4j.multiprocessing.managers.DictProxy;
import io.github.concurrent4j.multiprocessing.managers.EventProxy;
import io.github.concurrent4j.multiprocessing.managers.Manager;
import io.github.concurrent4j.threading.Held;
import io.github.concurrent4j.transport.internal.HmacSha256;

/**
 * The workload of {@code bench/peers/python/manager.py}: a manager dict's {@code d["c"]} read
 * from one process (µs per call), and a counter incremented by 2 processes × 20 000 times,
 * {@code d["c"] = d["c"] + 1} under a manager lock (4 calls per increment) or, what Python
 * lacks, with one atomic {@code merge} call; plus the read over TCP loopback. Each figure is the
 * median of {@code bench.reps} repetitions (lost updates: the largest count seen).
 */
public final class ManagerBench {
    static final int N_PROCS = 2, N_INCR = 20_000, N_GET = 20_000;
    static final SerializableBiFunction<Integer, Integer, Integer> SUM = Integer::sum;

    public static void main(String[] args) {
        int reps = Integer.getInteger("bench.reps", 5);
        double[] get = new double[reps], locked = new double[reps], lockedLost = new double[reps];
        double[] atomic = new double[reps], atomicLost = new double[reps], tcp = new double[reps];
        double[] rtt = new double[reps], codec = new double[reps];
        try (Manager m = Manager.start()) {
            for (int r = 0; r < reps; r++) get[r] = getLatency(m);
            for (int r = 0; r < reps; r++) {
                double[] res = counter(m, true);
                locked[r] = res[0];
                lockedLost[r] = res[1];
            }
            for (int r = 0; r < reps; r++) {
                double[] res = counter(m, false);
                atomic[r] = res[0];
                atomicLost[r] = res[1];
            }
        }
        try (Manager remote = Manager.start(Address.tcp("127.0.0.1", 0), HmacSha256.randomBytes(32))) {
            for (int r = 0; r < reps; r++) tcp[r] = getLatency(remote);
        }
        // Where a call's time goes: the transport's floor (a raw 40-byte round trip over the same
        // authenticated Unix-socket connection, to an echo thread) and the codec's share.
        for (int r = 0; r < reps; r++) rtt[r] = socketRtt();
        for (int r = 0; r < reps; r++) codec[r] = codecCost();
        Emit.line("c4j.manager.dict_get.one_proc", Emit.median(get), "us/op");
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

    static double getLatency(Manager m) {
        DictProxy<String, Integer> d = m.dict();
        d.put("c", 0);
        for (int i = 0; i < 2000; i++) d.get("c");
        long t0 = System.nanoTime();
        for (int i = 0; i < N_GET; i++) d.get("c");
        return (System.nanoTime() - t0) / 1e3 / N_GET;
    }

    /** {rate, lost updates}. */
    static double[] counter(Manager m, boolean locked) {
        DictProxy<String, Integer> d = m.dict(Map.of("c", 0));
        AcquirerProxy lock = m.lock();
        EventProxy go = m.event();
        EventProxy ready = m.event();
        DictProxy<String, Integer> readyCount = m.dict(Map.of("n", 0));
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < N_PROCS; i++) {
            Process p = new Process(() -> worker(d, locked ? lock : null, go, readyCount, ready));
            p.start();
            ps.add(p);
        }
        ready.await(); // every worker connected and waiting on go
        long t0 = System.nanoTime();
        go.set();
        for (Process p : ps) p.join();
        double dt = (System.nanoTime() - t0) / 1e9;
        int fin = d.get("c");
        return new double[] {N_PROCS * N_INCR / dt, N_PROCS * N_INCR - fin};
    }

    static void worker(DictProxy<String, Integer> d, AcquirerProxy lock, EventProxy go,
            DictProxy<String, Integer> readyCount, EventProxy ready) {
        d.get("c"); // connect before the clock starts
        if (readyCount.merge("n", 1, SUM) == N_PROCS) ready.set();
        go.await();
        if (lock != null) {
            for (int i = 0; i < N_INCR; i++) {
                try (Held h = lock.hold()) {
                    d.put("c", d.get("c") + 1);
                }
            }
        } else {
            for (int i = 0; i < N_INCR; i++) d.merge("c", 1, SUM);
        }
    }
}
