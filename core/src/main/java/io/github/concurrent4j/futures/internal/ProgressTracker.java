package io.github.concurrent4j.futures.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.concurrent4j.futures.ProgressListener;

/**
 * Counts finished tasks for a {@link ProgressListener}, for every call that takes one
 * ({@code Executor.map}, {@code Futures.asCompleted}, the pools' {@code map}/{@code imap}):
 * {@code started} once, {@code progressed} per finished task or chunk, {@code finished}
 * exactly once (when the count reaches the total, or when the caller gives up first). A
 * listener that throws is reported once and not called again (calls already under way in other
 * threads finish). Thread-safe: tasks finish in
 * many threads at once.
 */
public final class ProgressTracker {
    private static final String LOGGER = "io.github.concurrent4j.futures";
    private static final ProgressTracker NONE = new ProgressTracker(null, 0);

    private final ProgressListener listener;
    private final AtomicLong done = new AtomicLong();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile long total;
    private final AtomicBoolean broken = new AtomicBoolean();
    private long reported; // the largest count given to progressed (guarded by this)

    private ProgressTracker(ProgressListener listener, long total) {
        this.listener = listener;
        this.total = total;
    }

    /** A tracker that calls {@code listener.started(total)} now; a no-op one for a null listener. */
    public static ProgressTracker start(ProgressListener listener, long total) {
        if (listener == null) return NONE;
        ProgressTracker t = new ProgressTracker(listener, total);
        t.call(() -> listener.started(total));
        if (total == 0) t.finish();
        return t;
    }

    /** {@code n} more tasks finished. */
    public void advance(long n) {
        if (listener == null || n <= 0) return;
        long d = done.addAndGet(n);
        long t = total;
        synchronized (this) { // one listener call at a time, and none after finished
            if (!finished.get() && d > reported) {
                reported = d;
                call(() -> listener.progressed(d, t));
            }
        }
        if (t >= 0 && d >= t) finish();
    }

    /** The total is known now (a lazily read input has ended). */
    public void total(long n) {
        if (listener == null) return;
        total = n;
        if (done.get() >= n) finish();
    }

    /**
     * The consumer has every result (so every task is done, even if some of their progress
     * calls have not arrived yet): {@code finished(total, total)} is called if it was not yet.
     */
    public synchronized void complete() {
        if (listener == null || !finished.compareAndSet(false, true)) return;
        long t = total >= 0 ? total : done.get();
        // The last tasks' own progress calls may still be on their way (a worker's result can
        // reach the consumer before its future's callbacks run): report them now, once.
        if (reported < t) call(() -> listener.progressed(t, t));
        reported = t;
        call(() -> listener.finished(t, t));
    }

    /** The call is over (all done, or given up): {@code finished} is called if it was not yet. */
    public synchronized void finish() {
        if (listener == null || !finished.compareAndSet(false, true)) return;
        long d = done.get(), t = total;
        call(() -> listener.finished(d, t));
    }

    private void call(Runnable r) {
        if (broken.get()) return;
        try {
            r.run();
        } catch (Throwable e) {
            // calls already under way in other threads may still throw: report the first only
            if (broken.compareAndSet(false, true)) {
                Reports.callbackFailed(LOGGER, "exception calling progress listener " + listener, e);
            }
        }
    }
}
