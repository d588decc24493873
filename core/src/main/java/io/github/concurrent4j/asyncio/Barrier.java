package io.github.concurrent4j.asyncio;

/**
 * The equivalent of Python's {@code asyncio.Barrier} (3.11+): {@code parties} tasks wait for
 * each other; when the last one arrives, all are released together, each with its arrival
 * index, and the barrier is ready for the next round.
 *
 * <pre>{@code
 * Barrier b = new Barrier(3);
 * // in each of 3 tasks:
 * int index = b.await();     // 0 for the first to arrive, 2 for the last
 * }</pre>
 *
 * <p>As CPython's: tasks that arrive while the barrier drains (the previous round is still
 * leaving) or resets wait until it is filling again; {@link #reset()} makes the waiting tasks
 * throw {@link BrokenBarrierException} and returns the barrier to its initial state;
 * {@link #abort()} breaks it for good (every {@code await} throws) until a {@code reset()}. A
 * task cancelled while waiting leaves the barrier as if it had not come.
 *
 * <p><b>Differences from Python.</b> {@code wait()} is {@link #await()}; {@code n_waiting} and
 * {@code broken} are {@link #nWaiting()} and {@link #isBroken()}; {@code async with barrier:}
 * is a plain {@code await()}. {@code reset()} and {@code abort()} suspend as their Python
 * coroutines do (they take the barrier's condition lock).
 *
 * <p><b>Thread safety.</b> Used from tasks of one loop.
 *
 * <p><b>Memory consistency effects.</b> Actions of every party before {@code await()}
 * happen-before the actions of every party after it returns.
 */
public final class Barrier {
    private enum State {
        FILLING("filling"), DRAINING("draining"), RESETTING("resetting"), BROKEN("broken");

        final String value;

        State(String value) {
            this.value = value;
        }
    }

    private final Condition cond = new Condition();   // notifies every task when the state changes
    private final int parties;
    private State state = State.FILLING;
    private int count;   // tasks in the barrier

    /**
     * A barrier for {@code parties} tasks.
     *
     * @throws IllegalArgumentException if {@code parties < 1}
     */
    public Barrier(int parties) {
        if (parties < 1) throw new IllegalArgumentException("parties must be > 0: " + parties);
        this.parties = parties;
    }

    /**
     * Waits until {@code parties} tasks have called it, and returns this task's arrival index,
     * 0 to {@code parties - 1} ({@code await barrier.wait()}).
     *
     * @throws BrokenBarrierException if the barrier is broken or reset meanwhile
     */
    public int await() {
        try (var _ = cond.hold()) {
            block();   // while the barrier drains or resets
            try {
                int index = count;
                count++;
                if (index + 1 == parties) {
                    release();
                } else {
                    waitForRelease();
                }
                return index;
            } finally {
                count--;
                exit();
            }
        }
    }

    private void block() {
        cond.awaitFor(() -> state != State.DRAINING && state != State.RESETTING);
        if (state == State.BROKEN) throw new BrokenBarrierException("Barrier aborted");
    }

    private void release() {
        state = State.DRAINING;
        cond.signalAll();
    }

    private void waitForRelease() {
        cond.awaitFor(() -> state != State.FILLING);
        if (state == State.BROKEN || state == State.RESETTING) {
            throw new BrokenBarrierException("Abort or reset of barrier");
        }
    }

    private void exit() {
        if (count == 0) {
            if (state == State.RESETTING || state == State.DRAINING) state = State.FILLING;
            cond.signalAll();
        }
    }

    /**
     * Returns the barrier to its initial state ({@code await barrier.reset()}): tasks waiting
     * now throw {@link BrokenBarrierException}.
     */
    public void reset() {
        try (var _ = cond.hold()) {
            if (count > 0) {
                state = State.RESETTING;
            } else {
                state = State.FILLING;
            }
            cond.signalAll();
        }
    }

    /**
     * Breaks the barrier ({@code await barrier.abort()}): waiting tasks and every later
     * {@link #await()} throw {@link BrokenBarrierException}, until {@link #reset()}.
     */
    public void abort() {
        try (var _ = cond.hold()) {
            state = State.BROKEN;
            cond.signalAll();
        }
    }

    /** The number of tasks needed to pass the barrier ({@code parties}). */
    public int parties() {
        return parties;
    }

    /** The number of tasks waiting in the current round ({@code n_waiting}). */
    public int nWaiting() {
        return state == State.FILLING ? count : 0;
    }

    /** Whether it is broken ({@code broken}). */
    public boolean isBroken() {
        return state == State.BROKEN;
    }

    /** {@code <asyncio.Barrier [filling, waiters:1/3]>} or {@code <asyncio.Barrier [broken]>}, as Python's repr. */
    @Override
    public String toString() {
        String extra = state.value;
        if (!isBroken()) extra += ", waiters:" + nWaiting() + "/" + parties;
        return "<asyncio.Barrier [" + extra + "]>";
    }
}
