package io.github.concurrent4j;

import java.time.Duration;
import java.util.Objects;

/**
 * Turns the library's public {@link Duration} timeouts into the nanoseconds the JDK's waits
 * take, with one rule per family of Python APIs, written once:
 * <ul>
 *   <li>{@link #toNanos}: the blocking APIs of {@code threading}, {@code queue},
 *       {@code multiprocessing} and gevent. A negative timeout is a caller bug and is refused,
 *       as Python refuses it ({@code ValueError: timeout value must be a non-negative
 *       number}).</li>
 *   <li>{@link #delayNanos}: asyncio's delays and timeouts ({@code sleep}, {@code wait_for},
 *       {@code timeout}, {@code call_later}). A negative value means a moment that has already
 *       passed, so it counts as zero, as asyncio counts it.</li>
 * </ul>
 * In both, null is refused by name (the overload without a timeout waits forever: a Duration
 * is never null-meaning-forever), and a duration too long for a {@code long} of nanoseconds
 * saturates at {@link #MAX}.
 */
public final class Timeouts {
    /**
     * The longest timeout the JDK's waits distinguish from forever: {@code Long.MAX_VALUE}
     * nanoseconds, about 292 years (Python's {@code threading.TIMEOUT_MAX}). Longer timeouts
     * are accepted and treated as this one.
     */
    public static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);

    private Timeouts() {}

    /**
     * The timeout in nanoseconds, saturated at {@code Long.MAX_VALUE} (about 292 years, which
     * the JDK treats as "practically forever"). A null or negative timeout is a caller bug and
     * is refused with a message that names it, as Python refuses a negative timeout.
     */
    public static long toNanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null (use the overload without a timeout to wait forever)");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        return saturated(timeout);
    }

    /**
     * asyncio's rule: the delay in nanoseconds, where a negative delay has already passed and
     * counts as zero; saturated at {@code Long.MAX_VALUE}. Null is refused.
     */
    public static long delayNanos(Duration delay) {
        Objects.requireNonNull(delay, "delay must not be null (use the overload without a timeout to wait forever)");
        return delay.isNegative() ? 0 : saturated(delay);
    }

    private static long saturated(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
