package io.github.concurrent4j.bench.synchronize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.concurrent4j.bench.Emit;
import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.sharedctypes.Value;
import io.github.concurrent4j.multiprocessing.synchronize.Event;
import io.github.concurrent4j.multiprocessing.synchronize.Lock;
import io.github.concurrent4j.multiprocessing.synchronize.RLock;
import io.github.concurrent4j.multiprocessing.synchronize.Semaphore;

/**
 * The workload of {@code bench/peers/python/mp_sync.py} on the shared-memory synchronize types:
 * <ul>
 *   <li>{@code c4j.lock.cross_process.uncontended}: {@code Lock} acquire+release pairs/s, one
 *       thread (500 000 pairs; the lock is the same shared-memory lock every process uses);</li>
 *   <li>{@code c4j.semaphore.cross_process.uncontended}: the same for a {@code Semaphore(1)};</li>
 *   <li>{@code c4j.lock.cross_process.counter4} (incr/s) and {@code ….lost_updates}: 4 child
 *       processes each add 1 to a shared {@code Value('i')} 50 000 times, each under the value's
 *       own lock ({@code with v.get_lock(): v.value += 1}), timed from the start signal (an
 *       {@code Event}) to the last join. Before the signal the four children first do
 *       {@value #WARM_INCR} increments each the same way on another {@code Value}, untimed:
 *       each repetition runs in fresh child JVMs, and 50 000 increments are over before their
 *       JIT has compiled the lock's paths (measured 3 Dec: 120-180 k incr/s without this phase,
 *       650 k-1.1 M with it, as with 500 000 timed increments and no warm-up). CPython has no
 *       JIT to warm. The first repetition's rate without the phase is printed as
 *       {@code ….counter4.fresh};</li>
 *   <li>{@code c4j.event.cross_process.pingpong_rtt_p50/_p99} (µs): a child and this process
 *       bounce a turn through two {@code Event}s (set, await, clear), 5 000 round trips.</li>
 * </ul>
 * Each figure is the median of {@code -Dbench.reps} repetitions (medians of round trips for
 * the percentiles), after one unrecorded warm-up repetition.
 */
public final class SyncBench {
    static final int N_PAIRS = 500_000, N_PROCS = 4, N_INCR = 50_000, N_PING = 5_000, WARM_INCR = 300_000;

    public static void main(String[] args) throws Exception {
        int reps = Integer.getInteger("bench.reps", 3);
        double[] lock = new double[reps], sem = new double[reps], counter = new double[reps], lost = new double[reps],
                p50 = new double[reps], p99 = new double[reps];
        lockPairs(new Lock());
        for (int i = 0; i < reps; i++) lock[i] = lockPairs(new Lock());
        semPairs(new Semaphore(1));
        for (int i = 0; i < reps; i++) sem[i] = semPairs(new Semaphore(1));
        double fresh = counter(0)[0];
        for (int i = 0; i < reps; i++) {
            double[] r = counter(WARM_INCR);
            counter[i] = r[0];
            lost[i] = r[1];
        }
        pingpong();
        for (int i = 0; i < reps; i++) {
            double[] r = pingpong();
            p50[i] = r[0];
            p99[i] = r[1];
        }
        Emit.line("c4j.lock.cross_process.uncontended", Emit.median(lock), "pairs/s");
        Emit.line("c4j.semaphore.cross_process.uncontended", Emit.median(sem), "pairs/s");
        Emit.line("c4j.lock.cross_process.counter4", Emit.median(counter), "incr/s");
        Emit.line("c4j.lock.cross_process.counter4.lost_updates", Arrays2.max(lost), "count");
        Emit.line("c4j.lock.cross_process.counter4.fresh", fresh, "incr/s");
        Emit.line("c4j.event.cross_process.pingpong_rtt_p50", Emit.median(p50), "us");
        Emit.line("c4j.event.cross_process.pingpong_rtt_p99", Emit.median(p99), "us");
        System.exit(0);
    }

    static double lockPairs(Lock l) {
        long t0 = System.nanoTime();
        for (int i = 0; i < N_PAIRS; i++) {
            l.acquire();
            l.release();
        }
        double r = N_PAIRS / ((System.nanoTime() - t0) / 1e9);
        l.close();
        return r;
    }

    static double semPairs(Semaphore s) {
        long t0 = System.nanoTime();
        for (int i = 0; i < N_PAIRS; i++) {
            s.acquire();
            s.release();
        }
        double r = N_PAIRS / ((System.nanoTime() - t0) / 1e9);
        s.close();
        return r;
    }

    /** Returns {rate, lost updates}. */
    static double[] counter(int warm) throws InterruptedException {
        Value v = Value.of('i', 0), w = Value.of('i', 0);
        Event go = new Event();
        Semaphore warmed = new Semaphore(0);
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < N_PROCS; i++) {
            Process p = new Process(() -> {
                RLock wl = w.getLock();
                for (int k = 0; k < warm; k++) {
                    try (var _ = wl.hold()) {
                        w.set(w.getInt() + 1);
                    }
                }
                warmed.release();
                go.await();
                RLock lock = v.getLock();
                for (int k = 0; k < N_INCR; k++) {
                    try (var _ = lock.hold()) {
                        v.set(v.getInt() + 1);
                    }
                }
            });
            p.start();
            ps.add(p);
        }
        for (int i = 0; i < N_PROCS; i++) warmed.acquire();
        Thread.sleep(200);
        long t0 = System.nanoTime();
        go.set();
        for (Process p : ps) p.join();
        double dt = (System.nanoTime() - t0) / 1e9;
        double[] r = {N_PROCS * N_INCR / dt, N_PROCS * N_INCR - v.getInt()};
        v.close();
        w.close();
        go.close();
        warmed.close();
        return r;
    }

    /** Returns {p50, p99} in µs. */
    static double[] pingpong() {
        Event ping = new Event(), pong = new Event();
        Process p = new Process(() -> {
            for (int i = 0; i < N_PING; i++) {
                ping.await();
                ping.clear();
                pong.set();
            }
        });
        p.start();
        long[] rtt = new long[N_PING];
        for (int i = 0; i < N_PING; i++) {
            long t0 = System.nanoTime();
            ping.set();
            pong.await(Duration.ofSeconds(60));
            pong.clear();
            rtt[i] = System.nanoTime() - t0;
        }
        p.join();
        java.util.Arrays.sort(rtt);
        ping.close();
        pong.close();
        return new double[] {Emit.percentileMicros(rtt, 50), Emit.percentileMicros(rtt, 99)};
    }

    private static final class Arrays2 {
        static double max(double[] v) {
            double m = 0;
            for (double x : v) m = Math.max(m, x);
            return m;
        }
    }
}
