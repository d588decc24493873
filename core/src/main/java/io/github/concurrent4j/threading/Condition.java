package io.github.concurrent4j.threading;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.InterruptedRuntimeException;
import java.time.Duration;
import java.util.Objects;
import io.github.concurrent4j.internal.Truth;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The equivalent of Python's {@code threading.Condition}: a lock plus a wait queue on which
 * threads wait until another thread signals that the state they wait for may have changed.
 *
 * <pre>{@code
 * Condition changed = new Condition();
 * // consumer                                   // producer
 * try (var _ = changed.hold()) {                try (var _ = changed.hold()) {
 *     changed.awaitFor(() -> !items.isEmpty());     items.add(x);
 *     take(items);                                  changed.signal();
 * }                                             }
 * }</pre>
 *
 * <p>This class shadows {@link java.util.concurrent.locks.Condition}. Python's
 * {@code wait}/{@code wait_for}/{@code notify}/{@code notify_all} are {@code await},
 * {@code awaitFor}, {@code signal} and {@code signalAll} here, because
 * {@code Object.wait/notify} are final. The lock is an {@link RLock} unless one is given, as in
 * Python; the condition can also be built over a {@link Lock}. All waits and signals require
 * the calling thread to hold the lock, else they throw {@link IllegalMonitorStateException}
 * ("cannot wait on un-acquired lock"), Python's {@code RuntimeError}; for a plain
 * {@code Lock} "hold" means "acquired by this thread". A wait releases the lock completely
 * (all the holds of an {@code RLock}) and takes it back before returning, also when it ends
 * by timeout or interrupt. Spurious wake-ups are possible, as in Java and Python: test the
 * state in a loop, or use {@link #awaitFor}. Waits are interruptible
 * ({@link InterruptedRuntimeException}).
 *
 * <p>Thread-safe. Memory consistency effects: those of the underlying lock; in particular
 * actions before a {@code signal} while holding the lock <i>happen-before</i> the signalled
 * thread's actions after its {@code await} returns.
 */
public final class Condition {
    private final SyncLock lock;
    private final java.util.concurrent.locks.Condition waiters;

    /** A condition over a new {@link RLock}, Python's {@code Condition()}. */
    public Condition() {
        this(new RLock());
    }

    /** A condition over {@code lock}, a {@link Lock} or an {@link RLock}: Python's {@code Condition(lock)}. */
    public Condition(Mutex lock) {
        this.lock = (SyncLock) Objects.requireNonNull(lock, "lock");
        this.waiters = this.lock.sync.newConditionObject();
    }

    /** Acquires the underlying lock (Python's {@code cond.acquire()}). */
    public void acquire() {
        lock.acquire();
    }

    /**
     * Python's {@code cond.acquire(blocking)}: with {@code blocking} false, takes the lock only
     * if it is free now; returns whether it did.
     */
    public boolean acquire(boolean blocking) {
        return lock.acquire(blocking);
    }

    /** Acquires the underlying lock, waiting at most {@code timeout}; returns whether it did. */
    public boolean acquire(Duration timeout) {
        return lock.acquire(timeout);
    }

    /** Releases the underlying lock (Python's {@code cond.release()}). */
    public void release() {
        lock.release();
    }

    /** Acquires the underlying lock; closing the guard releases it ({@code with cond:}). */
    public Held hold() {
        return lock.hold();
    }

    /**
     * Releases the lock, waits until signalled, takes the lock back.
     *
     * @return {@code true}, as Python's {@code wait()} without a timeout
     * @throws IllegalMonitorStateException if the calling thread does not hold the lock
     * @throws InterruptedRuntimeException if interrupted while waiting (the lock is held again)
     */
    public boolean await() {
        checkOwned("wait on");
        try {
            waiters.await();
            return true;
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        }
    }

    /**
     * Like {@link #await()}, for at most {@code timeout}.
     *
     * @return {@code false} if the timeout elapsed, {@code true} otherwise (Python's
     *         {@code wait(timeout)} result)
     */
    public boolean await(Duration timeout) {
        long nanos = Timeouts.toNanos(timeout);
        checkOwned("wait on");
        try {
            return waiters.awaitNanos(nanos) > 0;
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        }
    }

    /**
     * Python's {@code wait_for(predicate)}: waits until {@code predicate} is true, testing it
     * first and after each wake-up, with the lock held.
     *
     * @return {@code true} (the predicate's last value)
     */
    public boolean awaitFor(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "predicate");
        checkOwned("wait on");
        while (!predicate.getAsBoolean()) {
            await();
        }
        return true;
    }

    /**
     * Python's {@code wait_for(predicate, timeout)}: like {@link #awaitFor(BooleanSupplier)},
     * giving up when {@code timeout} has elapsed in total.
     *
     * @return the predicate's last value: {@code false} means the timeout elapsed first
     */
    public boolean awaitFor(BooleanSupplier predicate, Duration timeout) {
        Objects.requireNonNull(predicate, "predicate");
        long nanos = Timeouts.toNanos(timeout);
        checkOwned("wait on");
        long deadline = System.nanoTime() + nanos;
        boolean result = predicate.getAsBoolean();
        while (!result) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            try {
                waiters.awaitNanos(remaining);
            } catch (InterruptedException e) {
                throw new InterruptedRuntimeException(e);
            }
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /**
     * Python's {@code wait_for(predicate)} for a predicate that returns a value: waits until
     * the value counts as true (not null, not {@code false}, not an empty {@code Optional})
     * and returns it, as Python returns the predicate's last value.
     */
    public <T> T awaitFor(Supplier<T> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        checkOwned("wait on");
        T result = predicate.get();
        while (!Truth.test(result)) {
            await();
            result = predicate.get();
        }
        return result;
    }

    /**
     * Python's {@code wait_for(predicate, timeout)} for a predicate that returns a value: like
     * {@link #awaitFor(Supplier)}, giving up when {@code timeout} has elapsed in total.
     *
     * @return the predicate's last value, which counts as false if the timeout elapsed first
     */
    public <T> T awaitFor(Supplier<T> predicate, Duration timeout) {
        Objects.requireNonNull(predicate, "predicate");
        long nanos = Timeouts.toNanos(timeout);
        checkOwned("wait on");
        long deadline = System.nanoTime() + nanos;
        T result = predicate.get();
        while (!Truth.test(result)) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            try {
                waiters.awaitNanos(remaining);
            } catch (InterruptedException e) {
                throw new InterruptedRuntimeException(e);
            }
            result = predicate.get();
        }
        return result;
    }

    /** Wakes one waiting thread, if any (Python's {@code notify()}). */
    public void signal() {
        checkOwned("notify on");
        waiters.signal();
    }

    /**
     * Wakes up to {@code n} waiting threads (Python's {@code notify(n)}).
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public void signal(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        checkOwned("notify on");
        for (int i = 0; i < n; i++) {
            waiters.signal();
        }
    }

    /** Wakes all waiting threads (Python's {@code notify_all()}). */
    public void signalAll() {
        checkOwned("notify on");
        waiters.signalAll();
    }

    private void checkOwned(String what) {
        if (lock.sync.ownerThread() != Thread.currentThread()) {
            throw new IllegalMonitorStateException("cannot " + what + " un-acquired lock");
        }
    }

    @Override
    public String toString() {
        return "Condition[" + lock + "]";
    }
}
