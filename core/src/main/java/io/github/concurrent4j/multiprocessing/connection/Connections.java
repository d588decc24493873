package io.github.concurrent4j.multiprocessing.connection;

import io.github.concurrent4j.Timeouts;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.multiprocessing.Waitable;

/**
 * The equivalent of Python's {@code multiprocessing.connection.wait}: waits until at least one
 * of several connections (or process sentinels) is ready.
 *
 * <p>How: connections of different kinds (shared-memory pipes, sockets) and process exits have
 * no common kernel object to wait on, so {@code wait} checks them in turn, spinning briefly,
 * then sleeping between checks for a period that doubles up to 1 ms. A ready object is thus
 * seen within about a millisecond, at the cost of about a thousand cheap checks per second
 * while waiting.
 */
public final class Connections {
    private static final long MAX_PAUSE_NANOS = 1_000_000;

    private Connections() {}

    /** Waits until one of {@code objects} is ready; returns those that are. */
    public static <T extends Waitable> List<T> wait(Collection<T> objects) {
        return wait(objects, Duration.ofNanos(Long.MAX_VALUE));
    }

    /** Waits at most {@code timeout} until one of {@code objects} is ready; returns those that are (empty on timeout). */
    public static <T extends Waitable> List<T> wait(Collection<T> objects, Duration timeout) {
        Objects.requireNonNull(objects, "objects");
        long nanos = Timeouts.toNanos(timeout);
        objects.forEach(o -> Objects.requireNonNull(o, "a waited-for object is null"));
        long deadline = nanos > TimeUnit.DAYS.toNanos(365) ? Long.MAX_VALUE : System.nanoTime() + nanos;
        long pause = 1_000;
        for (int round = 0; ; round++) {
            List<T> ready = objects.stream().filter(Waitable::isReady).toList();
            if (!ready.isEmpty()) return ready;
            long now = System.nanoTime();
            if (deadline != Long.MAX_VALUE && now - deadline >= 0) return List.of();
            if (round < 100) {
                Thread.onSpinWait();
                continue;
            }
            LockSupport.parkNanos(deadline == Long.MAX_VALUE ? pause : Math.min(pause, deadline - now));
            if (Thread.interrupted()) throw new InterruptedRuntimeException("interrupted in Connections.wait");
            pause = Math.min(MAX_PAUSE_NANOS, pause * 2);
        }
    }
}
