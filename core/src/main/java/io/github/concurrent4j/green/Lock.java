package io.github.concurrent4j.green;

import io.github.concurrent4j.threading.Held;
import java.time.Duration;

/**
 * The equivalent of Python's {@code threading.Lock} under gevent's monkey-patching
 * ({@code gevent.lock.BoundedSemaphore(1)}): a mutual-exclusion lock whose waiting is
 * cooperative.
 *
 * <p>Because only one greenlet of a hub runs at a time, a lock is needed only around code
 * that crosses a cooperative point (a sleep, a socket call) while shared state is
 * inconsistent. As with Python's {@code Lock}, any greenlet may release it, not only the
 * one that acquired it; releasing an unlocked lock is an error. Waiters are served in
 * arrival order.
 *
 * <p><b>Differences from Python.</b> Shadows {@link java.util.concurrent.locks.Lock} by name,
 * on purpose. {@code with lock:} is {@code try (var held = lock.hold()) { ... }}.
 *
 * <p><b>Thread safety.</b> Used from greenlets of one hub only.
 *
 * <p><b>Memory consistency effects.</b> Actions before {@link #release()} happen-before
 * the actions after the {@code acquire} that next obtains the lock.
 */
public final class Lock {
    private final Semaphore sem = Semaphore.bounded(1);
    private final Held held = this::release;

    /** A new, unlocked lock. */
    public Lock() {}

    /** Acquires the lock, waiting while it is held. */
    public void acquire() {
        sem.acquire();
    }

    /** Acquires the lock, waiting at most {@code timeout}; returns whether it did. */
    public boolean acquire(Duration timeout) {
        return sem.acquire(timeout);
    }

    /** Acquires the lock if it is free ({@code acquire(blocking=False)}). */
    public boolean tryAcquire() {
        return sem.tryAcquire();
    }

    /**
     * Releases the lock.
     *
     * @throws IllegalStateException if it is not locked
     */
    public void release() {
        if (!sem.locked()) throw new IllegalStateException("release unlocked lock");
        sem.release();
    }

    /** Whether the lock is held ({@code locked()}). */
    public boolean locked() {
        return sem.locked();
    }

    /** Acquires the lock and returns a handle whose {@code close()} releases it ({@code with lock:}). */
    public Held hold() {
        acquire();
        return held;
    }
}
