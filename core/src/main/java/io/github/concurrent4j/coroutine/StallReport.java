package io.github.concurrent4j.coroutine;

import java.time.Duration;
import java.util.List;

/**
 * The equivalent of the report of Python's gevent monitor thread ({@code max_blocking_time}) or
 * of asyncio's debug-mode slow-callback warning: a greenlet (or asyncio task) held its hub's baton for longer than the hub's stall threshold:
 * it made a plain blocking call or computed for a long time without a cooperative point, so
 * no other greenlet of the hub could run meanwhile. The equivalent of what gevent's monitor
 * thread prints for {@code max_blocking_time}; made by a watchdog thread that samples the hub.
 *
 * @param greenlet the name of the greenlet (its virtual thread's name, or "main(...)")
 * @param thread   the thread that runs it
 * @param blocked  how long it had held the baton when the report was made
 * @param stack    where it was at that moment (the offending blocking call is near the top)
 */
public record StallReport(String greenlet, Thread thread, Duration blocked, List<StackTraceElement> stack) {
    /** The compact constructor copies the stack. */
    public StallReport {
        stack = List.copyOf(stack);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(greenlet).append(" blocked its hub for ")
                .append(blocked.toMillis()).append(" ms at:");
        for (StackTraceElement e : stack) sb.append("\n\tat ").append(e);
        return sb.toString();
    }
}
