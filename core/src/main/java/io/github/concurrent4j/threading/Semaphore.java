package io.github.concurrent4j.threading;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.InterruptedRuntimeException;
import java.time.Duration;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * The equivalent of Python's {@code threading.Semaphore}: a counter of permits; {@code acquire}
 * takes one (waiting while there is none), {@code release} gives one back.
 *
 * <pre>{@code
 * Semaphore readers = new Semaphore(3);       // at most 3 readers at a time
 * try (var _ = readers.hold()) {              // with readers:
 *     read(file);
 * }
 * }</pre>
 *
 * <p>This class shadows {@link java.util.concurrent.Semaphore}, which it resembles (non-fair
 * mode): Python's names, {@code release(n)}, {@code acquire(blocking)} and the {@code with}
 * guard {@link #hold()}. Any thread may release, and {@code release} may raise the count above
 * its initial value (use {@link BoundedSemaphore} to forbid that). Waits are interruptible
 * ({@link InterruptedRuntimeException}). A semaphore has no owner, so it does not take part
 * in deadlock reports.
 *
 * <p>Thread-safe. Memory consistency effects: actions in a thread prior to calling
 * {@code release()} <i>happen-before</i> actions following a successful {@code acquire()} in
 * another thread.
 */
public sealed class Semaphore permits BoundedSemaphore {
    private final Sync sync;
    private final Held held = this::release;

    /**
     * A semaphore with {@code value} permits (Python's default is 1).
     *
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public Semaphore(int value) {
        this(value, Integer.MAX_VALUE);
    }

    /** A semaphore with one permit, Python's {@code Semaphore()}. */
    public Semaphore() {
        this(1);
    }

    Semaphore(int value, int bound) {
        if (value < 0) {
            throw new IllegalArgumentException("semaphore initial value must be >= 0, not " + value);
        }
        this.sync = new Sync(value, bound);
    }

    /**
     * Takes one permit, waiting until one is available.
     *
     * @throws InterruptedRuntimeException if the thread is interrupted while waiting
     */
    public final void acquire() {
        try {
            sync.acquireSharedInterruptibly(1);
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        }
    }

    /**
     * Python's {@code acquire(blocking)}: with {@code blocking} false, takes a permit only if
     * one is available now.
     *
     * @return whether a permit was taken
     */
    public final boolean acquire(boolean blocking) {
        if (blocking) {
            acquire();
            return true;
        }
        return sync.tryAcquireShared(1) >= 0;
    }

    /**
     * Python's {@code acquire(timeout=t)}: waits at most {@code timeout} for a permit.
     *
     * @return whether a permit was taken
     * @throws IllegalArgumentException if the timeout is negative
     */
    public final boolean acquire(Duration timeout) {
        long nanos = Timeouts.toNanos(timeout);
        try {
            return sync.tryAcquireSharedNanos(1, nanos);
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        }
    }

    /** Gives back one permit, waking a waiting thread if there is one. */
    public final void release() {
        sync.releaseShared(1);
    }

    /**
     * Python's {@code release(n)}: gives back {@code n} permits.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public final void release(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be one or more, not " + n);
        }
        sync.releaseShared(n);
    }

    /**
     * Takes a permit and returns the guard whose {@code close()} gives it back: Python's
     * {@code with sem:}.
     */
    public final Held hold() {
        acquire();
        return held;
    }

    /** The number of permits available now (Python's private {@code _value}). */
    public final int value() {
        return sync.permits();
    }

    /** {@code Semaphore[value=3]}; a bounded one shows its limit as Python's repr does: {@code BoundedSemaphore[value=2/3]}. */
    @Override
    public String toString() {
        String limit = sync.bound == Integer.MAX_VALUE ? "" : "/" + sync.bound;
        return getClass().getSimpleName() + "[value=" + value() + limit + "]";
    }

    private static final class Sync extends AbstractQueuedSynchronizer {
        private final int bound;

        Sync(int permits, int bound) {
            this.bound = bound;
            setState(permits);
        }

        int permits() {
            return getState();
        }

        @Override
        protected int tryAcquireShared(int n) {
            for (;;) {
                int available = getState();
                int remaining = available - n;
                if (remaining < 0 || compareAndSetState(available, remaining)) {
                    return remaining;
                }
            }
        }

        @Override
        protected boolean tryReleaseShared(int n) {
            for (;;) {
                int current = getState();
                int next = current + n;
                if (next > bound || next < current) {
                    throw new IllegalStateException(bound == Integer.MAX_VALUE
                            ? "semaphore count overflow"
                            : "Semaphore released too many times");
                }
                if (compareAndSetState(current, next)) {
                    return true;
                }
            }
        }
    }
}
