package io.github.concurrent4j.multiprocessing.pool;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.futures.FuturesTimeoutException;
import io.github.concurrent4j.futures.internal.Outcomes;
import io.github.concurrent4j.futures.internal.Outcomes.Failure;
import io.github.concurrent4j.futures.internal.ProgressTracker;
import io.github.concurrent4j.multiprocessing.pool.internal.Chunk;

import io.github.concurrent4j.multiprocessing.pool.internal.Job;
import io.github.concurrent4j.multiprocessing.pool.internal.TaskFunction;

/**
 * The results of {@code imap} ({@link Ordered}) and {@code imapUnordered} ({@link Unordered}):
 * outcomes arrive from workers in any order and thread; the consumer takes them one by one,
 * waiting for the next. Each position gets exactly one outcome; the input's end (or failure)
 * fixes the total. A taken outcome is no longer referenced.
 */
abstract class IMapResults<R> implements IMapIterator<R>, Job {
    private static final Object NULL = new Object();
    private final TaskFunction fn;
    final ProgressTracker progress;
    final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    int total = -1; // guarded by lock; -1 until the input has ended
    private volatile boolean closed;

    IMapResults(TaskFunction fn, ProgressTracker progress) {
        this.fn = fn;
        this.progress = progress;
    }

    /** Stores the outcome of position {@code index} (lock held). */
    abstract void store(int index, Object outcome);

    /** Whether the next outcome is there (lock held). */
    abstract boolean available();

    /** Whether every outcome has been taken (lock held). */
    abstract boolean exhausted();

    /** Takes the next outcome (lock held, {@link #available()}). */
    abstract Object take();

    @Override
    public TaskFunction function() {
        return fn;
    }

    @Override
    public void completed(Chunk chunk, Object[] outcomes) {
        lock.lock();
        try {
            for (int i = 0; i < outcomes.length; i++) store(chunk.index() + i, outcomes[i] == null ? NULL : outcomes[i]);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        progress.advance(outcomes.length);
    }

    @Override
    public void failed(Chunk chunk, Throwable cause) {
        lock.lock();
        try {
            Failure f = new Failure(cause);
            for (int i = 0; i < chunk.size(); i++) store(chunk.index() + i, f);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        progress.advance(chunk.size());
    }

    /** The input had {@code n} items. */
    void inputEnded(int n) {
        lock.lock();
        try {
            if (total < 0) total = n;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        progress.total(n);
    }

    /**
     * The input ended with {@code error} at {@code position} (or the pool stopped reading it
     * there): that position raises it, and the iteration ends after it.
     */
    void inputFailed(int position, Throwable error) {
        lock.lock();
        try {
            if (total < 0) {
                store(position, new Failure(error));
                total = position + 1;
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        progress.total(position);
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public boolean hasNext() {
        return await(-1);
    }

    @Override
    public R next() {
        if (!hasNext()) throw new NoSuchElementException();
        return unwrap();
    }

    @Override
    public R next(Duration timeout) {
        long nanos = Timeouts.toNanos(timeout);
        if (!await(nanos)) {
            if (closed || exhaustedNow()) throw new NoSuchElementException();
            throw new FuturesTimeoutException("the next result was not there within " + timeout);
        }
        return unwrap();
    }

    private boolean exhaustedNow() {
        lock.lock();
        try {
            return exhausted();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the next outcome is there (true) or there is none (false); {@code nanos < 0}: no limit. */
    private boolean await(long nanos) {
        lock.lock();
        try {
            while (!available()) {
                if (exhausted()) {
                    progress.complete();
                    return false;
                }
                if (closed) return false;
                if (nanos == 0) return false;
                if (nanos < 0) arrived.await();
                else nanos = Math.max(0, arrived.awaitNanos(nanos));
            }
            return true;
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        } finally {
            lock.unlock();
        }
    }

    @SuppressWarnings("unchecked")
    private R unwrap() {
        Object o;
        lock.lock();
        try {
            o = take();
        } finally {
            lock.unlock();
        }
        if (o == NULL) return null;
        if (o instanceof Failure f) throw Outcomes.rethrow(f.error());
        return (R) o;
    }

    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        progress.finish();
    }

    /** {@code imap}: position order. */
    static final class Ordered<R> extends IMapResults<R> {
        private final HashMap<Integer, Object> ready = new HashMap<>();
        private int next;

        Ordered(TaskFunction fn, ProgressTracker progress) {
            super(fn, progress);
        }

        @Override
        void store(int index, Object outcome) {
            if (total >= 0 && index >= total || index < next) return; // past a failed input's end
            ready.putIfAbsent(index, outcome);
        }

        @Override
        boolean available() {
            return ready.containsKey(next);
        }

        @Override
        boolean exhausted() {
            return total >= 0 && next >= total;
        }

        @Override
        Object take() {
            return ready.remove(next++);
        }
    }

    /** {@code imapUnordered}: arrival order. */
    static final class Unordered<R> extends IMapResults<R> {
        private final ArrayDeque<Object> ready = new ArrayDeque<>();
        private int received;
        private int taken;

        Unordered(TaskFunction fn, ProgressTracker progress) {
            super(fn, progress);
        }

        @Override
        void store(int index, Object outcome) {
            if (total >= 0 && received >= total) return; // past a failed input's end
            received++;
            ready.add(outcome);
        }

        @Override
        boolean available() {
            return !ready.isEmpty();
        }

        @Override
        boolean exhausted() {
            return total >= 0 && taken >= total;
        }

        @Override
        Object take() {
            taken++;
            return ready.poll();
        }
    }
}
