package io.github.concurrent4j.queue;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.InterruptedRuntimeException;
import java.time.Duration;
import java.util.Objects;

/**
 * The equivalent of Python's {@code queue.Queue}: a FIFO queue for passing items between
 * threads, optionally bounded, with task tracking ({@link #taskDone()}, {@link #join()}) and
 * Python 3.13's {@link #shutdown(boolean)}.
 *
 * <pre>{@code
 * Queue<String> q = new Queue<>(8);
 * Threading.start("consumer", true, () -> {
 *     for (;;) { String bun = q.get(); eat(bun); q.taskDone(); }
 * });
 * q.put("bun 1");
 * q.join();                         // every put item has been taken and marked done
 * }</pre>
 *
 * <p>This class shadows {@link java.util.Queue}; it is not a {@code java.util} collection but
 * Python's queue. Like Python's, it is the base of {@link LifoQueue} and {@link PriorityQueue},
 * which differ only in the order items come out. Behaviour, as Python's:
 * <ul>
 *   <li>{@code maxsize <= 0} means unbounded; a bounded queue never holds more than
 *       {@code maxsize} items. {@link #put} waits for a free slot, {@link #get} for an item;
 *       the timed forms throw {@link FullException} / {@link EmptyException} when the time is
 *       up; {@link #putNowait} / {@link #getNowait} throw them at once.</li>
 *   <li>Every {@code put} adds an unfinished task; {@link #taskDone()} finishes one and throws
 *       {@link IllegalStateException} ("taskDone() called too many times", Python's
 *       {@code ValueError}) if none is unfinished; {@link #join()} waits until none is.</li>
 *   <li>{@link #shutdown()}: later {@code put}s throw {@link ShutDownException}; {@code get}s
 *       go on returning the remaining items and throw {@code ShutDownException} once the queue
 *       is empty; threads blocked in {@code put} or {@code get} wake and throw.
 *       {@link #shutdown(boolean) shutdown(true)} also discards the remaining items, marking
 *       their tasks done (which may release {@code join}), so every {@code get} throws at
 *       once.</li>
 *   <li>{@link #qsize()}, {@link #empty()} and {@link #full()} are snapshots that may be stale
 *       by the time they are used (Python says "not reliable").</li>
 * </ul>
 * Differences from Python: {@code null} items are refused ({@link NullPointerException});
 * use a sentinel object where Python code puts {@code None}. Blocking calls are interruptible
 * ({@link InterruptedRuntimeException}). {@link #join(Duration)} (a timed join) is an
 * addition. A FIFO {@code Queue} is not lock-based like CPython's: items pass through a
 * lock-free queue and threads take a lock only to sleep, which is what makes it faster than
 * {@link java.util.concurrent.ArrayBlockingQueue} (see {@code docs/queue.md}).
 *
 * <p>Thread-safe: any number of producers and consumers. Memory consistency effects: actions
 * in a thread prior to placing an item into a queue <i>happen-before</i> actions subsequent to
 * the removal of that item from the queue in another thread; actions prior to
 * {@code taskDone()} happen-before the return of a {@code join()} that it released.
 *
 * @param <E> the type of the items
 */
public sealed class Queue<E> permits LifoQueue, PriorityQueue {
    private final Engine<E> engine;

    /** An unbounded FIFO queue (Python's {@code Queue()}). */
    public Queue() {
        this(0);
    }

    /** A FIFO queue holding at most {@code maxsize} items; {@code maxsize <= 0} is unbounded. */
    public Queue(int maxsize) {
        this(new FastFifo<>(maxsize));
    }

    Queue(Engine<E> engine) {
        this.engine = engine;
    }

    /**
     * Puts {@code item}, waiting for a free slot if the queue is full.
     *
     * @throws ShutDownException if the queue is shut down (before or while waiting)
     * @throws InterruptedRuntimeException if interrupted while waiting
     */
    public void put(E item) {
        engine.put(requireItem(item), true, Engine.FOREVER);
    }

