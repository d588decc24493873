package io.github.concurrent4j.bench.threading;

import io.github.concurrent4j.queue.Queue;
import io.github.concurrent4j.queue.SimpleQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The workload of {@code bench/peers/python/thread_queue.py} and
 * {@code bench/peers/java/ThreadQueue.java}: one producer thread puts 1 000 000 boxed ints and
 * an end marker, one consumer thread gets until the marker; one invocation is one such run,
 * thread start and join included, so the score is items per second.
 *
 * <ul>
 *   <li>{@code bounded1024}: {@code Queue(1024)}, against {@code queue.Queue(maxsize=1024)} and
 *       {@code ArrayBlockingQueue(1024)};</li>
 *   <li>{@code unbounded}: {@code Queue()}, against {@code queue.Queue()} and
 *       {@code LinkedBlockingQueue};</li>
 *   <li>{@code simple}: {@code SimpleQueue}, against {@code queue.SimpleQueue}.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ThreadQueueBench {
    static final int N_ITEMS = 1_000_000;
    /** Compared by identity, as the peer does with its boxed MIN_VALUE. */
    static final Integer END = Integer.valueOf(Integer.MIN_VALUE);

    @Param({"bounded1024", "unbounded", "simple"})
    public String kind;

    @Benchmark
    @OperationsPerInvocation(N_ITEMS)
    public long transfer() throws InterruptedException {
        return switch (kind) {
            case "bounded1024" -> {
                Queue<Integer> q = new Queue<>(1024);
                yield run(q::put, q::get);
            }
            case "unbounded" -> {
                Queue<Integer> q = new Queue<>();
                yield run(q::put, q::get);
            }
            case "simple" -> {
                SimpleQueue<Integer> q = new SimpleQueue<>();
                yield run(q::put, q::get);
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    static long run(Consumer<Integer> put, Supplier<Integer> get) throws InterruptedException {
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
