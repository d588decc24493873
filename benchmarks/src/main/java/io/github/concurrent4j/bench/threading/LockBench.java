package io.github.concurrent4j.bench.threading;

import io.github.concurrent4j.threading.Lock;
import io.github.concurrent4j.threading.RLock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The workload of {@code bench/peers/python/lock.py} and {@code bench/peers/java/LockBench.java}:
 * 2 threads each do 1 000 000 increments of a shared counter under one lock, Python's
 * {@code with lock: counter += 1} ({@code try (var _ = lock.hold()) { counter++; }}). One
 * invocation is one run, thread start and join included; the score is increments per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LockBench {
    static final int N_THREADS = 2;
    static final int N_INCR = 1_000_000;

    @Param({"Lock", "RLock"})
    public String kind;

    private long counter;

    @Benchmark
    @OperationsPerInvocation(N_THREADS * N_INCR)
    public long increments() throws InterruptedException {
        counter = 0;
        Runnable body = switch (kind) {
            case "Lock" -> {
                Lock lock = new Lock();
                yield () -> {
                    for (int i = 0; i < N_INCR; i++) {
                        try (var _ = lock.hold()) {
                            counter++;
                        }
                    }
                };
            }
            case "RLock" -> {
                RLock lock = new RLock();
                yield () -> {
                    for (int i = 0; i < N_INCR; i++) {
                        try (var _ = lock.hold()) {
                            counter++;
                        }
                    }
                };
            }
            default -> throw new IllegalArgumentException(kind);
        };
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
            throw new AssertionError("counter " + counter);
        }
        return counter;
    }
}
