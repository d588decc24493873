package io.github.concurrent4j.multiprocessing;

/**
 * How a {@link Process} gets its JVM: the equivalent of Python's start methods.
 *
 * <p>Python's {@code fork} has no JVM counterpart: a JVM cannot safely fork itself (other
 * threads, the JIT and the garbage collector would be left half-copied), so every child is a
 * fresh JVM, as under Python's {@code spawn}. What {@code forkserver} buys Python — a start
 * that does not wait for an interpreter to boot — {@link #WARM} buys here with JVMs started
 * ahead of time.
 */
public enum StartMethod {
    /**
     * The default: take a standby JVM that is already started, connected, authenticated and
     * warmed up, and start a replacement in the background. A standby serves exactly one
     * process, so isolation is that of {@link #SPAWN}. See {@link Multiprocessing#setStandbys}.
     */
    WARM,
    /** Start a fresh JVM for the process and wait for it to boot (Python's {@code spawn}). */
    SPAWN
}
