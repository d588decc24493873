package io.github.concurrent4j.bench.threading;

import io.github.concurrent4j.threading.Lock;
import io.github.concurrent4j.threading.Mutex;
import io.github.concurrent4j.threading.RLock;

/**
 * The workload of {@code bench/peers/python/lock.py} and {@code bench/peers/java/LockBench.java}:
 * 2 threads each do 1 000 000 increments of a shared counter under one lock, Python's
 * {@code with lock: counter += 1} ({@code try (var _ = lock.hold()) { counter++; }}). One run,
 * thread start and join included, measured in increments per second. Run by {@link Forked}.
 */
public final class LockBench {
    static final int N_THREADS = 2;
    static final int N_INCR = 1_000_000;
    static long counter;

    private LockBench() {}

    public static void main(String[] args) throws InterruptedException {
        Forked.runChild(args, LockBench::opsPerSecond);
    }

    static double opsPerSecond(String kind) throws InterruptedException {
        Mutex lock = switch (kind) {
            case "Lock" -> new Lock();
            case "RLock" -> new RLock();
            default -> throw new IllegalArgumentException("unknown lock kind " + kind);
        };
        return kind.equals("Lock") ? run((Lock) lock) : run((RLock) lock);
    }

    // One method per class, so that each loop is compiled for one receiver type, as user code is.
    private static double run(Lock lock) throws InterruptedException {
        return time(() -> {
            for (int i = 0; i < N_INCR; i++) {
                try (var _ = lock.hold()) {
                    counter++;
                }
            }
        });
    }

    private static double run(RLock lock) throws InterruptedException {
        return time(() -> {
            for (int i = 0; i < N_INCR; i++) {
                try (var _ = lock.hold()) {
                    counter++;
                }
            }
        });
    }

    private static double time(Runnable body) throws InterruptedException {
        counter = 0;
        Thread[] threads = new Thread[N_THREADS];
        for (int i = 0; i < N_THREADS; i++) {
            threads[i] = Thread.ofPlatform().unstarted(body);
        }
        long t0 = System.nanoTime();
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (counter != (long) N_THREADS * N_INCR) {
            throw new AssertionError("counter " + counter + ": the lock let an update through");
        }
        return N_THREADS * (double) N_INCR / seconds;
    }
}
