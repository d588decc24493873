package io.github.concurrent4j.futures.internal;

import io.github.concurrent4j.futures.ProgressListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A terminal progress bar drawn by {@code me.tongfei:progressbar} (an optional dependency):
 * task name, percentage, bar, count, elapsed / ETA, rate. This class is the only one that
 * refers to the library, and it is loaded only after {@link #available()} said the library
 * is on the class path, so that the core works without it.
 */
public final class TerminalBar implements ProgressListener {
    private static final boolean AVAILABLE = probe();
    private final String task;
    private volatile ProgressBar bar;

    public TerminalBar(String task) {
        this.task = task;
    }

    /** Whether {@code me.tongfei.progressbar} can be loaded. */
    public static boolean available() {
        return AVAILABLE;
    }

    private static boolean probe() {
        try {
            Class.forName("me.tongfei.progressbar.ProgressBar", false, TerminalBar.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public void started(long total) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUnit(" tasks", 1).showSpeed().setUpdateIntervalMillis(200).build();
    }

    @Override
    public void progressed(long done, long total) {
        ProgressBar b = bar;
        if (b == null) return;
        synchronized (b) {
            if (total >= 0 && b.getMax() != total) b.maxHint(total);
            if (done > b.getCurrent()) b.stepTo(done);
        }
    }

    @Override
    public void finished(long done, long total) {
        ProgressBar b = bar;
        if (b == null) return;
        synchronized (b) {
            if (total >= 0 && b.getMax() != total) b.maxHint(total);
            if (done > b.getCurrent()) b.stepTo(done);
            b.close();
        }
    }
}
