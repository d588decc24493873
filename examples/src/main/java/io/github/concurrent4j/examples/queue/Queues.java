package io.github.concurrent4j.examples.queue;

import io.github.concurrent4j.queue.EmptyException;
import io.github.concurrent4j.queue.FullException;
import io.github.concurrent4j.queue.LifoQueue;
import io.github.concurrent4j.queue.Prioritized;
import io.github.concurrent4j.queue.PriorityQueue;
import io.github.concurrent4j.queue.Queue;
import io.github.concurrent4j.queue.ShutDownException;
import io.github.concurrent4j.threading.Threading;

/**
 * The {@code queue} module's three orders: FIFO (first come, first served), LIFO (a stack, for
 * algorithms) and priority (VIP users, alarm levels: lowest first); then a bounded queue's
 * {@code put_nowait}/{@code get_nowait} with {@code Full}/{@code Empty}, {@code task_done}/
 * {@code join}, and Python 3.13's {@code shutdown}.
 *
 * <p>Port of seed 000 §9.5 "3. 队列" ({@code Queue(5)}, {@code LifoQueue(4)},
 * {@code PriorityQueue} with {@code (10, 'henry')}, {@code (6, 'echo')}, {@code (10, 'dean')})
 * and the seed's {@code q = Queue(3) ... put_nowait(4) except queue.Full ... get_nowait()
 * except queue.Empty}.
 */
public final class Queues {
    private Queues() {}

    public static void main(String[] args) {
        Queue<Integer> q = new Queue<>(5); // FIFO: serve requests in arrival order
        q.put(1);
        q.put(2);
        System.out.println("Queue:         got " + q.get() + ", then " + q.get());

        LifoQueue<Integer> lfq = new LifoQueue<>(4); // LIFO: a stack
        lfq.put(1);
        lfq.put(2);
        System.out.println("LifoQueue:     got " + lfq.get() + ", then " + lfq.get());

        PriorityQueue<Prioritized<String>> pq = new PriorityQueue<>(); // lowest priority first
        pq.put(Prioritized.of(10, "henry"));
        pq.put(Prioritized.of(6, "echo"));
        pq.put(Prioritized.of(10, "dean"));
        System.out.println("PriorityQueue: got " + pq.get() + ", then " + pq.get() + ", then " + pq.get()
                + "   (equal priorities: ordered by the item, as Python orders tuples)");

        Queue<Integer> q3 = new Queue<>(3);
        q3.put(1);
        q3.put(2);
        q3.put(3); // a fourth put() would block: the queue is full
        try {
            q3.putNowait(4);
        } catch (FullException e) {
            System.out.println("putNowait(4) on a full Queue(3): FullException (queue.Full)");
        }
        System.out.println("qsize " + q3.qsize() + ", full " + q3.full() + "; get: " + q3.get() + " " + q3.get() + " " + q3.get());
        try {
            q3.getNowait();
        } catch (EmptyException e) {
            System.out.println("getNowait() on an empty queue: EmptyException (queue.Empty)");
        }

        // task_done / join: join() returns when every item put has been marked done
        Queue<String> jobs = new Queue<>();
        Threading.start("worker", true, () -> {
            for (;;) {
                String job = jobs.get();
                System.out.println("  worker did " + job);
                jobs.taskDone();
            }
        });
        for (int i = 1; i <= 3; i++) {
            jobs.put("job " + i);
        }
        jobs.join();
        System.out.println("join() returned: all 3 jobs are done");

        // shutdown (Python 3.13): put raises at once; get drains, then raises
        Queue<String> closing = new Queue<>();
        closing.put("last item");
        closing.shutdown();
        try {
            closing.put("too late");
        } catch (ShutDownException e) {
            System.out.println("put after shutdown(): ShutDownException");
        }
        System.out.println("get after shutdown(): " + closing.get());
        try {
            closing.get();
        } catch (ShutDownException e) {
            System.out.println("get on the drained, shut-down queue: ShutDownException");
        }
    }
}
