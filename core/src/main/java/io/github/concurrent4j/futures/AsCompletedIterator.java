package io.github.concurrent4j.futures;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.futures.internal.ProgressTracker;

/**
 * The iterator of {@link Futures#asCompleted}: first the futures that were done when it was
 * made (in the order given), then each pending one as its listener reports it done, in
 * finishing order. The listeners are removed when the iteration ends (all yielded, timed out,
 * or closed), and a yielded future is no longer referenced.
 */
final class AsCompletedIterator<F extends Future<?>> implements ResultIterator<F> {
    private final ArrayDeque<F> ready = new ArrayDeque<>();
    private final Set<F> pending = new LinkedHashSet<>();
    private final LinkedBlockingQueue<F> finished = new LinkedBlockingQueue<>();
    private final Map<F, Runnable> removals = new IdentityHashMap<>();
    private final int total;
    private final boolean timed;
    private final long deadline;
    private final ProgressTracker progress;
    private boolean closed;

    private AsCompletedIterator(int total, long timeoutNanos, ProgressTracker progress) {
        this.total = total;
        this.timed = timeoutNanos >= 0;
        this.deadline = timed ? System.nanoTime() + timeoutNanos : 0;
        this.progress = progress;
    }

    @SuppressWarnings("unchecked")
    static <F extends Future<?>> AsCompletedIterator<F> start(Collection<F> fs, long timeoutNanos, ProgressListener listener) {
        Set<F> all = new LinkedHashSet<>(Objects.requireNonNull(fs, "fs"));
        ProgressTracker progress = ProgressTracker.start(listener, all.size());
        AsCompletedIterator<F> it = new AsCompletedIterator<>(all.size(), timeoutNanos, progress);
        for (F f : all) {
            if (f.done()) {
                it.ready.add(f);
                progress.advance(1);
            } else {
                it.pending.add(f);
            }
        }
        for (F f : List.copyOf(it.pending)) {
            it.removals.put(f, Futures.subscribe(f, done -> {
                it.finished.add((F) done);
                progress.advance(1);
            }));
        }
        return it;
    }

    @Override
    public boolean hasNext() {
        return !closed && (!ready.isEmpty() || !pending.isEmpty());
    }

    @Override
    public F next() {
        if (!hasNext()) throw new NoSuchElementException();
        F f = ready.poll();
        if (f != null) {
            if (ready.isEmpty() && pending.isEmpty()) progress.complete();
            return f;
        }
        try {
            while (true) {
                F done = timed ? finished.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                        : finished.take();
                if (done == null) {
                    String msg = pending.size() + " (of " + total + ") futures unfinished";
                    close();
                    throw new FuturesTimeoutException(msg);
                }
                if (pending.remove(done)) {
                    Runnable removal = removals.remove(done); // keep no reference to a yielded future
                    if (removal != null) removal.run();
                    if (pending.isEmpty() && ready.isEmpty()) progress.complete();
                    return done;
                }
            }
        } catch (InterruptedException e) {
            close();
            throw new InterruptedRuntimeException(e);
        }
    }

    /** Takes every listener back. */
    private void finish() {
        removals.values().forEach(Runnable::run);
        removals.clear();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        finish();
        pending.clear();
        ready.clear();
        finished.clear();
        progress.finish();
    }
}
