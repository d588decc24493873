package io.github.concurrent4j.multiprocessing.managers;

import java.time.Duration;

import io.github.concurrent4j.threading.Held;

/**
 * The equivalent of Python's {@code AcquirerProxy}: a {@code Lock}, {@code RLock},
 * {@code Semaphore} or {@code BoundedSemaphore} living in the manager's process
 * ({@code manager.lock()}, {@code rLock()}, {@code semaphore(n)}, {@code boundedSemaphore(n)}).
 * {@code with lock:} is {@code try (Held h = lock.hold()) { ... }}.
 *
 * <p>The server's thread serving the calling thread's connection does the acquiring, so an
 * {@code RLock} is owned per client thread, as in Python. Releasing an unheld lock (or a
 * bounded semaphore past its bound) throws {@link IllegalStateException}, Python's
 * {@code RuntimeError}/{@code ValueError}.
 *
 * <p>Unlike Python, a lock is not left held forever by a process that died holding it: the
 * server releases an {@code RLock} as soon as the owning client thread's connection ends, and
 * a {@code Lock} when its holder's process was killed (its connections ended without the
 * goodbye every normal exit says), within a second; a process that exits normally may leave a
 * {@code Lock} held for another to release, as Python allows. Semaphores are counters, not
 * owned, and are not released for a dead process.
 *
 * <p>Thread-safe. Memory consistency effects: actions before a {@code release} happen-before the
 * actions after the {@code acquire} that follows it, in any process.
 */
public interface AcquirerProxy {
    /** Acquires, waiting as long as it takes. */
    default void acquire() {
        acquire(true);
    }

    /** Acquires, waiting if {@code blocking}; returns whether it acquired. */
    boolean acquire(boolean blocking);

    /** Acquires within {@code timeout}; returns whether it acquired. */
    boolean acquire(Duration timeout);

    void release();

    /** Acquires and returns the handle whose {@code close()} releases: Python's {@code with}. */
    default Held hold() {
        acquire();
        return this::release;
    }
}
