package io.github.concurrent4j.multiprocessing.managers;

import java.time.Duration;

import io.github.concurrent4j.Timeouts;

/**
 * The equivalent of Python's {@code BarrierProxy} ({@code manager.barrier(parties)}): a barrier
 * living in the manager's process, for parties in any processes. A broken barrier throws
 * {@link io.github.concurrent4j.threading.BrokenBarrierException}. Unlike Python's, it takes no
 * action callable (the action would run in the manager's process).
 *
 * <p>Thread-safe. Memory consistency effects: actions before {@code await} happen-before the
 * actions after every party's {@code await} returns.
 */
public interface BarrierProxy {
    /** Waits for the other parties; returns this party's arrival index (Python's {@code wait()}). */
    default int await() {
        return await(Timeouts.MAX);
    }

    /** As {@link #await()}, breaking the barrier if {@code timeout} passes first. */
    int await(Duration timeout);

    void reset();

    void abort();

    int parties();

    /** Python's {@code n_waiting}. */
    int nWaiting();

    /** Python's {@code broken}. */
    boolean isBroken();
}
