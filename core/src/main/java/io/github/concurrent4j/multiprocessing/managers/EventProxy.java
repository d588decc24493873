package io.github.concurrent4j.multiprocessing.managers;

import java.time.Duration;

import io.github.concurrent4j.Timeouts;

/**
 * The equivalent of Python's {@code EventProxy} ({@code manager.event()}): a flag living in the
 * manager's process. Python's {@code is_set}, {@code set}, {@code clear}, {@code wait} are
 * {@link #isSet}, {@link #set}, {@link #clear}, {@link #await}.
 *
 * <p>Thread-safe. Memory consistency effects: actions before {@code set} happen-before the
 * actions after an {@code await} that returns true.
 */
public interface EventProxy {
    boolean isSet();

    void set();

    void clear();

    /** Waits until the flag is set; returns true. */
    default boolean await() {
        return await(Timeouts.MAX);
    }

    /** Waits at most {@code timeout}; returns the flag. */
    boolean await(Duration timeout);
}
