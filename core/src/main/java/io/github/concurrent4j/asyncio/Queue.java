package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.WaitQueue;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * The equivalent of Python's {@code asyncio.Queue}, {@code asyncio.LifoQueue} and
 * {@code asyncio.PriorityQueue}: a queue between tasks of one loop whose {@link #put} and
 * {@link #get} suspend the calling task while the queue is full or empty.
 *
 * <p>{@link #taskDone()} / {@link #join()} track processed items; {@link #shutdown(boolean)}
 * (Python 3.13) makes puts fail with {@link QueueShutDownException}, and gets too once the
 * queue is empty (at once, dropping the items, with {@code immediate}).
 *
 * <p><b>Differences from Python.</b> Shadows {@link java.util.Queue} by name. LIFO and
 * priority queues are made by {@link #lifo(int)} and {@link #priority(int, Comparator)}.
 * No timeouts (as in asyncio): use {@link Asyncio#waitFor}. Null items are refused.
 *
 * <p><b>Thread safety.</b> Used from tasks of one loop.
 *
 * <p><b>Memory consistency effects.</b> Actions of a task before it puts an item
 * happen-before the actions of the task that gets it, after the get.
 *
 * @param <E> the type of the items
 */
public final class Queue<E> {
    private interface Store<E> {
        void add(E e);

        E take();

        int size();

        void clear();
    }

    private final Bound bound = new Bound();
    private final int maxsize;
    private final Store<E> items;
    private final WaitQueue getters = new WaitQueue();
    private final WaitQueue putters = new WaitQueue();
    private final WaitQueue joiners = new WaitQueue();
    private long unfinished;
    private boolean shutdown;

    private Queue(int maxsize, Store<E> items) {
        if (maxsize < 0) throw new IllegalArgumentException("maxsize must be 0 (unbounded) or positive: " + maxsize);
        this.maxsize = maxsize;
        this.items = items;
    }

    /** An unbounded FIFO queue ({@code asyncio.Queue()}). */
    public Queue() {
        this(0);
    }

    /** A FIFO queue of at most {@code maxsize} items, 0 meaning unbounded ({@code asyncio.Queue(maxsize)}). */
    public Queue(int maxsize) {
        this(maxsize, deque(false));
    }

    /** A LIFO queue ({@code asyncio.LifoQueue(maxsize)}). */
    public static <E> Queue<E> lifo(int maxsize) {
        return new Queue<>(maxsize, deque(true));
    }

    /** A queue that gives the smallest item first ({@code asyncio.PriorityQueue(maxsize)}). */
    public static <E extends Comparable<? super E>> Queue<E> priority(int maxsize) {
        return priority(maxsize, Comparator.naturalOrder());
    }

    /** A queue that gives the smallest item by {@code order} first. */
    public static <E> Queue<E> priority(int maxsize, Comparator<? super E> order) {
        Objects.requireNonNull(order, "order");
        PriorityQueue<E> pq = new PriorityQueue<>(order);
        return new Queue<>(maxsize, new Store<>() {
            public void add(E e) {
                pq.add(e);
            }

            public E take() {
                return pq.poll();
            }

            public int size() {
                return pq.size();
            }

            public void clear() {
                pq.clear();
            }
        });
    }

    private static <E> Store<E> deque(boolean lifo) {
        ArrayDeque<E> d = new ArrayDeque<>();
        return new Store<>() {
            public void add(E e) {
                d.addLast(e);
            }

            public E take() {
                return lifo ? d.pollLast() : d.pollFirst();
            }

            public int size() {
                return d.size();
            }

            public void clear() {
                d.clear();
            }
        };
    }

    /** Puts {@code item}, suspending while the queue is full ({@code await q.put(item)}). */
    public void put(E item) {
        Objects.requireNonNull(item, "item");
        Loop l = bound.loop(this);
        while (full()) {
            if (shutdown) throw new QueueShutDownException("queue is shut down");
            putters.await(l, -1, null);
        }
        if (shutdown) throw new QueueShutDownException("queue is shut down");
        add(l, item);
    }

    /**
     * Puts {@code item} at once ({@code put_nowait}).
     *
     * @throws QueueFullException if the queue is full
     */
    public void putNowait(E item) {
        Objects.requireNonNull(item, "item");
        Loop l = bound.loop(this);
        if (shutdown) throw new QueueShutDownException("queue is shut down");
        if (full()) throw new QueueFullException("queue is full (maxsize " + maxsize + ")");
        add(l, item);
    }

    private void add(Loop l, E item) {
        items.add(item);
        unfinished++;
        getters.wakeOne(l);
    }

    /** Removes and returns an item, suspending while the queue is empty ({@code await q.get()}). */
    public E get() {
        Loop l = bound.loop(this);
        while (items.size() == 0) {
            if (shutdown) throw new QueueShutDownException("queue is shut down and empty");
            getters.await(l, -1, null);
        }
        return take(l);
    }

    /**
     * Removes and returns an item at once ({@code get_nowait}).
     *
     * @throws QueueEmptyException if the queue is empty
     */
    public E getNowait() {
        Loop l = bound.loop(this);
        if (items.size() == 0) {
            if (shutdown) throw new QueueShutDownException("queue is shut down and empty");
            throw new QueueEmptyException("queue is empty");
        }
        return take(l);
    }

    private E take(Loop l) {
        E item = items.take();
        putters.wakeOne(l);
        if (items.size() > 0) getters.wakeOne(l);
        return item;
    }

    /**
     * Marks a got item as processed ({@code task_done()}).
     *
     * @throws IllegalStateException if called more times than there were items
     */
    public void taskDone() {
        Loop l = bound.loop(this);
        if (unfinished <= 0) throw new IllegalStateException("task_done() called too many times");
        if (--unfinished == 0) joiners.wakeAll(l);
    }

    /** Suspends until every item put has been processed ({@code await q.join()}). */
    public void join() {
        Loop l = bound.loop(this);
        while (unfinished > 0) joiners.await(l, -1, null);
    }

    /**
     * Shuts the queue down ({@code shutdown(immediate)}, Python 3.13): puts fail from now on, and
     * waiting putters are woken to fail; gets fail once the queue is empty. With
     * {@code immediate}, the queue is emptied at once (its items count as processed) and waiting
     * getters fail too.
     */
    public void shutdown(boolean immediate) {
        Loop l = bound.loop(this);
        shutdown = true;
        if (immediate) {
            while (items.size() > 0) {
                items.take();
                if (unfinished > 0) unfinished--;
            }
            if (unfinished == 0) joiners.wakeAll(l);
        }
        getters.wakeAll(l);
        putters.wakeAll(l);
    }

    /** {@link #shutdown(boolean)} without {@code immediate}. */
    public void shutdown() {
        shutdown(false);
    }

    /** The number of items ({@code qsize()}). */
    public int qsize() {
        return items.size();
    }

    /** Whether it is empty. */
    public boolean empty() {
        return items.size() == 0;
    }

    /** Whether it is bounded and full. */
    public boolean full() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    /** The bound (0: unbounded). */
    public int maxsize() {
        return maxsize;
    }

    @Override
    public String toString() {
        return "<asyncio.Queue maxsize=" + maxsize + " qsize=" + items.size() + (shutdown ? " shutdown" : "") + ">";
    }
}
