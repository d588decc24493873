package io.github.concurrent4j.examples.mpqueue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.github.concurrent4j.multiprocessing.JoinableQueue;
import io.github.concurrent4j.multiprocessing.Process;

/**
 * The seeds' {@code JoinableQueue} version of the producer–consumer model: consumers are
 * daemon processes that never stop by themselves and mark each item done; a producer, after
 * putting its items, waits in {@code q.join()} until every item has been eaten; the parent
 * joins the producers and ends, and the daemon consumers end with it. No end marker is needed.
 *
 * <pre>
 * def producer(q, name, food):
 *     for i in range(10): ...; q.put(fd); print('%s生产了一个%s' % (name, food))
 *     q.join()                       # blocks until every item is got and task_done
 * def consumer(q, name):
 *     while True:
 *         food = q.get(); time.sleep(...); print('%s吃了%s' % (name, food)); q.task_done()
 * jq = JoinableQueue()
 * p = Process(target=producer, args=(jq, 'henry', 'food')); p.start()
 * c = Process(target=consumer, args=(jq, 'echo')); c.daemon = True; c.start()
 * p.join()
 * </pre>
 * (The seed's listing forgets its {@code q.put(fd)} and its consumers; they are put back.)
 */
public final class JoinableProducerConsumer {
    static void producer(JoinableQueue<String> q, String name, String food) throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            Thread.sleep(ThreadLocalRandom.current().nextInt(20));
            String fd = food + i;
            q.put(fd);
            System.out.println(name + " produced " + fd);
        }
        q.join(); // every item put (by any producer) has been eaten and marked done
        System.out.println(name + ": everything has been eaten");
    }

    static void consumer(JoinableQueue<String> q, String name) throws InterruptedException {
        while (true) {
            String food = q.get();
            Thread.sleep(10 + ThreadLocalRandom.current().nextInt(30));
            System.out.println(name + " ate " + food);
            q.taskDone();
        }
    }

    public static void main(String[] args) {
        try (JoinableQueue<String> jq = new JoinableQueue<>()) {
            List<Process> producers = new ArrayList<>();
            for (String name : List.of("henry", "echo")) {
                Process p = new Process(() -> producer(jq, name, name + "'s food"));
                p.start();
                producers.add(p);
            }
            for (int i = 1; i <= 3; i++) {
                String name = "eater" + i;
                Process c = new Process(() -> consumer(jq, name));
                c.setDaemon(true); // ends with the parent
                c.start();
            }
            for (Process p : producers) p.join();
            System.out.println("producers done, unfinished tasks: " + jq.unfinishedTasks() + "; the daemon consumers end with the parent");
        }
    }
}
