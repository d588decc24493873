package io.github.concurrent4j.green;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.WaitQueue;
import io.github.concurrent4j.threading.Held;
import java.time.Duration;

/**
 * The equivalent of Python's {@code gevent.lock.Semaphore} and {@code BoundedSemaphore}: a
 * counter of permits that greenlets acquire cooperatively.
 *
 * <p>A release with greenlets waiting hands the permit straight to the oldest waiter, so
 * waiters are served in arrival order and a newcomer cannot barge in. A bounded semaphore
 * ({@link #bounded}) refuses to be released above its initial value.
 *
 * <p><b>Differences from gevent.</b> Shadows {@link java.util.concurrent.Semaphore} by name,
 * on purpose. {@code with sem:} is {@code try (var held = sem.hold()) { ... }}.
 *
 * <p><b>Thread safety.</b> Used from greenlets of one hub only.
 *
 * <p><b>Memory consistency effects.</b> Actions before a {@link #release()} happen-before
 * the actions after the {@code acquire} that receives that permit.
 */
public final class Semaphore {
    private final WaitQueue waiters = new WaitQueue();
    private final int bound;
    private int value;
    private Loop loop;
    private final Held held = this::release;

    /** A semaphore with {@code value} permits. */
    public Semaphore(int value) {
        this(value, -1);
    }

    private Semaphore(int value, int bound) {
        if (value < 0) throw new IllegalArgumentException("semaphore initial value must be >= 0: " + value);
        this.value = value;
        this.bound = bound;
    }

    /** A semaphore that may not be released above {@code value} ({@code BoundedSemaphore}). */
    public static Semaphore bounded(int value) {
        return new Semaphore(value, value);
    }

    private Loop loop() {
        Loop l = Hub.get().loop;
        if (loop == null) loop = l;
        else if (loop != l) throw new IllegalStateException("this semaphore belongs to " + loop + ", not to " + l);
        return l;
    }

    /** Takes a permit, waiting while there is none. */
    public void acquire() {
        acquire(-1);
    }

    /** Takes a permit, waiting at most {@code timeout}; returns whether it got one. */
    public boolean acquire(Duration timeout) {
        return acquire(Timeouts.toNanos(timeout));
    }

    /** Takes a permit if one is free, without waiting ({@code acquire(blocking=False)}). */
    public boolean tryAcquire() {
        loop();
        if (value > 0 && !waiters.hasWaiters()) {
            value--;
            return true;
        }
        return false;
    }

    boolean acquire(long timeoutNanos) {
        Loop l = loop();
        if (value > 0 && !waiters.hasWaiters()) {
            value--;
            return true;
        }
        if (timeoutNanos == 0) return false;
        // release() hands the permit over directly (value stays as is); a greenlet woken and then
        // killed before it ran gives the permit back
        return waiters.await(l, timeoutNanos, this::release);
    }

    /**
     * Returns a permit, handing it to the oldest waiter if there is one.
     *
     * @throws IllegalStateException if a bounded semaphore would exceed its initial value
     */
    public void release() {
        Loop l = loop();
        if (waiters.wakeOne(l)) return;
        if (bound >= 0 && value >= bound) throw new IllegalStateException("semaphore released too many times");
        value++;
    }

    /** Acquires a permit and returns a handle whose {@code close()} releases it ({@code with sem:}). */
    public Held hold() {
        acquire();
        return held;
    }

    /** The number of free permits ({@code counter}). */
    public int counter() {
        return value;
    }

    /** Whether no permit is free ({@code locked()}). */
    public boolean locked() {
        return value == 0;
    }

}
