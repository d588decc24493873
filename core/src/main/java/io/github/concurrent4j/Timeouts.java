package io.github.concurrent4j;

import java.time.Duration;
import java.util.Objects;

/**
 * Turns the library's public {@link Duration} timeouts into the nanoseconds the JDK's waits
 * take, with one rule for every package: null and negative timeouts are refused by name.
 */
public final class Timeouts {
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
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
