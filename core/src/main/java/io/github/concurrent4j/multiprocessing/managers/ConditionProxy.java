package io.github.concurrent4j.multiprocessing.managers;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.github.concurrent4j.Timeouts;

/**
 * The equivalent of Python's {@code ConditionProxy} ({@code manager.condition()}): a condition
 * variable, over its own {@code RLock}, living in the manager's process. Python's
 * {@code wait}/{@code notify}/{@code notify_all} are {@link #await}, {@link #signal},
 * {@link #signalAll}. As in Python, {@link #awaitFor} evaluates its predicate here, in the
 * calling process, between waits.
 *
 * <p>Thread-safe. Memory consistency effects: actions before a {@code signal} happen-before the
 * actions after the {@code await} it wakes returns.
 */
public interface ConditionProxy extends AcquirerProxy {
    /** Releases the lock, waits for a signal, re-acquires; Python's {@code wait()}. */
    default boolean await() {
        return await(Timeouts.MAX);
    }

    /** As {@link #await()}, for at most {@code timeout}; returns false if it timed out. */
    boolean await(Duration timeout);

    /** Waits until {@code predicate} holds or {@code timeout} passes; returns its last value (Python's {@code wait_for}). */
    default boolean awaitFor(BooleanSupplier predicate, Duration timeout) {
        long deadline = System.nanoTime() + Timeouts.toNanos(timeout);
        boolean result = predicate.getAsBoolean();
        while (!result) {
            long left = deadline - System.nanoTime();
            if (left <= 0) break;
            await(Duration.ofNanos(left));
            result = predicate.getAsBoolean();
        }
        return result;
    }

    default boolean awaitFor(BooleanSupplier predicate) {
        return awaitFor(predicate, Timeouts.MAX);
    }

    /** Wakes one waiter. */
    default void signal() {
        signal(1);
    }

    /** Wakes up to {@code n} waiters. */
    void signal(int n);

    void signalAll();
}
