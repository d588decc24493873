package io.github.concurrent4j.multiprocessing;

import java.time.Duration;
import java.util.Objects;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.queue.EmptyException;
import io.github.concurrent4j.queue.FullException;
import io.github.concurrent4j.transport.SerializationException;
import io.github.concurrent4j.transport.Transferable;

/**
 * The equivalent of Python's {@code multiprocessing.Queue}: a FIFO queue shared by processes,
 * optionally bounded, that any thread of any process holding it may put to and get from.
 *
 * <pre>{@code
 * Queue<String> q = new Queue<>();
 * Process p = new Process(() -> { q.put("hello from " + Multiprocessing.currentProcess().name()); });
 * p.start();
 * System.out.println(q.get());
 * p.join();
 * }</pre>
 *
 * <p>Behaviour, as Python's: {@code maxsize <= 0} is unbounded; {@link #put} waits for a free
 * slot and {@link #get} for an item; the timed forms throw {@link FullException} /
 * {@link EmptyException} (the {@code queue} package's, Python's {@code queue.Full} and
 * {@code queue.Empty}) when the time is up, the {@code Nowait} forms at once. Items put by one
 * producer come out in the order it put them; with several producers and consumers every item
 * is got exactly once. {@link #qsize()}, {@link #empty()} and {@link #full()} are snapshots.
 * {@link #close()} ends this process's use of the queue: later calls here throw
 * {@link IllegalStateException} (Python's {@code ValueError: Queue is closed}).
 *
 * <p>Differences from Python:
 * <ul>
 *   <li>There is no feeder thread. Where CPython hands the item to a background thread that
 *       writes it to a pipe, {@code put} here writes it into a ring in shared memory
 *       ({@code /dev/shm}, mode 0600 in the family's 0700 directory) before it returns. So an
 *       unserializable item makes {@code put} itself throw (a {@link SerializationException}
 *       naming the class), and nothing is put; a producer that exits right after {@code put}
 *       loses nothing; and a parent may {@link Process#join()} a child before draining what the
 *       child put — CPython's documented "joining processes that use queues" deadlock cannot
 *       happen. {@link #joinThread()} and {@link #cancelJoinThread()} are kept for ported code
 *       and have nothing to wait for.</li>
 *   <li>Items larger than a quarter of the ring (256 KiB by default) are written to a spill
 *       file next to the ring and the ring carries its name; they still pass, in order.</li>
 *   <li>{@code null} items are refused ({@link NullPointerException}), as by the
 *       {@code queue} package's queues: put a sentinel object where Python code puts
 *       {@code None}. Items are encoded by the process family's codec (Kryo with the
 *       allow-list, see {@code Serialization}); only allowed classes are decoded.</li>
 *   <li>Blocking calls are interruptible ({@link InterruptedRuntimeException}).</li>
 * </ul>
 *
 * <p><b>Passing to children.</b> A queue captured by a {@link Process}'s target (or sent over
 * a connection, or put into another queue) arrives as the same queue; up to 1 024 live
 * processes may hold it at once. Its shared-memory file is removed when the last process
 * holding it closes it (or its object becomes unreachable); what dead processes held is
 * removed when the family ends, by its resource tracker.
 *
 * <p><b>Processes that die.</b> A producer killed at any moment, even with SIGKILL, has either
 * put its item whole or not at all. A consumer killed while blocked in {@code get} took
 * nothing and held nothing (waiters sleep without the queue's lock): the others go on at once.
 * A consumer killed <em>inside</em> {@code get}: if it died before the item was removed from
 * the ring, the item stays first in line for the next consumer (after a delay of at most about
 * 50 ms, the time to see that the lock it held belongs to a dead process); if it died after
 * (including after {@code get} returned), the item is gone with it. An item is
 * never delivered twice. CPython's queue, in the same case, deadlocks every later
 * {@code get} when the consumer died holding the queue's read lock.
 *
 * <p>Thread-safe: any number of producer and consumer threads in any number of processes.
 * Memory consistency effects: actions in a thread (of any process) prior to placing an item
 * into the queue <i>happen-before</i> actions subsequent to the removal of that item from the
 * queue in another thread (of any process); the item itself is a copy. {@code put} and
 * {@code get} in all their forms are linearizable ({@code qsize} is a snapshot that may count
 * an item a moment before it can be got): {@code Full}/{@code Empty} mean the
 * queue was full/empty at some instant during the call (CPython's {@code get_nowait} also
 * raises {@code Empty} when another process merely holds the queue's read lock).
 *
 * @param <E> the type of the items
 */
public sealed class Queue<E> implements AutoCloseable, Transferable permits JoinableQueue {
    final ShmQueue shm;

    /** An unbounded queue (Python's {@code Queue()}). */
    public Queue() {
        this(0);
    }

