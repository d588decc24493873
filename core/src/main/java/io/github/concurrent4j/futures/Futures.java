package io.github.concurrent4j.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.Timeouts;

/**
 * The module-level functions of Python's {@code concurrent.futures}: {@code wait} and
 * {@code as_completed}, over futures of any executor (threads, processes, machines; futures
 * of different executors may be mixed, as in Python).
 *
 * <pre>{@code
 * DoneAndNotDone<Future<Integer>> r = Futures.wait(fs, Duration.ofSeconds(5), ReturnWhen.FIRST_EXCEPTION);
 * for (Future<String> f : Futures.asCompleted(fs)) System.out.println(f.result());   // first done, first out
 * }</pre>
 *
 * <p>Difference from Python: a cancelled future counts as done as soon as it is cancelled;
 * CPython's {@code wait} and {@code as_completed} count it only once the executor has noticed
 * the cancellation (its internal {@code CANCELLED_AND_NOTIFIED} state), which a future made
 * outside an executor never reaches.
 *
 * <p>Thread-safe. Waiting leaves nothing behind on the futures it waited for (the waits of a
 * loop over {@code wait(fs, timeout)} do not pile up on futures that stay pending).
 */
public final class Futures {
    private Futures() {}

    /** Python's {@code wait(fs)}: waits until all are done. */
    public static <F extends Future<?>> DoneAndNotDone<F> wait(Collection<F> fs) {
        return waitNanos(fs, -1, ReturnWhen.ALL_COMPLETED);
    }

    /** Python's {@code wait(fs, return_when=...)}, without a timeout. */
    public static <F extends Future<?>> DoneAndNotDone<F> wait(Collection<F> fs, ReturnWhen returnWhen) {
        return waitNanos(fs, -1, returnWhen);
    }

    /** Python's {@code wait(fs, timeout)}: waits at most {@code timeout} for all to be done. */
    public static <F extends Future<?>> DoneAndNotDone<F> wait(Collection<F> fs, Duration timeout) {
        return waitNanos(fs, Timeouts.toNanos(timeout), ReturnWhen.ALL_COMPLETED);
    }

    /**
     * Python's {@code wait(fs, timeout, return_when)}: waits until {@code returnWhen} holds or
     * {@code timeout} has passed, and returns which futures were done then. It never throws a
     * timeout: a timed-out wait returns what was done. Duplicates in {@code fs} count once.
     *
     * @throws InterruptedRuntimeException if interrupted while waiting
     */
    public static <F extends Future<?>> DoneAndNotDone<F> wait(Collection<F> fs, Duration timeout, ReturnWhen returnWhen) {
        return waitNanos(fs, Timeouts.toNanos(timeout), returnWhen);
    }

    private static <F extends Future<?>> DoneAndNotDone<F> waitNanos(Collection<F> fs, long nanos, ReturnWhen returnWhen) {
        Objects.requireNonNull(returnWhen, "returnWhen");
        Set<F> all = new LinkedHashSet<>(Objects.requireNonNull(fs, "fs"));
        Set<F> done = new LinkedHashSet<>();
        Set<F> notDone = new LinkedHashSet<>();
        for (F f : all) (f.done() ? done : notDone).add(f);
        if (returnWhen == ReturnWhen.FIRST_COMPLETED && !done.isEmpty()
                || returnWhen == ReturnWhen.FIRST_EXCEPTION && done.stream().anyMatch(Futures::failed)
                || notDone.isEmpty()) {
            return new DoneAndNotDone<>(done, notDone);
        }
        Waiter waiter = new Waiter(returnWhen, notDone.size());
        List<Runnable> removals = new ArrayList<>(notDone.size());
        try {
            for (F f : notDone) removals.add(subscribe(f, waiter));
            waiter.await(nanos);
        } finally {
            removals.forEach(Runnable::run);
        }
        done.clear();
        notDone.clear();
        for (F f : all) (f.done() ? done : notDone).add(f);
        return new DoneAndNotDone<>(done, notDone);
    }

    /** Whether {@code f} finished by raising (not cancelled). */
    static boolean failed(Future<?> f) {
        if (f instanceof FutureImpl<?> impl) return impl.failed();
        return f.done() && !f.cancelled() && f.state() == java.util.concurrent.Future.State.FAILED;
    }

    /**
     * Calls {@code onDone} once {@code f} is done (at once if it is); returns how to take it
     * back. Futures of this package get a removable listener; others a done callback, which
     * {@code onDone} must tolerate being called late.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Runnable subscribe(Future<?> f, Consumer<Future<?>> onDone) {
        if (f instanceof FutureImpl<?> impl) {
            FutureImpl.Node node = impl.addListener((Consumer) onDone);
            if (node == null) {
                onDone.accept(f);
                return () -> {};
            }
            return () -> impl.removeListener(node);
        }
        ((Future) f).addDoneCallback(onDone);
        return () -> {};
    }

    /** What {@code wait} waits on: released when its {@link ReturnWhen} condition holds. */
    private static final class Waiter implements Consumer<Future<?>> {
        private final ReturnWhen returnWhen;
        private final AtomicInteger left;
        private final CountDownLatch released = new CountDownLatch(1);

        Waiter(ReturnWhen returnWhen, int pending) {
            this.returnWhen = returnWhen;
            this.left = new AtomicInteger(pending);
        }

        @Override
        public void accept(Future<?> f) {
            int l = left.decrementAndGet();
            if (l <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED
                    || returnWhen == ReturnWhen.FIRST_EXCEPTION && failed(f)) {
                released.countDown();
            }
        }

        void await(long nanos) {
            try {
                if (nanos < 0) released.await();
                else released.await(nanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                throw new InterruptedRuntimeException(e);
            }
        }
    }

    /**
     * Python's {@code as_completed(fs)}: the futures as they finish — those already done
     * first, then each as soon as it is done (finished or cancelled). Duplicates count once.
     */
    public static <F extends Future<?>> ResultIterator<F> asCompleted(Collection<F> fs) {
        return AsCompletedIterator.start(fs, -1, null);
    }

    /**
     * Python's {@code as_completed(fs, timeout)}: the iterator throws
     * {@link FuturesTimeoutException} ("2 (of 4) futures unfinished") if it has to wait for a
     * future past {@code timeout} after this call.
     */
    public static <F extends Future<?>> ResultIterator<F> asCompleted(Collection<F> fs, Duration timeout) {
        return AsCompletedIterator.start(fs, Timeouts.toNanos(timeout), null);
    }

    /** {@link #asCompleted(Collection)}, reporting each finished future to {@code progress}. */
    public static <F extends Future<?>> ResultIterator<F> asCompleted(Collection<F> fs, ProgressListener progress) {
        return AsCompletedIterator.start(fs, -1, Objects.requireNonNull(progress, "progress"));
    }

    /** {@link #asCompleted(Collection, Duration)}, reporting each finished future to {@code progress}. */
    public static <F extends Future<?>> ResultIterator<F> asCompleted(Collection<F> fs, Duration timeout,
            ProgressListener progress) {
        return AsCompletedIterator.start(fs, Timeouts.toNanos(timeout), Objects.requireNonNull(progress, "progress"));
    }
}
