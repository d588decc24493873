package io.github.concurrent4j.threading;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.InterruptedRuntimeException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The equivalent of Python's {@code threading.Barrier}: {@code parties} threads wait for each
 * other; when the last one arrives, an optional action runs once (in that last thread) and all
 * are released together; then the barrier is ready for the next round.
 *
 * <pre>{@code
 * Barrier start = new Barrier(3, () -> System.out.println("all ready"));
 * // in each of 3 threads:
 * int index = start.await();     // 0 for the first to arrive, 2 for the last
 * }</pre>
 *
 * <p>Like {@link java.util.concurrent.CyclicBarrier}, with Python's behaviour where they
 * differ: {@link #await()} returns the arrival index counted from 0 (the first thread to
 * arrive gets 0, the last {@code parties - 1}); a wait that times out breaks the barrier and
 * throws {@link BrokenBarrierException} in the timed-out thread as in all the others (Python
 * has no separate timeout error here); {@link #abort()} breaks the barrier for good until
 * {@link #reset()}; an action that throws breaks the barrier, and its exception propagates in
 * the thread that ran it. A broken barrier stays broken (every {@code await} throws at once)
 * until {@code reset()}. An interrupted waiter breaks the barrier and throws
 * {@link InterruptedRuntimeException}; the others get {@code BrokenBarrierException}.
 *
 * <p>Thread-safe. Memory consistency effects: actions in a thread prior to calling
 * {@code await()} <i>happen-before</i> the action, which <i>happens-before</i> actions
 * following the successful return from the corresponding {@code await()} in other threads.
 */
public final class Barrier {
    private final int parties;
    private final Runnable action;
    private final Duration defaultTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition trip = lock.newCondition();
    private Generation generation = new Generation();
    /** Threads that arrived in the current generation. */
    private int arrived;

    /** One round of the barrier; a new one starts when it trips or is reset. */
    private static final class Generation {
        boolean broken;
    }

    /** A barrier for {@code parties} threads, with no action and no default timeout. */
    public Barrier(int parties) {
        this(parties, null, null);
    }

    /** A barrier whose {@code action} runs once per round, in the last thread to arrive. */
    public Barrier(int parties, Runnable action) {
        this(parties, Objects.requireNonNull(action, "action"), null);
    }

    /**
     * Python's {@code Barrier(parties, action, timeout)}: {@code timeout} is the default for
     * {@link #await()}.
     *
     * @param action  run once per round by the last thread to arrive, or null for none
     * @param timeout the default wait, or null for "wait forever"
     * @throws IllegalArgumentException if {@code parties < 1} or the timeout is negative
     */
    public Barrier(int parties, Runnable action, Duration timeout) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be >= 1, not " + parties);
        }
        if (timeout != null) {
            Timeouts.toNanos(timeout);
        }
        this.parties = parties;
        this.action = action;
        this.defaultTimeout = timeout;
    }

    /**
     * Waits until all parties have called {@code await} (or the default timeout given to the
     * constructor elapses).
     *
     * @return the arrival index, 0 to {@code parties - 1}
     * @throws BrokenBarrierException if the barrier is or becomes broken, or times out
     * @throws InterruptedRuntimeException if interrupted while waiting (the barrier breaks)
     */
    public int await() {
        return defaultTimeout == null ? doAwait(false, 0) : await(defaultTimeout);
    }

    /**
     * Like {@link #await()}, waiting at most {@code timeout}; when it elapses the barrier
     * breaks for all parties.
     */
    public int await(Duration timeout) {
        return doAwait(true, Timeouts.toNanos(timeout));
    }

    private int doAwait(boolean timed, long nanos) {
        lock.lock();
        try {
            Generation g = generation;
            if (g.broken) {
                throw new BrokenBarrierException("barrier is broken");
            }
            int index = arrived++;
            if (arrived == parties) {
                runActionAndTrip();
                return index;
            }
            for (;;) {
                try {
                    if (!timed) {
                        trip.await();
                    } else if (nanos > 0) {
                        nanos = trip.awaitNanos(nanos);
                    }
                } catch (InterruptedException ie) {
                    if (g == generation && !g.broken) {
                        breakBarrier();
                        throw new InterruptedRuntimeException(ie);
                    }
                    // the round ended meanwhile: keep the interrupt for later code
                    Thread.currentThread().interrupt();
                }
                if (g.broken) {
                    throw new BrokenBarrierException("barrier broken while waiting");
                }
                if (g != generation) {
                    return index;
                }
                if (timed && nanos <= 0) {
                    breakBarrier();
                    throw new BrokenBarrierException("barrier wait timed out");
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void runActionAndTrip() {
        boolean ok = false;
        try {
            if (action != null) {
                action.run();
            }
            ok = true;
        } finally {
            if (ok) {
                trip.signalAll();
                arrived = 0;
                generation = new Generation();
            } else {
                breakBarrier();
            }
        }
    }

    /** Caller holds the lock. */
    private void breakBarrier() {
        generation.broken = true;
        arrived = 0;
        trip.signalAll();
    }

    /**
     * Returns the barrier to its initial state: threads waiting now get
     * {@link BrokenBarrierException}; later rounds work normally (also after a break).
     */
    public void reset() {
        lock.lock();
        try {
            breakBarrier();
            generation = new Generation();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Breaks the barrier: waiting threads and every later {@code await} get
     * {@link BrokenBarrierException} until {@link #reset()}. Use it to stop a group of threads
     * when one of them fails and the others would otherwise wait forever.
     */
    public void abort() {
        lock.lock();
        try {
            breakBarrier();
        } finally {
            lock.unlock();
        }
    }

    /** The number of threads needed to trip the barrier. */
    public int parties() {
        return parties;
    }

    /** The number of threads waiting now (Python's {@code n_waiting}). */
    public int nWaiting() {
        lock.lock();
        try {
            return generation.broken ? 0 : arrived;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the barrier is broken. */
    public boolean isBroken() {
        lock.lock();
        try {
            return generation.broken;
        } finally {
            lock.unlock();
        }
    }

    /** The default timeout of {@link #await()}, if one was given. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(defaultTimeout);
    }

    /** {@code Barrier[waiters=2/3]} or {@code Barrier[broken]}, as Python's repr. */
    @Override
    public String toString() {
        return isBroken() ? "Barrier[broken]" : "Barrier[waiters=" + nWaiting() + "/" + parties + "]";
    }
}