    /** A queue holding at most {@code maxsize} items; {@code maxsize <= 0} is unbounded. */
    public Queue(int maxsize) {
        this(ShmQueue.create(ShmQueue.KIND_QUEUE, maxsize, ShmQueue.DEFAULT_CAPACITY));
    }

    Queue(ShmQueue shm) {
        this.shm = shm;
        shm.own(this);
    }

    /**
     * Puts {@code item}, waiting for a free slot if the queue is full.
     *
     * @throws SerializationException if the item cannot be encoded (nothing is put)
     * @throws IllegalStateException if the queue was closed in this process
     * @throws InterruptedRuntimeException if interrupted while waiting
     */
    public void put(E item) {
        shm.put(requireItem(item), Long.MAX_VALUE);
    }

    /**
     * Puts {@code item}, waiting at most {@code timeout} for a free slot (Python's
     * {@code put(item, timeout=t)}).
     *
     * @throws FullException if no slot became free in time
     * @throws IllegalArgumentException if the timeout is negative
     */
    public void put(E item, Duration timeout) {
        long nanos = Timeouts.toNanos(timeout);
        shm.put(requireItem(item), nanos);
    }

    /**
     * Puts {@code item} only if a slot is free now (Python's {@code put_nowait} or
     * {@code put(item, block=False)}).
     *
     * @throws FullException if the queue is full
     */
    public void putNowait(E item) {
        shm.put(requireItem(item), 0);
    }

    /**
     * Removes and returns the next item, waiting until there is one.
     *
     * @throws IllegalStateException if the queue was closed in this process
     * @throws InterruptedRuntimeException if interrupted while waiting
     */
    @SuppressWarnings("unchecked")
    public E get() {
        return (E) shm.get(Long.MAX_VALUE);
    }

    /**
     * Removes and returns the next item, waiting at most {@code timeout} (Python's
     * {@code get(timeout=t)}).
     *
     * @throws EmptyException if no item arrived in time
     * @throws IllegalArgumentException if the timeout is negative
     */
    @SuppressWarnings("unchecked")
    public E get(Duration timeout) {
        return (E) shm.get(Timeouts.toNanos(timeout));
    }

    /**
     * Removes and returns the next item if there is one now (Python's {@code get_nowait} or
     * {@code get(block=False)}).
     *
     * @throws EmptyException if the queue is empty
     */
    @SuppressWarnings("unchecked")
    public E getNowait() {
        return (E) shm.get(0);
    }

    /** The number of items in the queue now, put by any process and not yet got (a snapshot). */
    public int qsize() {
        shm.checkOpen();
        return (int) Math.min(Integer.MAX_VALUE, shm.qsize());
    }

    /** Whether the queue is empty now (a snapshot). */
    public boolean empty() {
        shm.checkOpen();
        return shm.qsize() == 0;
    }

    /** Whether the queue is bounded and holds {@code maxsize} items now (a snapshot). */
    public boolean full() {
        shm.checkOpen();
        return shm.maxsize > 0 && shm.qsize() >= shm.maxsize;
    }

    /** The bound given at construction; 0 for an unbounded queue. */
    public int maxsize() {
        return shm.maxsize;
    }

    /**
     * Ends this process's use of the queue (Python's {@code close()}): later calls on it in this
     * process throw {@link IllegalStateException}; items already put stay for the other
     * processes. Called again, does nothing. When no process holds the queue any more its
     * shared memory is removed.
     */
    @Override
    public void close() {
        shm.close();
    }

    /**
     * Python's {@code join_thread()}: waits for the feeder thread to flush the items this
     * process put. There is no feeder here — a {@code put} has placed its item in shared memory
     * when it returns — so this returns at once.
     *
     * @throws IllegalStateException if the queue is not closed (Python asserts it)
     */
    public void joinThread() {
        if (!shm.isClosed()) throw new IllegalStateException("queue " + shm.name() + " not closed: joinThread() follows close()");
    }

    /**
     * Python's {@code cancel_join_thread()}: stops the process from waiting at exit for its
     * buffered items to reach the pipe (at the risk of losing them). Nothing is ever buffered
     * here, so this does nothing and loses nothing.
     */
    public void cancelJoinThread() {
        // nothing is buffered in this process: every put item is in shared memory already
    }

    /** For the library's serialization: the form this queue travels to another process as. */
    @Override
    public Transferable.Form transferOut() {
        return shm.transferOut();
    }

    static <E> E requireItem(E item) {
        return Objects.requireNonNull(item, "a queue does not accept null items (put a sentinel object instead of None)");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + shm.name() + ", qsize=" + shm.qsize() + ", maxsize=" + maxsize()
                + (shm.isClosed() ? ", closed]" : "]");
    }
}
