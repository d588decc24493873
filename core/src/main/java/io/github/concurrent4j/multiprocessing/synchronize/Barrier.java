package io.github.concurrent4j.multiprocessing.synchronize;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Optional;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.function.SerializableRunnable;
import io.github.concurrent4j.multiprocessing.synchronize.internal.SharedSegment;
import io.github.concurrent4j.threading.BrokenBarrierException;
import io.github.concurrent4j.threading.Held;
import io.github.concurrent4j.transport.Transferable;

/**
 * The equivalent of Python's {@code multiprocessing.Barrier}: {@code parties} threads, in any
 * processes it is passed to, wait for each other; the last to arrive runs the optional action
 * (in its own process) and releases them all; then the barrier serves the next round.
 *
 * <p>Python's algorithm ({@code threading.Barrier}, which {@code multiprocessing} reuses over
 * shared state) on a shared {@link Condition} over a shared {@link Lock}: {@link #await()}
 * returns the arrival index (0 for the first); a wait that times out breaks the barrier, so
 * it and every other waiter get {@link BrokenBarrierException} (threading's, reused);
 * {@link #abort()} breaks it until {@link #reset()}; an action that throws breaks it.
 *
 * <pre>
 *  payload offset  field   (written under the condition's lock)
 *  0               state   i32   0 filling, 1 draining, -1 resetting, -2 broken
 *  4               count   i32   threads inside await
 *  8               parties i32
 * </pre>
 *
 * <p>The action is a {@link SerializableRunnable}: it travels with the barrier to each process.
 * Linux on x86-64 only.
 *
 * <p>Thread-safe. Memory consistency effects: actions before {@code await()} in any party
 * happen-before the action, which happens-before the return of every party's {@code await()}.
 */
public final class Barrier implements Transferable {
    private static final long STATE = 0, COUNT = 4, PARTIES = 8;
    private static final int FILLING = 0, DRAINING = 1, RESETTING = -1, BROKEN = -2;

    private final SharedSegment segment;
    private final MemorySegment m;
    private final Condition cond;
    private final SerializableRunnable action;
    private final long timeoutNanos; // -1: none

    /** A barrier for {@code parties} threads, with no action and no default timeout. */
    public Barrier(int parties) {
        this(parties, null, null);
    }

    /**
     * A barrier for {@code parties} threads; {@code action} (may be null) runs once per round in
     * the last thread to arrive; {@code timeout} (may be null: none) is the default for
     * {@link #await()}.
     */
    public Barrier(int parties, SerializableRunnable action, Duration timeout) {
        if (parties < 1) throw new IllegalArgumentException("parties must be at least 1: " + parties);
        this.action = action;
        this.timeoutNanos = timeout == null ? -1 : Timeouts.toNanos(timeout);
        this.cond = new Condition(new Lock()).owningLock();
        segment = SharedSegment.create(SyncForm.BARRIER, 64, this);
        m = segment.payload();
        m.set(JAVA_INT, PARTIES, parties);
    }

    Barrier(SyncForm form) {
        this.action = form.action();
        this.timeoutNanos = form.timeoutNanos();
        this.cond = (Condition) form.lock();
        segment = SharedSegment.attach(form.path(), SyncForm.BARRIER, form.lender(), this);
        m = segment.payload();
    }

    private int get(long at) {
        return m.get(JAVA_INT, at);
    }

    private void put(long at, int v) {
        m.set(JAVA_INT, at, v);
    }

    /** Waits for the other parties (at most the default timeout, if any); returns the arrival index. */
    public int await() {
        return awaitNanos(timeoutNanos < 0 ? Long.MAX_VALUE : timeoutNanos);
    }

    /** Waits at most {@code timeout} for the other parties; returns the arrival index. */
    public int await(Duration timeout) {
        return awaitNanos(Timeouts.toNanos(timeout));
    }

    private int awaitNanos(long nanos) {
        try (Held _ = cond.hold()) {
            enter();
            int index = get(COUNT);
            put(COUNT, index + 1);
            try {
                if (index + 1 == get(PARTIES)) release();
                else waitFor(nanos);
                return index;
            } finally {
                put(COUNT, get(COUNT) - 1);
                exit();
            }
        }
    }

    private void enter() {
        while (get(STATE) == RESETTING || get(STATE) == DRAINING) cond.await();
        if (get(STATE) < 0) throw new BrokenBarrierException("barrier is broken");
    }

    private void release() {
        try {
            if (action != null) action.run();
            put(STATE, DRAINING);
            cond.signalAll();
        } catch (Exception e) {
            breakIt();
            if (e instanceof RuntimeException r) throw r;
            throw new BrokenBarrierException("barrier action failed: " + e);
        } catch (Error e) {
            breakIt();
            throw e;
        }
    }

    private void waitFor(long nanos) {
        boolean ok;
        try {
            ok = cond.awaitFor(() -> get(STATE) != FILLING, Duration.ofNanos(nanos));
        } catch (RuntimeException e) {
            breakIt();
            throw e;
        }
        if (!ok) {
            breakIt();
            throw new BrokenBarrierException("barrier wait timed out");
        }
        if (get(STATE) < 0) throw new BrokenBarrierException("barrier broken while waiting");
    }

    private void exit() {
        if (get(COUNT) == 0 && (get(STATE) == RESETTING || get(STATE) == DRAINING)) {
            put(STATE, FILLING);
            cond.signalAll();
        }
    }

    private void breakIt() {
        put(STATE, BROKEN);
        cond.signalAll();
    }

    /** Returns the barrier to its initial state; threads waiting now get {@link BrokenBarrierException}. */
    public void reset() {
        try (Held _ = cond.hold()) {
            if (get(COUNT) > 0) {
                if (get(STATE) == FILLING || get(STATE) == BROKEN) put(STATE, RESETTING);
            } else {
                put(STATE, FILLING);
            }
            cond.signalAll();
        }
    }

    /** Breaks the barrier: waiting and later threads get {@link BrokenBarrierException} until {@link #reset()}. */
    public void abort() {
        try (Held _ = cond.hold()) {
            breakIt();
        }
    }

    /** The number of threads required to trip the barrier. */
    public int parties() {
        return get(PARTIES);
    }

    /** The number of threads waiting now. */
    public int nWaiting() {
        try (Held _ = cond.hold()) {
            return get(STATE) == FILLING ? get(COUNT) : 0;
        }
    }

    /** Whether the barrier is broken. */
    public boolean isBroken() {
        return get(STATE) == BROKEN;
    }

    /** The default timeout of {@link #await()}, if any. */
    public Optional<Duration> timeout() {
        return timeoutNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(timeoutNanos));
    }

    /** Releases this process's handles to the shared files now. */
    public void close() {
        segment.close();
        cond.close();
    }

    /** For the library's codec: what this barrier travels as (its condition and action travel with it). */
    @Override
    public Transferable.Form transferOut() {
        return new SyncForm(SyncForm.BARRIER, segment.path(), segment.lend(), "", cond, action, 0, timeoutNanos);
    }

    @Override
    public String toString() {
        return "Barrier[parties=" + parties() + ", waiting=" + nWaiting() + (isBroken() ? ", broken" : "") + "]";
    }
}
