package io.github.concurrent4j.queue;

import io.github.concurrent4j.InterruptedRuntimeException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The FIFO engine: Python's {@code queue.Queue} semantics with a lock-free fast path.
 *
 * <p>Implementation notes (invariants):
 * <ul>
 *   <li>Items live in a lock-free {@link ConcurrentLinkedQueue} ({@code items}). The bound,
 *       the task count and {@code qsize} come from two monotonic counters, not from the
 *       storage: {@code puts} counts reserved slots (a put reserves before it inserts) and
 *       {@code takes} counts removed items. {@code puts - takes <= maxsize} always holds,
 *       because a put reserves only while {@code puts < takes + maxsize}. Python's
 *       {@code unfinished_tasks} is {@code puts - done}, so a put costs no extra atomic for
 *       {@code task_done} bookkeeping.</li>
 *   <li>The counters sit 128 bytes apart in one {@code long[]} so that the producer's and the
 *       consumer's counters never share a cache line (nor an adjacent-line prefetch pair).
 *       {@code limit} caches {@code takes + maxsize} for producers: stale values are smaller
 *       than the truth (takes only grows), so a stale limit can only make a producer look at
 *       {@code takes} again, never let it overfill.</li>
 *   <li>Shutdown sets {@link #SHUT} in {@code puts} with a CAS, so no reservation can succeed
 *       after it: a put linearizes at its reservation. Getters of a shut-down queue wait for
 *       reserved items still in flight ({@code takes < puts}) before raising ShutDown.</li>
 *   <li>Waiting is the slow path: a thread spins briefly, then registers in
 *       {@code getWaiters}/{@code putWaiters}/{@code joinWaiters} under {@code lock} and waits
 *       on a condition. The other side signals only if the count is non-zero. No wake-up is
 *       lost because both sides are Dekker-style pairs of volatile accesses, which are
 *       sequentially consistent: a waiter writes its count, then looks at the storage or the
 *       counters; a producer (consumer) changes the storage or counters with a CAS or
 *       getAndAdd, then reads the count. A signalled waiter re-checks; spurious wake-ups only
 *       cost a loop.</li>
 * </ul>
 */
final class FastFifo<E> implements Engine<E> {
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    /** Indices into {@link #counters}: 16 longs (128 bytes) apart. */
    private static final int PUTS = 16, LIMIT = 17, TAKES = 32;
    /** In {@code puts}: set by shutdown; no slot can be reserved afterwards. */
    private static final long SHUT = 1L << 62;
    private static final long COUNT_MASK = SHUT - 1;
    private static final int OPEN = 0, SHUTDOWN = 1, IMMEDIATE = 2;
    private static final int RESERVED = 0, FULL = 1, CLOSED = 2;
    /** Spins before a waiting thread parks; a hand-off between running threads takes less. */
    private static final int SPINS = 64;

    private final long[] counters = new long[48];
    private final ConcurrentLinkedQueue<E> items;
    private final long maxsize;
    private final boolean bounded;
    /** Tasks marked done (plus items discarded by an immediate shutdown); at most puts. */
    private final AtomicLong done = new AtomicLong();
    private volatile int state = OPEN;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Condition allDone = lock.newCondition();
    /** Threads waiting in the slow path; written only with {@code lock} held. */
    private volatile int getWaiters, putWaiters, joinWaiters;
    /**
     * Signals sent to getters/putters and not yet consumed by a wake-up; written only with
     * {@code lock} held. The other side signals only while waiters outnumber them, so that
     * a burst of takes does not take the lock again and again for a putter that is already
     * waking (which would then have to fight for the lock to return from its wait). A
     * waiter decrements on every wake-up, signalled or not, so the count can only be too
     * low (costing a redundant signal), never too high (which could lose a wake-up).
     */
    private volatile int getSignals, putSignals;

    /** {@code maxsize <= 0}: unbounded. */
    FastFifo(int maxsize) {
        this(maxsize, new ConcurrentLinkedQueue<>());
    }

    /**
     * With the given (empty) storage: a test passes one whose {@code offer} holds a put between
     * its reservation and its insertion, the window a shutdown(immediate) must wait out.
     */
    FastFifo(int maxsize, ConcurrentLinkedQueue<E> items) {
        this.items = items;
        this.bounded = maxsize > 0;
        this.maxsize = bounded ? maxsize : Long.MAX_VALUE;
        LONGS.setVolatile(counters, LIMIT, this.maxsize);
    }

    // ---- put ----

    @Override
    public void put(E item, boolean block, long nanos) {
        int r = reserve();
        if (r != RESERVED) {
            if (r == CLOSED) {
                throw shutDown();
            }
            if (!block || nanos == 0) {
                throw new FullException("queue is full (maxsize " + maxsize + ")");
            }
            for (int i = 0; i < SPINS && r == FULL; i++) {
                Thread.onSpinWait();
                r = reserve();
            }
            if (r == CLOSED) {
                throw shutDown();
            }
            if (r == FULL) {
                reserveSlow(nanos);
            }
        }
        items.offer(item);
        if (state == IMMEDIATE) {
            // reserved before the shutdown, inserted after its drain: drain it ourselves
            drainDiscarding();
        }
        if (getWaiters > getSignals) {
            wakeGetter();
        }
    }

    private void wakeGetter() {
        lock.lock();
        try {
            if (getWaiters > getSignals) {
                getSignals++;
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void wakePutter() {
        lock.lock();
        try {
            if (putWaiters > putSignals) {
                putSignals++;
                notFull.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private int reserve() {
        for (;;) {
            long p = (long) LONGS.getVolatile(counters, PUTS);
            if ((p & SHUT) != 0) {
                return CLOSED;
            }
            if (bounded && p >= (long) LONGS.getOpaque(counters, LIMIT)) {
                long limit = (long) LONGS.getVolatile(counters, TAKES) + maxsize;
                if (p >= limit) {
                    return FULL;
                }
                LONGS.setOpaque(counters, LIMIT, limit);
            }
            if (LONGS.compareAndSet(counters, PUTS, p, p + 1)) {
                return RESERVED;
            }
        }
    }

    private void reserveSlow(long nanos) {
        lock.lock();
        try {
            putWaiters++;
            try {
                for (;;) {
                    int r = reserve();
                    if (r == RESERVED) {
                        return;
                    }
                    if (r == CLOSED) {
                        throw shutDown();
                    }
                    if (nanos == 0) {
                        throw new FullException("queue is still full (maxsize " + maxsize + ") after the timeout");
                    }
                    nanos = Engine.await(notFull, nanos);
                    if (putSignals > 0) {
                        putSignals--;
                    }
                }
            } finally {
                putWaiters--;
            }
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        } finally {
            lock.unlock();
        }
    }

    // ---- get ----

    @Override
    public E get(boolean block, long nanos) {
        E e = items.poll();
        if (e != null) {
            return took(e);
        }
        if (!block || nanos == 0) {
            if (state != OPEN && (state == IMMEDIATE || drainedAll())) {
                throw shutDown();
            }
            throw new EmptyException("queue is empty");
        }
        for (int i = 0; i < SPINS; i++) {
            Thread.onSpinWait();
            if ((e = items.poll()) != null) {
                return took(e);
            }
            if (state != OPEN) {
                break;
            }
        }
        return getSlow(nanos);
    }

    private E took(E e) {
        LONGS.getAndAdd(counters, TAKES, 1L);
        int st = state;
        if (st != OPEN) {
            if (st == IMMEDIATE) {
                // inserted by a put that raced with shutdown(immediate): discard it like the drain did
                markDone(1);
                throwAfterWakingGetters();
            }
            // Getters of a shut-down queue wait until takes reaches puts; this take may be the
            // one they wait for, and no put will come to wake them.
            if (getWaiters != 0) {
                signalAll(notEmpty);
            }
        }
        if (bounded && putWaiters > putSignals) {
            wakePutter();
        }
        return e;
    }

    private void throwAfterWakingGetters() {
        if (getWaiters != 0) {
            signalAll(notEmpty);
        }
        throw shutDown();
    }

    private E getSlow(long nanos) {
        lock.lock();
        try {
            getWaiters++;
            try {
                for (;;) {
                    E e = items.poll();
                    if (e != null) {
                        return took(e);
                    }
                    if (state == IMMEDIATE || (state == SHUTDOWN && drainedAll())) {
                        throw shutDown();
                    }
                    if (nanos == 0) {
                        throw new EmptyException("queue is still empty after the timeout");
                    }
                    nanos = Engine.await(notEmpty, nanos);
                    if (getSignals > 0) {
                        getSignals--;
                    }
                }
            } finally {
                getWaiters--;
            }
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        } finally {
            lock.unlock();
        }
    }

    /** Whether every reserved item has been taken: nothing is left or in flight. */
    private boolean drainedAll() {
        long t = (long) LONGS.getVolatile(counters, TAKES);
        return t >= (((long) LONGS.getVolatile(counters, PUTS)) & COUNT_MASK);
    }

    private void signalAll(Condition c) {
        lock.lock();
        try {
            c.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- tasks ----

    @Override
    public void taskDone() {
        for (;;) {
            long d = done.get();
            long p = ((long) LONGS.getVolatile(counters, PUTS)) & COUNT_MASK;
            if (d >= p) {
                throw new IllegalStateException("taskDone() called too many times");
            }
            if (done.compareAndSet(d, d + 1)) {
                if (d + 1 == p && joinWaiters != 0) {
                    signalAll(allDone);
                }
                return;
            }
        }
    }

    /** Marks up to {@code n} tasks done, never more than were put (Python caps at zero too). */
    private void markDone(long n) {
        for (;;) {
            long d = done.get();
            long p = ((long) LONGS.getVolatile(counters, PUTS)) & COUNT_MASK;
            long next = Math.min(d + n, p);
            if (done.compareAndSet(d, next)) {
                if (next == p && joinWaiters != 0) {
                    signalAll(allDone);
                }
                return;
            }
        }
    }

    private long unfinished() {
        long d = done.get();
        long p = ((long) LONGS.getVolatile(counters, PUTS)) & COUNT_MASK;
        return Math.max(0, p - d);
    }

    @Override
    public long unfinishedTasks() {
        return unfinished();
    }

    @Override
    public boolean join(long nanos) {
        if (unfinished() == 0) {
            return true;
        }
        lock.lock();
        try {
            joinWaiters++;
            try {
                while (unfinished() != 0) {
                    if (nanos == 0) {
                        return false;
                    }
                    nanos = Engine.await(allDone, nanos);
                }
                return true;
            } finally {
                joinWaiters--;
            }
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        } finally {
            lock.unlock();
        }
    }

    // ---- shutdown ----

    @Override
    public void shutdown(boolean immediate) {
        for (;;) {
            long p = (long) LONGS.getVolatile(counters, PUTS);
            if ((p & SHUT) != 0 || LONGS.compareAndSet(counters, PUTS, p, p | SHUT)) {
                break;
            }
        }
        lock.lock();
        try {
            if (immediate) {
                state = IMMEDIATE;
            } else if (state == OPEN) {
                state = SHUTDOWN;
            }
        } finally {
            lock.unlock();
        }
        if (immediate) {
            drainReserved();
        }
        lock.lock();
        try {
            notEmpty.signalAll();
            notFull.signalAll();
            allDone.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * shutdown(immediate)'s drain: removes every item, also those of puts that reserved their
     * slot before the shutdown and have not inserted yet (they linearized before it, so their
     * items are the queue's and must go too). Such a put is between two adjacent statements
     * ({@code reserve()} and {@code items.offer}) with nothing that blocks in between, so the
     * wait for it is short: spin, then yield, then nap. Afterwards {@code qsize() == 0}, as
     * Python's lock-based shutdown guarantees.
     */
    private void drainReserved() {
        for (int round = 0; ; round++) {
            drainDiscarding();
            if (drainedAll()) {
                return;
            }
            if (round < SPINS) {
                Thread.onSpinWait();
            } else if (round < 2 * SPINS) {
                Thread.yield();
            } else {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000);
            }
        }
    }

    /** Removes every item, counting each as taken and its task as done. */
    private void drainDiscarding() {
        long n = 0;
        while (items.poll() != null) {
            LONGS.getAndAdd(counters, TAKES, 1L);
            n++;
        }
        if (n > 0) {
            markDone(n);
        }
        if (getWaiters != 0) {
            signalAll(notEmpty);
        }
    }

    @Override
    public boolean isShutdown() {
        return state != OPEN;
    }

    private static ShutDownException shutDown() {
        return new ShutDownException("queue is shut down");
    }

    // ---- sizes ----

    @Override
    public int qsize() {
        // puts first: takes only grow, so puts(then) - takes(now) <= puts(then) - takes(then)
        // <= maxsize. The other order could report more than maxsize when both moved between
        // the two reads.
        long p = ((long) LONGS.getVolatile(counters, PUTS)) & COUNT_MASK;
        long t = (long) LONGS.getVolatile(counters, TAKES);
        return (int) Math.clamp(p - t, 0, bounded ? maxsize : Integer.MAX_VALUE);
    }

    @Override
    public int maxsize() {
        return bounded ? (int) maxsize : 0;
    }
}