    /**
     * Puts {@code item}, waiting at most {@code timeout} for a free slot (Python's
     * {@code put(item, timeout=t)}).
     *
     * @throws FullException if no slot became free in time
     * @throws ShutDownException if the queue is shut down
     * @throws IllegalArgumentException if the timeout is negative
     */
    public void put(E item, Duration timeout) {
        long nanos = Timeouts.toNanos(timeout);
        engine.put(requireItem(item), true, nanos);
    }

    /**
     * Puts {@code item} only if a slot is free now (Python's {@code put_nowait} or
     * {@code put(item, block=False)}).
     *
     * @throws FullException if the queue is full
     * @throws ShutDownException if the queue is shut down
     */
    public void putNowait(E item) {
        engine.put(requireItem(item), false, 0);
    }

    /**
     * Removes and returns the next item, waiting until there is one.
     *
     * @throws ShutDownException if the queue is shut down and empty (before or while waiting)
     * @throws InterruptedRuntimeException if interrupted while waiting
     */
    public E get() {
        return engine.get(true, Engine.FOREVER);
    }

    /**
     * Removes and returns the next item, waiting at most {@code timeout} (Python's
     * {@code get(timeout=t)}).
     *
     * @throws EmptyException if no item arrived in time
     * @throws ShutDownException if the queue is shut down and empty
     * @throws IllegalArgumentException if the timeout is negative
     */
    public E get(Duration timeout) {
        return engine.get(true, Timeouts.toNanos(timeout));
    }

    /**
     * Removes and returns the next item if there is one now (Python's {@code get_nowait} or
     * {@code get(block=False)}).
     *
     * @throws EmptyException if the queue is empty
     * @throws ShutDownException if the queue is shut down and empty
     */
    public E getNowait() {
        return engine.get(false, 0);
    }

    /** The number of items in the queue now (a snapshot). */
    public int qsize() {
        return engine.qsize();
    }

    /** Whether the queue is empty now (a snapshot). */
    public boolean empty() {
        return engine.qsize() == 0;
    }

    /** Whether the queue is bounded and holds {@code maxsize} items now (a snapshot). */
    public boolean full() {
        int max = engine.maxsize();
        return max > 0 && engine.qsize() >= max;
    }

    /** The bound given at construction; 0 for an unbounded queue. */
    public int maxsize() {
        return engine.maxsize();
    }

    /**
     * Marks one task done: a consumer calls it once per item it got, when it has finished
     * with the item.
     *
     * @throws IllegalStateException if called more times than items were put
     */
    public void taskDone() {
        engine.taskDone();
    }

    /**
     * The number of items put and not yet marked done with {@link #taskDone()} (Python's
     * {@code unfinished_tasks} attribute); a snapshot.
     */
    public long unfinishedTasks() {
        return engine.unfinishedTasks();
    }

    /**
     * Waits until every item ever put has been marked done with {@link #taskDone()}.
     *
     * @throws InterruptedRuntimeException if interrupted while waiting
     */
    public void join() {
        engine.join(Engine.FOREVER);
    }

    /**
     * Like {@link #join()}, waiting at most {@code timeout}.
     *
     * @return whether all tasks were done in time
     */
    public boolean join(Duration timeout) {
        return engine.join(Timeouts.toNanos(timeout));
    }

    /** Python's {@code shutdown()}: same as {@code shutdown(false)}. */
    public void shutdown() {
        engine.shutdown(false);
    }

    /**
     * Shuts the queue down (Python 3.13): {@code put} throws {@link ShutDownException} from
     * now on; {@code get} throws it once the queue is empty; blocked callers wake up. With
     * {@code immediate}, the remaining items are discarded and their tasks marked done, so
     * {@code get} throws at once; when it returns the queue is empty ({@code qsize() == 0}),
     * including the items of {@code put}s that had taken their slot just before. Calling it
     * again is allowed ({@code immediate} may then discard what a non-immediate shutdown left).
     */
    public void shutdown(boolean immediate) {
        engine.shutdown(immediate);
    }

    /** Whether {@link #shutdown} was called. */
    public boolean isShutdown() {
        return engine.isShutdown();
    }

    private static <E> E requireItem(E item) {
        return Objects.requireNonNull(item, "a queue does not accept null items (put a sentinel object instead of None)");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[qsize=" + qsize() + ", maxsize=" + maxsize()
                + (isShutdown() ? ", shut down]" : "]");
    }
}
