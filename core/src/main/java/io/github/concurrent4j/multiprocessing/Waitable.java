package io.github.concurrent4j.multiprocessing;

import java.time.Duration;

/**
 * Something {@code multiprocessing.connection.Connections.wait} can wait for: a connection
 * with data (or end-of-file) to read, or a process {@link Process#sentinel() sentinel} that
 * is ready once the process has ended. The equivalent of the objects Python's
 * {@code multiprocessing.connection.wait} accepts (where Python asks each for a file
 * descriptor to {@code select} on, a waitable here says how it signals readiness:
 * {@link #register}).
 *
 * <p>To implement one: {@link #isReady()} answers without blocking; {@link #register} arranges
 * for the {@link Waiter} to be woken when the object may have become ready — a callback that
 * calls {@link Waiter#wake()}, or a futex word in shared memory ({@link Waiter#sleepOn}) —
 * and returns what undoes that. Whoever makes the object ready must make {@link #isReady()}
 * true <em>before</em> waking the waiter, since the waiter checks again after each wake-up.
 * An object that cannot signal keeps the default, and is polled.
 *
 * <p>Thread safety: {@code isReady} and {@code register} may be called from any thread, and
 * by several waiting threads at once.
 */
public interface Waitable {
    /** Whether waiting on this object would return at once. */
    boolean isReady();

    /**
     * Arranges for {@code waiter} to be woken when this object may have become ready, until the
     * returned registration is closed. The default arranges nothing: the waiter checks
     * {@link #isReady()} again at least every millisecond.
     */
    default Waiter.Registration register(Waiter waiter) {
        waiter.recheckWithin(Duration.ofMillis(1));
        return Waiter.Registration.NONE;
    }
}
