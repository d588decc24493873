package io.github.concurrent4j.multiprocessing.pool;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.futures.internal.Reports;
import io.github.concurrent4j.queue.SimpleQueue;

/**
 * A pool's result thread (CPython's result handler, as far as callbacks go): runs the user's
 * {@code callback}s and {@code errorCallback}s one at a time, in the order their results were
 * complete, so that a slow callback never holds a worker or the engine. A callback that throws
 * is reported and the thread goes on (a throwing callback kills CPython's result handler,
 * cpython#83371). Started on first use.
 */
final class CallbackRunner {
    static final String LOGGER = "io.github.concurrent4j.multiprocessing.pool";
    private static final Runnable STOP = () -> {};
    private final String threadName;
    private final SimpleQueue<Runnable> queue = new SimpleQueue<>();
    private Thread thread; // guarded by this
    private boolean stopped; // guarded by this

    CallbackRunner(String threadName) {
        this.threadName = threadName;
    }

    /** Runs {@code r} on the result thread (in the caller if the pool has ended). */
    void execute(Runnable r) {
        synchronized (this) {
            if (!stopped) {
                if (thread == null) {
                    thread = Thread.ofPlatform().daemon(true).name(threadName).start(this::loop);
                }
                queue.put(r);
                return;
            }
        }
        runReporting(r);
    }

    private void loop() {
        for (;;) {
            Runnable r;
            try {
                r = queue.get();
            } catch (InterruptedRuntimeException e) {
                Thread.interrupted();
                continue;
            }
            if (r == STOP) return;
            runReporting(r);
        }
    }

    static void runReporting(Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            Reports.callbackFailed(LOGGER, "exception in a pool callback", t);
        }
    }

    /** Runs what is queued, then stops the thread; returns when it has ended. */
    void shutdownAndAwait() {
        Thread t;
        synchronized (this) {
            if (stopped) return;
            stopped = true;
            t = thread;
            if (t != null) queue.put(STOP);
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new InterruptedRuntimeException(e);
            }
        }
    }
}
