package io.github.concurrent4j.bench.threading;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import io.github.concurrent4j.queue.Queue;
import io.github.concurrent4j.queue.SimpleQueue;

/**
 * The workload of {@code bench/peers/python/thread_queue.py} and
 * {@code bench/peers/java/ThreadQueue.java}: one producer thread puts 1 000 000 boxed ints and
 * an end marker, one consumer thread gets until the marker. One benchmark invocation is one
 * such transfer through a new queue, thread start and join included, as in the peers, timed on
 * its own ({@code SingleShotTime}: one invocation per iteration) and counted as 1 000 000
 * operations; {@code bench/thread_queue.sh} turns each time into a rate and prints the median of
 * those rates, as the peers do with their runs. (A Throughput iteration would pool the time of
 * some ten transfers, weighting the slow ones more than a median of runs does.)
 *
 * <ul>
 *   <li>{@link #bounded1024}: {@code Queue(1024)}, against {@code queue.Queue(maxsize=1024)} and
 *       {@code ArrayBlockingQueue(1024)};</li>
 *   <li>{@link #unbounded}: {@code Queue()}, against {@code queue.Queue()} and
 *       {@code LinkedBlockingQueue};</li>
 *   <li>{@link #simple}: {@code SimpleQueue}, against {@code queue.SimpleQueue}.</li>
 * </ul>
 *
 * <p>Warm-up: the FIFO engine's first transfers are 2–3 times slower than its steady state, and
 * on this 2-core machine C2 needs some 30 transfers (3–5 s) before the speed holds
 * (BENCHMARKS.md shows the curve); 40 warm-up transfers leave it in steady state, as the peers'
 * few warm-up runs leave theirs; then 20 are measured.
 * Each kind runs in JVMs of its own (JMH forks), so every call site sees one queue class, as in
 * user code; the forks keep the JVM's default heap and GC, as the JDK peers do. Run by
 * {@code bench/thread_queue.sh}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(ThreadQueueBench.N_ITEMS)
@Warmup(iterations = 40)
@Measurement(iterations = 20)
@Fork(value = 5, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class ThreadQueueBench {
    static final int N_ITEMS = 1_000_000;
    /** Compared by identity, as the peer does with its boxed MIN_VALUE. */
    static final Integer END = Integer.valueOf(Integer.MIN_VALUE);

    @Benchmark
    public long bounded1024() throws InterruptedException {
        Queue<Integer> q = new Queue<>(1024);
        return transfer(q::put, q::get);
    }

    @Benchmark
    public long unbounded() throws InterruptedException {
        Queue<Integer> q = new Queue<>();
        return transfer(q::put, q::get);
    }

    @Benchmark
    public long simple() throws InterruptedException {
        SimpleQueue<Integer> q = new SimpleQueue<>();
        return transfer(q::put, q::get);
    }

    /** One transfer of {@link #N_ITEMS} items; returns how many the consumer got. */
    static long transfer(Consumer<Integer> put, Supplier<Integer> get) throws InterruptedException {
        long[] got = new long[1];
        Thread consumer = Thread.ofPlatform().unstarted(() -> {
            long n = 0;
            while (get.get() != END) {
                n++;
            }
            got[0] = n;
        });
        Thread producer = Thread.ofPlatform().unstarted(() -> {
            for (int i = 0; i < N_ITEMS; i++) {
                put.accept(i);
            }
            put.accept(END);
        });
        consumer.start();
        producer.start();
        producer.join();
        consumer.join();
        if (got[0] != N_ITEMS) {
            throw new AssertionError("got " + got[0] + " items, expected " + N_ITEMS);
        }
        return got[0];
    }
}
