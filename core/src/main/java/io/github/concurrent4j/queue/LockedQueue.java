package io.github.concurrent4j.queue;

import io.github.concurrent4j.InterruptedRuntimeException;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine of the LIFO and priority queues: CPython's {@code queue.Queue} algorithm as it
 * is, one lock and three conditions over a {@link Store} that decides the order. These orders
 * have no lock-free structure worth its complexity here; the FIFO queue, the one that carries
 * the traffic, uses {@link FastFifo}.
 */
final class LockedQueue<E> implements Engine<E> {
    /** The order of a queue; called with the lock held. */
    interface Store<E> {
        void add(E item);

        E remove();

        int size();
    }

    private final Store<E> store;
    private final int maxsize;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Condition allDone = lock.newCondition();
    private long unfinished;
    private volatile boolean shutdown;

    LockedQueue(int maxsize, Store<E> store) {
        this.maxsize = Math.max(maxsize, 0);
        this.store = store;
    }

    @Override
    public void put(E item, boolean block, long nanos) {
        lock.lock();
        try {
            if (shutdown) {
                throw shutDown();
            }
            if (maxsize > 0) {
                while (store.size() >= maxsize) {
                    if (!block || nanos == 0) {
                        throw new FullException(block ? "queue is still full (maxsize " + maxsize + ") after the timeout"
                                : "queue is full (maxsize " + maxsize + ")");
                    }
                    nanos = Engine.await(notFull, nanos);
                    if (shutdown) {
                        throw shutDown();
                    }
                }
            }
            store.add(item);
            unfinished++;
            notEmpty.signal();
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public E get(boolean block, long nanos) {
        lock.lock();
        try {
            if (shutdown && store.size() == 0) {
                throw shutDown();
            }
            while (store.size() == 0) {
                if (!block || nanos == 0) {
                    throw new EmptyException(block ? "queue is still empty after the timeout" : "queue is empty");
                }
                nanos = Engine.await(notEmpty, nanos);
                if (shutdown && store.size() == 0) {
                    throw shutDown();
                }
            }
            E item = store.remove();
            notFull.signal();
            return item;
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int qsize() {
        lock.lock();
        try {
            return store.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int maxsize() {
        return maxsize;
    }

    @Override
    public void taskDone() {
        lock.lock();
        try {
            if (unfinished <= 0) {
                throw new IllegalStateException("taskDone() called too many times");
            }
            if (--unfinished == 0) {
                allDone.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long unfinishedTasks() {
        lock.lock();
        try {
            return unfinished;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean join(long nanos) {
        lock.lock();
        try {
            while (unfinished != 0) {
                if (nanos == 0) {
                    return false;
                }
                nanos = Engine.await(allDone, nanos);
            }
            return true;
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void shutdown(boolean immediate) {
        lock.lock();
        try {
            shutdown = true;
            if (immediate) {
                while (store.size() > 0) {
                    store.remove();
                    if (unfinished > 0) {
                        unfinished--;
                    }
                }
                allDone.signalAll();
            }
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    private static ShutDownException shutDown() {
        return new ShutDownException("queue is shut down");
    }

    /** Last in, first out. */
    static <E> Store<E> stack() {
        return new Store<>() {
            private final ArrayDeque<E> deque = new ArrayDeque<>();

            @Override
            public void add(E item) {
                deque.push(item);
            }

            @Override
            public E remove() {
                return deque.pop();
            }

            @Override
            public int size() {
                return deque.size();
            }
        };
    }

    /**
     * Lowest first by {@code order}; entries that compare equal leave in the order they came
     * (a sequence number breaks the tie). A red-black tree rather than a binary heap: it finds
     * an insertion point with comparisons before changing anything, so a comparison that
     * throws (Python's {@code TypeError} for unorderable items) leaves the queue intact, where
     * an array heap would be left half-sifted.
     */
    static <E> Store<E> heap(Comparator<? super E> order) {
        Objects.requireNonNull(order, "order");
        record Entry<E>(E item, long seq) {}
        Comparator<Entry<E>> byItemThenSeq = (a, b) -> {
            int c = order.compare(a.item(), b.item());
            return c != 0 ? c : Long.compare(a.seq(), b.seq());
        };
        return new Store<>() {
            private final TreeSet<Entry<E>> heap = new TreeSet<>(byItemThenSeq);
            private long seq;

            @Override
            public void add(E item) {
                heap.add(new Entry<>(item, seq++));
            }

            @Override
            public E remove() {
                return heap.pollFirst().item();
            }

            @Override
            public int size() {
                return heap.size();
            }
        };
    }
}
