package io.github.concurrent4j.green;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.WaitQueue;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * The equivalent of Python's {@code gevent.queue.Queue} (and {@code JoinableQueue}): a FIFO
 * queue between greenlets of one hub whose blocking operations are cooperative.
 *
 * <p>{@code put} waits while the queue is full (a bounded queue), {@code get} and
 * {@code peek} while it is empty; both suspend only the calling greenlet. Waiting getters
 * and putters are served in arrival order. With a timeout, {@link QueueEmptyException} /
 * {@link QueueFullException} are thrown when it runs out; the {@code Nowait} variants throw
 * them at once. {@link #taskDone()} and {@link #join()} come from {@code JoinableQueue}.
 *
 * <p><b>Differences from gevent.</b> Shadows {@link java.util.Queue} by name, on purpose:
 * it is the name gevent users look for. {@code maxsize} 0 means unbounded, as in gevent
 * since 1.1 (a synchronous channel is not provided). Null items are refused.
 *
 * <p><b>Thread safety.</b> Used from greenlets of one hub only (the hub of the first
 * greenlet that uses it); another thread gets an {@link IllegalStateException}. Use
 * {@code java.util.concurrent} queues, or {@link Hub#callSoonThreadsafe}, between threads.
 *
 * <p><b>Memory consistency effects.</b> Actions of a greenlet before it puts an item
 * happen-before the actions of the greenlet that gets that item after the get.
 *
 * @param <E> the type of the items
 */
public final class Queue<E> {
    private final int maxsize;
    private final ArrayDeque<E> items = new ArrayDeque<>();
    private final WaitQueue getters = new WaitQueue();
    private final WaitQueue putters = new WaitQueue();
    private final WaitQueue joiners = new WaitQueue();
    private Loop loop;
    private long unfinished;

    /** An unbounded queue. */
    public Queue() {
        this(0);
    }

    /** A queue holding at most {@code maxsize} items (0: unbounded). */
    public Queue(int maxsize) {
        if (maxsize < 0) throw new IllegalArgumentException("maxsize must be 0 (unbounded) or positive: " + maxsize);
        this.maxsize = maxsize;
    }

    private Loop loop() {
        Loop l = Hub.get().loop;
        if (loop == null) loop = l;
        else if (loop != l) throw new IllegalStateException("this queue belongs to " + loop + ", not to " + l);
        return l;
    }

    /** Puts {@code item}, waiting while the queue is full. */
    public void put(E item) {
        put(item, -1);
    }

    /**
     * Puts {@code item}, waiting at most {@code timeout} while the queue is full.
     *
     * @throws QueueFullException if it is still full after the timeout
     */
    public void put(E item, Duration timeout) {
        put(item, Timeouts.toNanos(timeout));
    }

    private void put(E item, long timeoutNanos) {
        Objects.requireNonNull(item, "item");
        Loop l = loop();
        long deadline = timeoutNanos >= 0 ? l.nanoTime() + timeoutNanos : 0;
        while (full()) {
            long left = timeoutNanos < 0 ? -1 : Math.max(0, deadline - l.nanoTime());
            if (timeoutNanos >= 0 && left == 0 || !putters.await(l, left, null)) {
                throw new QueueFullException("queue is full (maxsize " + maxsize + ")");
            }
        }
        add(l, item);
    }

    /**
     * Puts {@code item} if there is room ({@code put_nowait}).
     *
     * @throws QueueFullException if the queue is full
     */
    public void putNowait(E item) {
        Objects.requireNonNull(item, "item");
        Loop l = loop();
        if (full()) throw new QueueFullException("queue is full (maxsize " + maxsize + ")");
        add(l, item);
    }

    private void add(Loop l, E item) {
        items.addLast(item);
        unfinished++;
        getters.wakeOne(l);
    }

    /** Removes and returns the oldest item, waiting while the queue is empty. */
    public E get() {
        return get(-1);
    }

    /**
     * Removes and returns the oldest item, waiting at most {@code timeout} while it is empty.
     *
     * @throws QueueEmptyException if it is still empty after the timeout
     */
    public E get(Duration timeout) {
        return get(Timeouts.toNanos(timeout));
    }

    private E get(long timeoutNanos) {
        Loop l = loop();
        awaitItem(l, timeoutNanos);
        return take(l);
    }

    private void awaitItem(Loop l, long timeoutNanos) {
        long deadline = timeoutNanos >= 0 ? l.nanoTime() + timeoutNanos : 0;
        while (items.isEmpty()) {
            long left = timeoutNanos < 0 ? -1 : Math.max(0, deadline - l.nanoTime());
            if (timeoutNanos >= 0 && left == 0 || !getters.await(l, left, null)) {
                throw new QueueEmptyException("queue is empty");
            }
        }
    }

    /**
     * Removes and returns the oldest item if there is one ({@code get_nowait}).
     *
     * @throws QueueEmptyException if the queue is empty
     */
    public E getNowait() {
        Loop l = loop();
        if (items.isEmpty()) throw new QueueEmptyException("queue is empty");
        return take(l);
    }

    private E take(Loop l) {
        E item = items.pollFirst();
        if (maxsize > 0) putters.wakeOne(l);
        if (!items.isEmpty()) getters.wakeOne(l);   // more items than woken getters: pass it on
        return item;
    }

    /** Returns the oldest item without removing it, waiting while the queue is empty ({@code peek}). */
    public E peek() {
        Loop l = loop();
        awaitItem(l, -1);
        E item = items.peekFirst();
        getters.wakeOne(l);   // a peek does not consume: let a getter have it
        return item;
    }

    /** The oldest item without removing it, if there is one ({@code peek_nowait}). */
    public java.util.Optional<E> peekNowait() {
        return java.util.Optional.ofNullable(items.peekFirst());
    }

    /** The number of items ({@code qsize}). */
    public int qsize() {
        return items.size();
    }

    /** Whether the queue is empty. */
    public boolean empty() {
        return items.isEmpty();
    }

    /** Whether the queue is bounded and holds {@code maxsize} items. */
    public boolean full() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    /** The bound given at construction (0: unbounded). */
    public int maxsize() {
        return maxsize;
    }

    /**
     * Marks one item that was got as processed ({@code task_done}).
     *
     * @throws IllegalStateException if called more often than items were put
     */
    public void taskDone() {
        Loop l = loop();
        if (unfinished <= 0) throw new IllegalStateException("task_done() called too many times");
        if (--unfinished == 0) joiners.wakeAll(l);
    }

    /** Waits until every item put has been marked with {@link #taskDone()} ({@code join}). */
    public void join() {
        Loop l = loop();
        while (unfinished > 0) joiners.await(l, -1, null);
    }

    /** Waits at most {@code timeout} for {@link #join()}; returns whether all items were processed. */
    public boolean join(Duration timeout) {
        Loop l = loop();
        long t = Timeouts.toNanos(timeout);
        long deadline = l.nanoTime() + t;
        while (unfinished > 0) {
            long left = deadline - l.nanoTime();
            if (left <= 0 || !joiners.await(l, left, null)) return unfinished == 0;
        }
        return true;
    }

    @Override
    public String toString() {
        return "Queue[" + items.size() + (maxsize > 0 ? "/" + maxsize : "") + "]";
    }
}
