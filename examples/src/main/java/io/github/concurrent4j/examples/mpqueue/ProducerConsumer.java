package io.github.concurrent4j.examples.mpqueue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.Queue;

/**
 * The seeds' producer–consumer model between processes: producers put food into a bounded
 * {@code multiprocessing.Queue}, consumers eat it; after every producer has been joined the
 * parent puts one end marker, and each consumer that meets it puts it back for the next one
 * and stops (Python puts {@code None}; a process queue refuses {@code null}, so the marker is
 * an empty string, which Python's {@code if not food} would also treat as the end). Run with
 * one producer and one consumer, one producer and four consumers (the seed's {@code cp(1, 4)}),
 * and three producers and two consumers. The seed's sleeps (up to 1 s and 1–3 s) are shortened.
 *
 * <pre>
 * def producer(q, name, food):
 *     for i in range(10):
 *         time.sleep(random.random()); fd = '%s%s' % (food, i); q.put(fd); print(...)
 * def consumer(q, name):
 *     while True:
 *         food = q.get()
 *         if not food: q.put(None); break
 *         time.sleep(random.randint(1, 3)); print('%s吃了%s' % (name, food))
 * def cp(num1, num2):
 *     q = Queue(10); start num1 producers and num2 consumers; join the producers; q.put(None)
 * </pre>
 */
public final class ProducerConsumer {
    static final String END = "";

    static void producer(Queue<String> q, String name, String food) throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            Thread.sleep(ThreadLocalRandom.current().nextInt(20));
            String fd = food + i;
            q.put(fd);
            System.out.println(name + " produced " + fd);
        }
    }

    static void consumer(Queue<String> q, String name) throws InterruptedException {
        while (true) {
            String food = q.get();
            if (food.isEmpty()) {
                q.put(END); // leave the end marker for the other consumers
                break;
            }
            Thread.sleep(10 + ThreadLocalRandom.current().nextInt(30));
            System.out.println(name + " ate " + food);
        }
    }

    static void cp(int num1, int num2) {
        System.out.println("== " + num1 + " producer(s), " + num2 + " consumer(s)");
        try (Queue<String> q = new Queue<>(10)) {
            List<Process> producers = new ArrayList<>(), consumers = new ArrayList<>();
            for (int i = 0; i < num1; i++) {
                String name = "henry" + (i + 1), food = num1 == 1 ? "food" : "food" + (char) ('A' + i) + "-";
                Process p = new Process(() -> producer(q, name, food));
                p.start();
                producers.add(p);
            }
            for (int i = 0; i < num2; i++) {
                String name = "echo" + (i + 1);
                Process c = new Process(() -> consumer(q, name));
                c.start();
                consumers.add(c);
            }
            for (Process p : producers) p.join();
            q.put(END);
            for (Process c : consumers) c.join();
        }
    }

    public static void main(String[] args) {
        cp(1, 1);
        cp(1, 4);
        cp(3, 2);
    }
}
