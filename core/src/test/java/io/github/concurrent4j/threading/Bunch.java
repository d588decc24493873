package io.github.concurrent4j.threading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * CPython's {@code Lib/test/lock_tests.py} {@code Bunch}: {@code n} threads running the same
 * function, started together, their exceptions collected and rethrown when the bunch closes.
 * Where CPython sleeps "until the threads are blocked" ({@code wait_threads_blocked}),
 * {@link #awaitBlocked()} waits until every thread that has not finished is really waiting
 * (its state), so the ported tests do not depend on a sleep being long enough.
 */
final class Bunch implements AutoCloseable {
    final List<Long> started = Collections.synchronizedList(new ArrayList<>());
    final List<Long> finished = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> exceptions = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();
    private final int n;
    private volatile boolean canExit;

    Bunch(ThrowingRunnable f, int n) {
        this(f, n, false);
    }

    Bunch(ThrowingRunnable f, int n, boolean waitBeforeExit) {
        this.n = n;
        this.canExit = !waitBeforeExit;
        for (int i = 0; i < n; i++) {
            threads.add(Thread.ofPlatform().daemon(true).start(() -> {
                long tid = Thread.currentThread().threadId();
                started.add(tid);
                try {
                    f.run();
                } catch (Throwable t) {
                    exceptions.add(t);
                } finally {
                    finished.add(tid);
                    Awaitility.await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(1))
                            .until(() -> canExit);
                }
            }));
        }
        Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> started.size() >= n);
    }

    /** Waits until every thread of the bunch that has not finished is blocked (waiting on something). */
    void awaitBlocked() {
        Awaitility.await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(1)).until(() -> {
            int blocked = 0;
            for (Thread t : threads) {
                Thread.State s = t.getState();
                if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || s == Thread.State.BLOCKED
                        || s == Thread.State.TERMINATED) {
                    blocked++;
                }
            }
            // a finished thread waits for canExit, so it counts as blocked too
            return blocked >= threads.size();
        });
    }

    void doFinish() {
        canExit = true;
    }

    @Override
    public void close() throws InterruptedException {
        Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> finished.size() >= n);
        canExit = true;
        for (Thread t : threads) t.join();
        if (!exceptions.isEmpty()) {
            AssertionError e = new AssertionError(exceptions.size() + " thread(s) of the bunch raised exceptions");
            exceptions.forEach(e::addSuppressed);
            throw e;
        }
    }

    /** What a bunch's threads run. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** CPython's {@code assertTimeout}: waiting is imprecise; at least 0.6 of it, and nothing insane. */
    static void assertTimeout(double actualSeconds, double expectedSeconds) {
        org.assertj.core.api.Assertions.assertThat(actualSeconds).isGreaterThanOrEqualTo(expectedSeconds * 0.6)
                .isLessThan(expectedSeconds * 10.0);
    }
}
