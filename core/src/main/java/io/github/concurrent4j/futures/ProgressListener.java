package io.github.concurrent4j.futures;

/**
 * Hears how far a long {@code map}, {@code imap}, {@code imapUnordered} or
 * {@link Futures#asCompleted} has come: once at the start, once per finished task, once at the
 * end. {@link Progress#bar(String)} is a ready-made one (a terminal progress bar with count,
 * rate and ETA); any lambda {@code (done, total) -> ...} is one too.
 *
 * <pre>{@code
 * for (var page : pool.imap(Crawler::fetch, urls, 1, Progress.bar("crawl"))) parse(page);
 * }</pre>
 *
 * <p><b>Threads.</b> {@link #progressed} is called in the thread that finished the task (a
 * worker thread, a pool's result thread), possibly by several threads at once, so an
 * implementation must be thread-safe and quick; {@code done} grows by at least one per call,
 * but two calls may arrive out of order. A listener that throws is reported (as a callback
 * that throws is) and then not called again; it never disturbs the tasks.
 *
 * <p>A task counts as done whether it returned, threw or was cancelled. {@code total} is the
 * number of tasks of the call, or {@code -1} while it is not known yet (a pool's
 * {@code imap} over an iterable that it has not read to its end).
 */
@FunctionalInterface
public interface ProgressListener {

    /** Called once, before any {@link #progressed}: {@code total} tasks ({@code -1}: not known yet). */
    default void started(long total) {}

    /** Called once per finished task (or chunk of tasks): {@code done} have finished so far. */
    void progressed(long done, long total);

    /**
     * Called once at the end: when every task has finished, or when the iteration was given
     * up first (closed, timed out, failed); {@code done} may then be less than {@code total}.
     */
    default void finished(long done, long total) {}
}
