package io.github.concurrent4j.threading;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.InterruptedRuntimeException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The equivalent of Python's {@code threading.Event}: a flag that threads can wait for.
 * {@link #set()} raises the flag and wakes every waiting thread; {@link #clear()} lowers it
 * again, so one event can be reused (unlike a {@link java.util.concurrent.CountDownLatch}).
 *
 * <pre>{@code
 * Event dinner = new Event();
 * Threading.start("Tom", () -> { dinner.await(); eat(); });
 * dinner.set();                                   // everybody waiting starts eating
 * }</pre>
 *
 * <p>{@link #await()} and {@link #await(Duration)} return the flag, as Python's {@code wait}
 * does: {@code true} if the flag was set before the wait or while waiting (even if another
 * thread cleared it again before the waiter ran), {@code false} only after a timeout. Waits
 * are interruptible ({@link InterruptedRuntimeException}).
 *
 * <p>Thread-safe. Memory consistency effects: actions in a thread prior to calling
 * {@code set()} <i>happen-before</i> actions following a wait that returns {@code true}
 * because of that {@code set()}, or a call of {@code isSet()} that returns {@code true}.
 */
public final class Event {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean flag;
    /** Bumped by every {@code set()}, so that a waiter can tell it was woken by one. */
    private long generation;

    /** An event whose flag is initially false. */
    public Event() {}

    /** Whether the flag is set (Python's {@code is_set()}). */
    public boolean isSet() {
        return flag;
    }

    /** Sets the flag and wakes all waiting threads. */
    public void set() {
        lock.lock();
        try {
            flag = true;
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Lowers the flag: later waits block until the next {@link #set()}. */
    public void clear() {
        lock.lock();
        try {
            flag = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the flag is set.
     *
     * @return {@code true} (the flag), as Python's {@code wait()}
     * @throws InterruptedRuntimeException if the thread is interrupted while waiting
     */
    public boolean await() {
        return awaitNanos(-1);
    }

    /**
     * Waits at most {@code timeout} for the flag.
     *
     * @return {@code true} if the flag was set before or during the wait, {@code false} if the
     *         timeout elapsed first
     * @throws IllegalArgumentException if the timeout is negative
     * @throws InterruptedRuntimeException if the thread is interrupted while waiting
     */
    public boolean await(Duration timeout) {
        return awaitNanos(Timeouts.toNanos(timeout));
    }

    /** Waits for the flag, or for a {@code set()} that a {@code clear()} already undid; {@code nanos < 0}: no limit. */
    private boolean awaitNanos(long nanos) {
        if (flag) {
            return true;
        }
        lock.lock();
        try {
            long seen = generation;
            while (!flag && generation == seen) {
                if (nanos == 0) {
                    return false;
                } else if (nanos < 0) {
                    changed.await();
                } else {
                    nanos = Math.max(changed.awaitNanos(nanos), 0);
                }
            }
            return true;
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Event[" + (flag ? "set" : "unset") + "]";
    }
}
