package io.github.concurrent4j.multiprocessing.pool;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;

import io.github.concurrent4j.futures.ExecutorMixin.Signal;

/**
 * The helpers of CPython 3.13's {@code Lib/test/_test_multiprocessing.py} that the pool tests
 * use ({@code sqr}, {@code mul}, {@code identity}, {@code SayWhenError},
 * {@code exception_throwing_generator}, the timeouts), as static methods so that they are
 * serializable method references for a pool of processes.
 */
public final class PoolTestSupport {
    private PoolTestSupport() {}

    /** CPython's {@code TIMEOUT1, TIMEOUT2}: 0.1 s. */
    public static final Duration TIMEOUT1 = Duration.ofMillis(100), TIMEOUT2 = Duration.ofMillis(100);

    public static int sqr(int x) {
        return x * x;
    }

    /** CPython's {@code sqr(x, wait=0.0)}. */
    public static int sqr(int x, Duration wait) {
        sleep(wait);
        return x * x;
    }

    /** CPython's {@code sqr(x, wait, event)}: waits on the event instead of sleeping. */
    public static int sqr(int x, Duration wait, Signal event) {
        event.await(wait);
        return x * x;
    }

    public static int mul(int x, int y) {
        return x * y;
    }

    public static Object identity(Object x) {
        return x;
    }

    public static Object sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** CPython's {@code raise_large_valuerror(wait)}. */
    public static Object raiseLargeValueError(double waitSeconds) {
        sleep(Duration.ofMillis((long) (waitSeconds * 1000)));
        throw new IllegalArgumentException("x".repeat(1024 * 1024));
    }

    /** CPython's {@code SayWhenError(ValueError)}. */
    public static final class SayWhenError extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public SayWhenError(String message) {
            super(message);
        }
    }

    /**
     * CPython's {@code exception_throwing_generator(total, when)}: yields 0, 1, ... and raises
     * {@link SayWhenError} when it reaches {@code when} ({@code -1}: at once), as a generator
     * raises on the {@code next()} that reaches the {@code raise}.
     */
    public static Iterable<Integer> exceptionThrowingGenerator(int total, int when) {
        return () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                if (when == -1 || i == when) throw new SayWhenError("Somebody said when");
                return i < total;
            }

            @Override
            public Integer next() {
                if (!hasNext()) throw new NoSuchElementException();
                return i++;
            }
        };
    }
}
