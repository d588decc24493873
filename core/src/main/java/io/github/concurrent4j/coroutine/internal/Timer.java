package io.github.concurrent4j.coroutine.internal;

/**
 * A callback scheduled on a loop for a point in time (on the loop's {@link Clock}).
 * Cancellation is lazy: a cancelled timer stays in the loop's heap and is skipped when it
 * comes due (as in asyncio's {@code TimerHandle}); the loop compacts the heap when cancelled
 * timers dominate it.
 */
public final class Timer implements Comparable<Timer> {
    final long deadline;
    final long seq;
    final Runnable action;
    final Loop loop;
    boolean cancelled;
    boolean fired;

    Timer(Loop loop, long deadline, long seq, Runnable action) {
        this.loop = loop;
        this.deadline = deadline;
        this.seq = seq;
        this.action = action;
    }

    /** Cancels this timer if it has not fired yet; only the loop's baton holder may call it. */
    public void cancel() {
        if (!cancelled && !fired) {
            cancelled = true;
            loop.timerCancelled();
        }
    }

    /** The deadline, in {@link Loop#nanoTime()} units. */
    public long deadline() {
        return deadline;
    }

    /** Whether the timer is neither cancelled nor fired. */
    public boolean pending() {
        return !cancelled && !fired;
    }

    @Override
    public int compareTo(Timer o) {
        int c = Long.compare(deadline - o.deadline, 0);   // overflow-safe for nanoTime values
        return c != 0 ? c : Long.compare(seq, o.seq);
    }
}
