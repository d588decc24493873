package io.github.concurrent4j.examples.mpqueue;

import io.github.concurrent4j.multiprocessing.Queue;
import io.github.concurrent4j.queue.EmptyException;
import io.github.concurrent4j.queue.FullException;

/**
 * The seeds' "Process中的队列" program: the process {@code Queue} behaves like the thread
 * queue of the {@code queue-kinds} example — a bound, {@code Full} from {@code put_nowait} on
 * a full queue, {@code Empty} from {@code get_nowait} on an empty one, and the snapshots
 * {@code empty}/{@code qsize}/{@code full} (the seed's "有缺陷": another process may change the
 * queue right after).
 *
 * <pre>
 * import queue
 * from multiprocessing import Queue
 * q = Queue(3)
 * q.put(1); q.put(2); q.put(3)          # a 4th put would block: the queue is full
 * try: q.put_nowait(4)                  # full: raises (and 4 is not put)
 * except queue.Full: pass
 * q.get(); q.get(); q.get()             # a 4th get would block: the queue is empty
 * try: q.get_nowait()                   # empty: raises instead of blocking
 * except queue.Empty: pass
 * q.empty(); q.qsize(); q.full()
 * </pre>
 */
public final class QueueKinds {
    public static void main(String[] args) {
        try (Queue<Integer> q = new Queue<>(3)) {                 // the length can be set
            q.put(1);
            q.put(2);
            q.put(3);                                             // a 4th put would block until a get
            System.out.println("----------");
            System.out.println("qsize=" + q.qsize() + " full=" + q.full() + " empty=" + q.empty());
            try {
                q.putNowait(4);                                   // full: Full, and 4 is not put
            } catch (FullException e) {
                System.out.println("putNowait(4) on a full queue: FullException");
            }
            System.out.println("----------");
            System.out.println(q.get() + " " + q.get() + " " + q.get()); // a 4th get would block until a put
            try {
                q.getNowait();                                    // empty: Empty instead of blocking
            } catch (EmptyException e) {
                System.out.println("getNowait() on an empty queue: EmptyException");
            }
            System.out.println("qsize=" + q.qsize() + " full=" + q.full() + " empty=" + q.empty());
        }
    }
}
