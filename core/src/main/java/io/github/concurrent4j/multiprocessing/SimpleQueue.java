package io.github.concurrent4j.multiprocessing;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.transport.SerializationException;
import io.github.concurrent4j.transport.Transferable;

/**
 * The equivalent of Python's {@code multiprocessing.SimpleQueue}: an unbounded FIFO queue
 * shared by processes, with only {@link #put}, {@link #get}, {@link #empty} and {@link #close}.
 *
 * <p>The same shared-memory ring as {@link Queue} (CPython's is a bare pipe with a lock on each
 * side): {@code put} never waits for a consumer (only, when the ring is full of unread items,
 * for room), items larger than a ring record spill to a file, and a dying process loses or
 * duplicates nothing, as described for {@link Queue}. {@code null} items are refused.
 *
 * <p>Thread-safe, across processes. Memory consistency effects: actions in a thread prior to
 * placing an item into the queue happen-before actions subsequent to its removal in another
 * thread, in any process.
 *
 * @param <E> the type of the items
 */
public final class SimpleQueue<E> implements AutoCloseable, Transferable {
    private final ShmQueue shm;

    /** A new, empty queue. */
    public SimpleQueue() {
        this(ShmQueue.create(ShmQueue.KIND_SIMPLE, 0, ShmQueue.DEFAULT_CAPACITY));
    }

    SimpleQueue(ShmQueue shm) {
        this.shm = shm;
        shm.own(this);
    }

    /**
     * Puts {@code item}.
     *
     * @throws SerializationException if the item cannot be encoded (nothing is put)
     * @throws IllegalStateException if the queue was closed in this process
     */
    public void put(E item) {
        shm.put(Queue.requireItem(item), Long.MAX_VALUE);
    }

    /**
     * Removes and returns the next item, waiting until there is one.
     *
     * @throws InterruptedRuntimeException if interrupted while waiting
     */
    @SuppressWarnings("unchecked")
    public E get() {
        return (E) shm.get(Long.MAX_VALUE);
    }

    /** Whether the queue is empty now (a snapshot). */
    public boolean empty() {
        shm.checkOpen();
        return shm.qsize() == 0;
    }

    /** Ends this process's use of the queue (Python 3.9's {@code close()}); later calls here throw {@link IllegalStateException}. */
    @Override
    public void close() {
        shm.close();
    }

    /** For the library's serialization: the form this queue travels to another process as. */
    @Override
    public Transferable.Form transferOut() {
        return shm.transferOut();
    }

    @Override
    public String toString() {
        return "SimpleQueue[" + shm.name() + (shm.isClosed() ? ", closed]" : "]");
    }
}
