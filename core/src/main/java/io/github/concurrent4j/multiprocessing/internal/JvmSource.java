package io.github.concurrent4j.multiprocessing.internal;

/**
 * How a {@code Process} gets the JVM it runs in: the one interface between the process layer
 * and the two ways of providing a JVM, {@link #cold()} (a fresh JVM per process, Python's
 * {@code spawn}) and {@link #warm()} (a standby JVM booted ahead of time, the JVM's
 * {@code forkserver}).
 *
 * <p>A source takes the whole start: it finds a JVM, has the task encoded for that JVM's pid
 * (so that what the encoding lends — a pipe end's handle — is recorded under the receiver, see
 * {@link io.github.concurrent4j.transport.Lending}), sends the RUN message, and undoes every
 * side effect if any step fails. What a warm source learns from a start (the task's shape, to
 * prime other standbys) stays inside it.
 */
public interface JvmSource {
    /**
     * Starts {@code request}'s task in a JVM of this source and returns the handle on that JVM.
     *
     * @throws ProcessStartException if no JVM could be had or it died before taking the task
     * @throws RuntimeException      whatever the request's encoder throws (nothing was started)
     */
    Jvm start(StartRequest request);

    /** Fresh JVMs, one per process. */
    static JvmSource cold() {
        return ColdLaunch.INSTANCE;
    }

    /** Standby JVMs; a fresh one when none is ready sooner. */
    static JvmSource warm() {
        return Standbys.pool();
    }
}
