package io.github.concurrent4j.bench.threading;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import io.github.concurrent4j.threading.Lock;
import io.github.concurrent4j.threading.RLock;

/**
 * The workload of {@code bench/peers/python/lock.py} and {@code bench/peers/java/LockBench.java}:
 * 2 threads each do 1 000 000 increments of a shared counter under one lock, Python's
 * {@code with lock: counter += 1} ({@code try (var _ = lock.hold()) { counter++; }}). One
 * benchmark invocation is one such run, thread start and join included, as in the peers, timed
 * on its own ({@code SingleShotTime}) and counted as 2 000 000 operations; {@code bench/lock.sh}
 * prints the median of the runs' rates, as the peers do. 50 warm-up runs (~2 s), 30 measured.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(LockBench.N_THREADS * LockBench.N_INCR)
@Warmup(iterations = 50)
@Measurement(iterations = 30)
@Fork(value = 5, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class LockBench {
    static final int N_THREADS = 2;
    static final int N_INCR = 1_000_000;
    static long counter;

    // One method per class, so that each loop is compiled for one receiver type, as user code is.
    @Benchmark
    public long lock() throws InterruptedException {
        Lock lock = new Lock();
        return run(() -> {
            for (int i = 0; i < N_INCR; i++) {
                try (var _ = lock.hold()) {
                    counter++;
                }
            }
        });
    }

    @Benchmark
    public long rLock() throws InterruptedException {
        RLock lock = new RLock();
        return run(() -> {
            for (int i = 0; i < N_INCR; i++) {
                try (var _ = lock.hold()) {
                    counter++;
                }
            }
        });
    }

    private static long run(Runnable body) throws InterruptedException {
        counter = 0;
        Thread[] threads = new Thread[N_THREADS];
        for (int i = 0; i < N_THREADS; i++) {
            threads[i] = Thread.ofPlatform().unstarted(body);
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (counter != (long) N_THREADS * N_INCR) {
            throw new AssertionError("counter " + counter + ": the lock let an update through");
        }
        return counter;
    }
}
