package io.github.concurrent4j.futures;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;

import io.github.concurrent4j.futures.internal.LineProgress;
import io.github.concurrent4j.futures.internal.TerminalBar;

/**
 * Ready-made {@link ProgressListener}s: what Python programs get from {@code tqdm} around
 * {@code imap} or {@code as_completed}.
 *
 * <pre>{@code
 * for (Page p : pool.imap(Crawler::fetch, urls, 1, Progress.bar("crawl"))) parse(p);
 * //  crawl  47% [=========>           ]  470/1000 (0:00:03 / 0:00:04) 152.3 tasks/s
 * }</pre>
 *
 * <p>{@link #bar(String)} draws a terminal progress bar (count, rate, ETA) with
 * {@code me.tongfei:progressbar} when that library is on the class path and standard error is
 * a terminal; otherwise — output redirected to a file or a CI log, or the library absent — it
 * prints plain lines ({@link #lines(String)}), which stay readable there. The library is an
 * optional dependency of concurrent4j: add {@code me.tongfei:progressbar:0.10.2} to your
 * build to get the bar.
 */
public final class Progress {
    private Progress() {}

    /**
     * A progress bar on standard error named {@code task}, or plain lines when that is not a
     * terminal or the bar library is not on the class path. Use a new one per call.
     */
    public static ProgressListener bar(String task) {
        Objects.requireNonNull(task, "task");
        if (TerminalBar.available() && isTerminal()) return new TerminalBar(task);
        return lines(task);
    }

    /**
     * Plain lines on standard error — {@code task: 470/1000 (47%), 152.3 tasks/s, ETA 0:00:04}
     * — at most one a second, and one at the end.
     */
    public static ProgressListener lines(String task) {
        return new LineProgress(Objects.requireNonNull(task, "task"), null, Duration.ofSeconds(1));
    }

    /** Plain lines on {@code out}, at most one per {@code every}, and one at the end. */
    public static ProgressListener lines(String task, PrintStream out, Duration every) {
        return new LineProgress(Objects.requireNonNull(task, "task"), Objects.requireNonNull(out, "out"),
                Objects.requireNonNull(every, "every"));
    }

    /** Whether the JVM's console is an interactive terminal (not redirected). */
    static boolean isTerminal() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }
}
