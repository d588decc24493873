package io.github.concurrent4j.threading;

import io.github.concurrent4j.InterruptedRuntimeException;
import java.time.Duration;

/**
 * What Python's {@link Lock} and {@link RLock} have in common, the "lock object" that Python
 * code passes around without caring which kind it is (as the dining philosophers pass either
 * two {@code Lock}s or one {@code RLock} twice, or {@code Condition(lock)} accepts either).
 * Java needs the common type that Python's duck typing does without.
 *
 * <p>Implemented by {@link Lock} and {@link RLock} only. Thread-safe. Memory consistency
 * effects: those of the implementation; in both, a {@code release} that frees the lock
 * <i>happens-before</i> the next successful {@code acquire}.
 */
public sealed interface Mutex extends OwnedLock permits SyncLock {
    /**
     * Blocks until the lock is acquired.
     *
     * @throws InterruptedRuntimeException if interrupted while waiting
     */
    void acquire();

    /** With {@code blocking} false, takes the lock only if it is free now; returns whether it did. */
    boolean acquire(boolean blocking);

    /** Waits at most {@code timeout} for the lock; returns whether it was acquired. */
    boolean acquire(Duration timeout);

    /** Releases the lock (once). */
    void release();

    /** Acquires the lock; closing the returned guard releases it ({@code with lock:}). */
    Held hold();

    /** Whether some thread holds the lock now. */
    boolean locked();
}
