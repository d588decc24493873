package io.github.concurrent4j.examples.queue;

import io.github.concurrent4j.queue.Queue;
import io.github.concurrent4j.threading.Threading;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Producer and consumer, decoupled by a queue: the producer bakes buns into a basket (the
 * {@link Queue}) while there is room for them, the consumer eats them; both are daemon
 * threads, so when the main thread has watched long enough and ends, they end with it.
 *
 * <p>Port of seed 003 "生产者消费者模式" ({@code producer()} putting "馒头{n}号" while
 * {@code queue.qsize() < 8}, {@code consumer()} getting, both {@code daemon = True}, the main
 * thread sleeping 10 s); the pace is ten times faster here.
 */
public final class ProducerConsumer {
    private ProducerConsumer() {}

    public static void main(String[] args) throws InterruptedException {
        Queue<String> queue = new Queue<>();
        AtomicInteger num = new AtomicInteger();
        Thread p1 = Threading.thread().name("producer").daemon(true).unstarted(() -> {
            while (true) {
                int n = num.incrementAndGet();
                if (queue.qsize() < 8) {
                    System.out.println("baking bun no. " + n);
                    queue.put("bun no. " + n);
                } else {
                    System.out.println("the basket is full, waiting for the consumer");
                }
                sleep(100);
            }
        });
        Thread c1 = Threading.thread().name("consumer").daemon(true).unstarted(() -> {
            while (true) {
                System.out.println("ate " + queue.get());
                sleep(100);
            }
        });
        Threading.start(p1);
        Threading.start(c1);
        Thread.sleep(1000);
        System.out.println("main thread ends; the daemon producer and consumer end with it");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
