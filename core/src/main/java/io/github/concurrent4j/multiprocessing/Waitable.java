package io.github.concurrent4j.multiprocessing;

/**
 * Something {@code multiprocessing.connection.Connections.wait} can wait for: a connection
 * with data (or end-of-file) to read, or a process {@link Process#sentinel() sentinel} that
 * is ready once the process has ended. The equivalent of the objects Python's
 * {@code multiprocessing.connection.wait} accepts.
 */
public interface Waitable {
    /** Whether waiting on this object would return at once. */
    boolean isReady();
}
