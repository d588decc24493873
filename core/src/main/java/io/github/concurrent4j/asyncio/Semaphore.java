package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.WaitQueue;

/**
 * The equivalent of Python's {@code asyncio.Semaphore} and {@code asyncio.BoundedSemaphore}.
 * Waiting tasks are served in arrival order; a task arriving while others wait queues behind
 * them even if a permit is free (asyncio 3.12's fairness). A task cancelled after it was
 * handed a permit gives it back.
 *
 * <p><b>Differences from Python.</b> Shadows {@link java.util.concurrent.Semaphore} by name.
 * {@code async with sem:} is {@code try (var held = sem.hold()) { ... }}.
 *
 * <p><b>Thread safety.</b> Used from tasks of one loop.
 *
 * <p><b>Memory consistency effects.</b> Actions before {@link #release()} happen-before the
 * actions after the {@link #acquire()} that receives that permit.
 */
public final class Semaphore {
    private final Bound bound = new Bound();
    private final WaitQueue waiters = new WaitQueue();
    private final int max;
    private int value;

    /** A semaphore with {@code value} permits ({@code Semaphore(value)}). */
    public Semaphore(int value) {
        this(value, -1);
    }

    private Semaphore(int value, int max) {
        if (value < 0) throw new IllegalArgumentException("Semaphore initial value must be >= 0: " + value);
        this.value = value;
        this.max = max;
    }

    /** A semaphore that may not be released above {@code value} ({@code BoundedSemaphore}). */
    public static Semaphore bounded(int value) {
        return new Semaphore(value, value);
    }

    /** Takes a permit, suspending while none is free ({@code await sem.acquire()}); returns true. */
    public boolean acquire() {
        Loop l = bound.loop(this);
        if (value > 0 && !waiters.hasWaiters()) {
            value--;
            return true;
        }
        // release() hands the permit over directly; a task cancelled after that gives it back
        waiters.await(l, -1, this::release);
        return true;
    }

    /**
     * Returns a permit, handing it to the oldest waiter if any ({@code release()}).
     *
     * @throws IllegalStateException if a bounded semaphore would exceed its initial value
     */
    public void release() {
        Loop l = bound.loop(this);
        if (waiters.wakeOne(l)) return;
        if (max >= 0 && value >= max) throw new IllegalStateException("BoundedSemaphore released too many times");
        value++;
    }

    /** Whether no permit can be taken at once ({@code locked()}). */
    public boolean locked() {
        return value == 0 || waiters.hasWaiters();
    }

    /** Acquires a permit; closing the handle releases it ({@code async with sem:}). */
    public AutoCloseable hold() {
        acquire();
        return Lock.releaser(this::release);
    }

    @Override
    public String toString() {
        return "<asyncio.Semaphore value=" + value + ">";
    }
}
