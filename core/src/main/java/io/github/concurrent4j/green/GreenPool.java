package io.github.concurrent4j.green;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The equivalent of Python's {@code gevent.pool.Pool}: a {@link Group} that runs at most
 * {@code size} greenlets at once. {@link #spawn} waits (cooperatively) for a free slot, which
 * bounds the concurrency of, say, a crawler or a server's handlers.
 *
 * <p><b>Differences from gevent.</b> Named {@code GreenPool} (eventlet's name) so as not to
 * be confused with {@code multiprocessing.Pool}.
 *
 * <p><b>Thread safety.</b> Used from greenlets of one hub only.
 *
 * <p><b>Memory consistency effects.</b> As for {@link Group}.
 */
public final class GreenPool extends Group {
    private final int size;
    private final Semaphore slots;

    /** A pool of at most {@code size} concurrent greenlets. */
    public GreenPool(int size) {
        if (size <= 0) throw new IllegalArgumentException("pool size must be positive: " + size);
        this.size = size;
        this.slots = new Semaphore(size);
    }

    /** Waits for a free slot, then spawns {@code task} in it ({@code pool.spawn}). */
    @Override
    public <T> Greenlet<T> spawn(Callable<T> task) {
        slots.acquire();
        Greenlet<T> g;
        try {
            g = super.spawn(task);
        } catch (RuntimeException | Error e) {
            slots.release();
            throw e;
        }
        g.onDeath(slots::release);
        return g;
    }

    /** Waits until a slot is free ({@code wait_available}); returns the number of free slots. */
    public int waitAvailable() {
        slots.acquire();
        slots.release();
        return freeCount();
    }

    /** Waits at most {@code timeout} for a free slot; returns the number of free slots. */
    public int waitAvailable(Duration timeout) {
        if (slots.acquire(timeout)) slots.release();
        return freeCount();
    }

    /** The number of free slots ({@code free_count}). */
    public int freeCount() {
        return slots.counter();
    }

    /** Whether every slot is taken ({@code full}). */
    public boolean full() {
        return slots.counter() == 0;
    }

    /** The pool's size. */
    public int capacity() {
        return size;
    }
}
