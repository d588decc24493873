package io.github.concurrent4j.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many producers and consumers at once: nothing lost, nothing duplicated, the bound never
 * exceeded, and shutdown racing with puts and gets keeps Python's promises (every put that
 * returned normally delivers its item exactly once unless an immediate shutdown discarded
 * it; {@code join} returns).
 */
@Tag("stress")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QueueStressTest {
    private static final int PRODUCERS = 3, CONSUMERS = 3, PER_PRODUCER = 30_000;

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of(Named.of("Queue(4)", (IntFunction<Queue<Integer>>) n -> new Queue<>(4))),
                Arguments.of(Named.of("Queue(1)", (IntFunction<Queue<Integer>>) n -> new Queue<>(1))),
                Arguments.of(Named.of("Queue()", (IntFunction<Queue<Integer>>) n -> new Queue<>())),
                Arguments.of(Named.of("LifoQueue(8)", (IntFunction<Queue<Integer>>) n -> new LifoQueue<>(8))),
                Arguments.of(Named.of("PriorityQueue(8)", (IntFunction<Queue<Integer>>) n -> new PriorityQueue<>(8))));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyItemIsDeliveredExactlyOnceAndTheBoundHolds(IntFunction<Queue<Integer>> kind) {
        Queue<Integer> q = kind.apply(0);
        int total = PRODUCERS * PER_PRODUCER;
        BitSet seen = new BitSet(total);
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger overfull = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int base = p * PER_PRODUCER;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < PER_PRODUCER; i++) {
                    q.put(base + i);
                    if (q.maxsize() > 0 && q.qsize() > q.maxsize()) {
                        overfull.incrementAndGet();
                    }
                }
            }));
        }
        AtomicInteger remaining = new AtomicInteger(total);
        for (int c = 0; c < CONSUMERS; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                while (remaining.getAndDecrement() > 0) {
                    int v = q.get();
                    synchronized (seen) {
                        if (seen.get(v)) {
                            duplicates.incrementAndGet();
                        }
                        seen.set(v);
                    }
                    q.taskDone();
                }
            }));
        }
        for (Thread t : threads) {
            join(t);
        }
        assertThat(duplicates).hasValue(0);
        assertThat(seen.cardinality()).isEqualTo(total);
        assertThat(overfull).hasValue(0);
        assertThat(q.qsize()).isZero();
        assertThat(q.join(Duration.ZERO)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void shutdownRacingWithPutsAndGetsLosesNothing(IntFunction<Queue<Integer>> kind) {
        for (boolean immediate : new boolean[] {false, true}) {
            for (int round = 0; round < 5; round++) {
                shutdownRace(kind.apply(0), immediate);
            }
        }
    }

    private static void shutdownRace(Queue<Integer> q, boolean immediate) {
        BitSet put = new BitSet();
        BitSet got = new BitSet();
        AtomicInteger duplicates = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(PRODUCERS);
        List<Thread> threads = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        for (int p = 0; p < PRODUCERS; p++) {
            threads.add(Thread.ofPlatform().start(() -> {
                started.countDown();
                try {
                    for (;;) {
                        int v = next.getAndIncrement();
                        q.put(v);
                        synchronized (put) {
                            put.set(v);
                        }
                    }
                } catch (ShutDownException expected) {
                    // the end of this producer
                }
            }));
        }
        for (int c = 0; c < CONSUMERS; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (;;) {
                        int v = q.get();
                        synchronized (got) {
                            if (got.get(v)) {
                                duplicates.incrementAndGet();
                            }
                            got.set(v);
                        }
                        q.taskDone();
                    }
                } catch (ShutDownException expected) {
                    // the end of this consumer
                }
            }));
        }
        try {
            started.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        while (next.get() < 2_000) {
            Thread.onSpinWait();
        }
        q.shutdown(immediate);
        for (Thread t : threads) {
            join(t);
        }
        assertThat(duplicates).hasValue(0);
        BitSet unexpected = (BitSet) got.clone();
        unexpected.andNot(put);
        // a value may be got before its producer records the put; every got value was put
        assertThat(unexpected.stream().allMatch(v -> v < next.get())).isTrue();
        if (!immediate) {
            BitSet lost = (BitSet) put.clone();
            lost.andNot(got);
            assertThat(lost.cardinality()).as("items put before shutdown but never got").isZero();
        }
        assertThat(q.join(Duration.ofSeconds(10))).as("join returns: every task done or discarded").isTrue();
        assertThat(q.qsize()).isZero();
    }

    private static void join(Thread t) {
        try {
            assertThat(t.join(Duration.ofSeconds(40))).as("thread %s finished", t).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
