package io.github.concurrent4j.bench.threading;

import io.github.concurrent4j.queue.Queue;
import io.github.concurrent4j.queue.SimpleQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The workload of {@code bench/peers/python/thread_queue.py} and
 * {@code bench/peers/java/ThreadQueue.java}: one producer thread puts 1 000 000 boxed ints and
 * an end marker, one consumer thread gets until the marker; one run is one such transfer,
 * thread start and join included, measured in items per second.
 *
 * <ul>
 *   <li>{@code bounded1024}: {@code Queue(1024)}, against {@code queue.Queue(maxsize=1024)} and
 *       {@code ArrayBlockingQueue(1024)};</li>
 *   <li>{@code unbounded}: {@code Queue()}, against {@code queue.Queue()} and
 *       {@code LinkedBlockingQueue};</li>
 *   <li>{@code simple}: {@code SimpleQueue}, against {@code queue.SimpleQueue}.</li>
 * </ul>
 * Run by {@link Forked}; {@code main(kind, warmups, runs)} prints one figure per measured run.
 */
public final class ThreadQueueBench {
    static final int N_ITEMS = 1_000_000;
    /** Compared by identity, as the peer does with its boxed MIN_VALUE. */
    static final Integer END = Integer.valueOf(Integer.MIN_VALUE);

    private ThreadQueueBench() {}

    public static void main(String[] args) throws InterruptedException {
        Forked.runChild(args, ThreadQueueBench::itemsPerSecond);
    }

    static double itemsPerSecond(String kind) throws InterruptedException {
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
            default -> throw new IllegalArgumentException("unknown queue kind " + kind);
        };
    }

    static double run(Consumer<Integer> put, Supplier<Integer> get) throws InterruptedException {
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
        long t0 = System.nanoTime();
        consumer.start();
        producer.start();
        producer.join();
        consumer.join();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (got[0] != N_ITEMS) {
            throw new AssertionError("got " + got[0] + " items, expected " + N_ITEMS);
        }
        return N_ITEMS / seconds;
    }
}
