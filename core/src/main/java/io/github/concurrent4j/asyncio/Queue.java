package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.Waiter;
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
    private final Waiters getters = new Waiters();
    private final Waiters putters = new Waiters();
    private final Event finished = new Event();
    private long unfinished;
    private boolean shutdown;

    private Queue(int maxsize, Store<E> items) {
        this.maxsize = maxsize;
        this.items = items;
        finished.set();
    }

    /** An unbounded FIFO queue ({@code asyncio.Queue()}). */
    public Queue() {
        this(0);
    }

    /** A FIFO queue of at most {@code maxsize} items; 0 or less is unbounded ({@code asyncio.Queue(maxsize)}). */
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

    /**
     * Puts {@code item}, suspending while the queue is full ({@code await q.put(item)}).
     *
     * @throws QueueShutDownException if the queue is shut down (before or while waiting)
     */
    public void put(E item) {
        Objects.requireNonNull(item, "item");
        while (full()) {
            if (shutdown) throw new QueueShutDownException("queue is shut down");
            Loop l = bound.forWait(this);
            Waiter putter = putters.add(l);
            try {
                l.suspend(putter);
            } catch (RuntimeException e) {
                putters.remove(putter);
                // a wake-up we will not use goes to the next putter
                if (!full() && putter.done() && !putter.failed()) putters.popWakeNext(l);
                throw e;
            }
        }
        putNowait(item);
    }

    /**
     * Puts {@code item} at once ({@code put_nowait}). Needs no running loop.
     *
     * @throws QueueFullException     if the queue is full
     * @throws QueueShutDownException if the queue is shut down
     */
    public void putNowait(E item) {
        Objects.requireNonNull(item, "item");
        if (shutdown) throw new QueueShutDownException("queue is shut down");
        if (full()) throw new QueueFullException("queue is full (maxsize " + maxsize + ")");
        Loop l = getters.isEmpty() ? null : bound.forWake(this);   // refuse before any change
        items.add(item);
        unfinished++;
        finished.clear();
        if (l != null) getters.popWakeNext(l);
    }

    /**
     * Removes and returns an item, suspending while the queue is empty ({@code await q.get()}).
     *
     * @throws QueueShutDownException if the queue is shut down and empty, or was shut down immediately
     */
    public E get() {
        while (empty()) {
            if (shutdown) throw new QueueShutDownException("queue is shut down and empty");
            Loop l = bound.forWait(this);
            Waiter getter = getters.add(l);
            try {
                l.suspend(getter);
            } catch (RuntimeException e) {
                getters.remove(getter);
                if (!empty() && getter.done() && !getter.failed()) getters.popWakeNext(l);
                throw e;
            }
        }
        return getNowait();
    }

    /**
     * Removes and returns an item at once ({@code get_nowait}). Needs no running loop.
     *
     * @throws QueueEmptyException    if the queue is empty
     * @throws QueueShutDownException if the queue is shut down and empty
     */
    public E getNowait() {
        if (empty()) {
            if (shutdown) throw new QueueShutDownException("queue is shut down and empty");
            throw new QueueEmptyException("queue is empty");
        }
        Loop l = putters.isEmpty() ? null : bound.forWake(this);   // refuse before any change
        E item = items.take();
        if (l != null) putters.popWakeNext(l);
        return item;
    }

    /**
     * Marks a got item as processed ({@code task_done()}). Needs no running loop.
     *
     * @throws IllegalStateException if called more times than there were items
     */
    public void taskDone() {
        if (unfinished <= 0) throw new IllegalStateException("task_done() called too many times");
        if (unfinished == 1) finished.checkCanWake();   // refuse before any change
        if (--unfinished == 0) finished.set();
    }

    /** Suspends until every item put has been processed ({@code await q.join()}). */
    public void join() {
        if (unfinished > 0) finished.await();
    }

    /**
     * Shuts the queue down ({@code shutdown(immediate)}, Python 3.13): puts fail from now on, and
     * waiting putters are woken to fail; gets fail once the queue is empty. With
     * {@code immediate}, the queue is emptied at once (each item counts as done, which may
     * release {@link #join()}) and waiting getters fail too.
     */
    public void shutdown(boolean immediate) {
        if (!getters.isEmpty() || !putters.isEmpty()) bound.forWake(this);   // refuse before any change
        if (immediate) finished.checkCanWake();
        shutdown = true;
        if (immediate) {
            while (!empty()) {
                items.take();
                if (unfinished > 0) unfinished--;
            }
            if (unfinished == 0) finished.set();
        }
        if (!getters.isEmpty()) getters.popWakeAll(bound.forWake(this));
        if (!putters.isEmpty()) putters.popWakeAll(bound.forWake(this));
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

    /** Whether {@link #shutdown} was called. */
    public boolean isShutdown() {
        return shutdown;
    }

    /** The bound given at construction (0 or less: unbounded). */
    public int maxsize() {
        return maxsize;
    }

    /** {@code <asyncio.Queue maxsize=0 qsize=2 _getters[1] tasks=2 shutdown>}, after Python's repr. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<asyncio.Queue maxsize=").append(maxsize);
        if (items.size() > 0) sb.append(" qsize=").append(items.size());
        if (!getters.isEmpty()) sb.append(" _getters[").append(getters.size()).append(']');
        if (!putters.isEmpty()) sb.append(" _putters[").append(putters.size()).append(']');
        if (unfinished > 0) sb.append(" tasks=").append(unfinished);
        if (shutdown) sb.append(" shutdown");
        return sb.append('>').toString();
    }
}
