package io.github.concurrent4j.threading;

/**
 * The equivalent of the context manager that Python's {@code with lock:} enters: closing it
 * releases what {@code hold()} acquired.
 *
 * <pre>{@code
 * try (var _ = lock.hold()) {    // with lock:
 *     counter += 1;
 * }
 * }</pre>
 *
 * <p>The one "held" handle of the library: a {@code Held} is returned by {@link Lock#hold()},
 * {@link RLock#hold()}, {@link Semaphore#hold()} and {@link Condition#hold()}, by the gevent
 * locks and semaphores of {@code c4j.green} and by the asyncio locks, semaphores and conditions
 * of {@code c4j.asyncio} ({@code async with lock:}). Its {@link #close()} releases once,
 * exactly as the matching {@code release()} would; close it once, from the try-with-resources
 * statement that obtained it. The object is reused between acquisitions (no allocation per
 * {@code with} block), so do not keep it beyond the block.
 *
 * <p>Memory consistency effects: those of the {@code release()} it performs.
 */
@FunctionalInterface
public interface Held extends AutoCloseable {
    /** Releases what was acquired; never throws a checked exception. */
    @Override
    void close();
}
