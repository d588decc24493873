package io.github.concurrent4j.multiprocessing;

import java.time.Duration;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.Timeouts;

/**
 * The equivalent of Python's {@code multiprocessing.JoinableQueue}: a {@link Queue} that also
 * counts unfinished tasks across processes. Every {@code put} (in any process) adds one;
 * {@link #taskDone()} (in any process) finishes one; {@link #join()} waits until none is left.
 *
 * <pre>{@code
 * JoinableQueue<Integer> q = new JoinableQueue<>();
 * for (int i = 0; i < 4; i++) {
 *     Process c = new Process(() -> { while (true) { work(q.get()); q.taskDone(); } });
 *     c.setDaemon(true);
 *     c.start();
 * }
 * for (int i = 0; i < 10; i++) q.put(i);
 * q.join();                              // every item was got and marked done
 * }</pre>
 *
 * <p>As in Python, {@code taskDone} called more often than items were put throws
 * ({@link IllegalStateException} "taskDone() called too many times", Python's
 * {@code ValueError}). A put that fails (full, timed out, unserializable) adds no task. A
 * consumer that dies holding an item it has not marked done leaves that task unfinished for
 * ever, so {@code join()} without a timeout then waits for ever (as in Python); use
 * {@link #join(Duration)} where consumers may die.
 *
 * <p>Thread-safe, across processes. Memory consistency effects: actions in a thread prior to
 * {@code taskDone()} happen-before the return of a {@code join()} that it released, in any
 * process.
 *
 * @param <E> the type of the items
 */
public final class JoinableQueue<E> extends Queue<E> {
    /** An unbounded joinable queue. */
    public JoinableQueue() {
        this(0);
    }

    /** A joinable queue holding at most {@code maxsize} items; {@code maxsize <= 0} is unbounded. */
    public JoinableQueue(int maxsize) {
        super(ShmQueue.create(ShmQueue.KIND_JOINABLE, maxsize, ShmQueue.DEFAULT_CAPACITY));
    }

    JoinableQueue(ShmQueue shm) {
        super(shm);
    }

    /**
     * Marks one task done (Python's {@code task_done()}).
     *
     * @throws IllegalStateException if no task is unfinished ("taskDone() called too many times")
     */
    public void taskDone() {
        shm.taskDone();
    }

    /**
     * Waits until every item put by any process has been marked done.
     *
     * @throws InterruptedRuntimeException if interrupted while waiting
     */
    public void join() {
        shm.join(Long.MAX_VALUE);
    }

    /** Like {@link #join()}, waiting at most {@code timeout}; returns whether every task was done in time. */
    public boolean join(Duration timeout) {
        return shm.join(Timeouts.toNanos(timeout));
    }

    /** Items put and not yet marked done, across processes (a snapshot). */
    public long unfinishedTasks() {
        return shm.unfinishedTasks();
    }
}
