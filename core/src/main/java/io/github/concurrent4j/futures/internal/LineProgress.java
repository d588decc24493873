package io.github.concurrent4j.futures.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import io.github.concurrent4j.futures.ProgressListener;

/**
 * Progress as plain lines ({@code crawl: 470/1000 (47%), 152.3 tasks/s, ETA 0:00:04}), for
 * output that is not a terminal: at most one line per interval, and a last one with the total
 * time. Thread-safe: the interval is claimed with a CAS, so concurrent updates print once.
 */
public final class LineProgress implements ProgressListener {
    private final String task;
    private final PrintStream fixedOut;
    private final long everyNanos;
    private final AtomicLong lastPrint = new AtomicLong();
    private volatile long startNanos;

    /** {@code out} null: the current {@code System.err} at each line. */
    public LineProgress(String task, PrintStream out, Duration every) {
        this.task = task;
        this.fixedOut = out;
        this.everyNanos = every.toNanos();
    }

    @Override
    public void started(long total) {
        startNanos = System.nanoTime();
        lastPrint.set(startNanos);
        out().println(task + ": 0/" + (total < 0 ? "?" : total) + " started");
    }

    @Override
    public void progressed(long done, long total) {
        long now = System.nanoTime();
        long last = lastPrint.get();
        if (now - last < everyNanos || !lastPrint.compareAndSet(last, now)) return;
        out().println(line(done, total, now));
    }

    @Override
    public void finished(long done, long total) {
        long now = System.nanoTime();
        double secs = (now - startNanos) / 1e9;
        String of = total < 0 ? String.valueOf(done) : done + "/" + total;
        out().println(String.format(Locale.ROOT, "%s: %s done in %.1f s, %.1f tasks/s%s", task, of, secs,
                secs > 0 ? done / secs : 0.0, total >= 0 && done < total ? " (stopped early)" : ""));
    }

    /** {@code crawl: 470/1000 (47%), 152.3 tasks/s, ETA 0:00:04}. */
    String line(long done, long total, long now) {
        double secs = Math.max(1e-9, (now - startNanos) / 1e9);
        double rate = done / secs;
        if (total < 0) return String.format(Locale.ROOT, "%s: %d, %.1f tasks/s", task, done, rate);
        long eta = rate > 0 ? Math.round((total - done) / rate) : -1;
        return String.format(Locale.ROOT, "%s: %d/%d (%d%%), %.1f tasks/s, ETA %s", task, done, total,
                total == 0 ? 100 : done * 100 / total, rate, eta < 0 ? "?" : clock(eta));
    }

    static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    private PrintStream out() {
        return fixedOut != null ? fixedOut : System.err;
    }
}
