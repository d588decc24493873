package io.github.concurrent4j.coroutine.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loop's time source: its timers, {@code sleep}s, timeouts and asyncio's {@code loop.time()}
 * read it. Normally the JVM's monotonic clock ({@link #SYSTEM}); tests that assert durations
 * run their loops on a {@link #virtual()} clock instead (Trio's {@code MockClock} with
 * auto-jump): whenever every fiber waits and only a timer can wake one, the clock jumps to that
 * timer's deadline at once. A test then asserts exact virtual durations ("the gather of a 1 s
 * and a 2 s sleep took 2 s") without waiting for them and without depending on the machine's
 * load.
 */
public abstract class Clock {
    /** The JVM's monotonic clock, {@link System#nanoTime()}. */
    public static final Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }
    };

    private static final ThreadLocal<Clock> FOR_NEW_LOOPS = new ThreadLocal<>();

    Clock() {}

    /** The current time in nanoseconds (an arbitrary origin, as {@link System#nanoTime()}). */
    public abstract long nanoTime();

    /** Whether the loop may jump this clock to its next timer instead of waiting for it. */
    boolean autoJump() {
        return false;
    }

    /** Moves the clock forward by {@code nanos} (auto-jump). */
    void advance(long nanos) {
        throw new UnsupportedOperationException();
    }

    /** A new virtual clock, starting at 0, that jumps to the next timer when the loop idles. */
    public static Clock virtual() {
        AtomicLong now = new AtomicLong();
        return new Clock() {
            @Override
            public long nanoTime() {
                return now.get();
            }

            @Override
            boolean autoJump() {
                return true;
            }

            @Override
            void advance(long nanos) {
                now.addAndGet(nanos);
            }
        };
    }

    /**
     * Runs {@code body}; loops that the calling thread opens meanwhile (a hub, {@code Asyncio.run})
     * run on {@code clock}. For tests.
     */
    public static <T> T runWith(Clock clock, Callable<T> body) throws Exception {
        Clock previous = FOR_NEW_LOOPS.get();
        FOR_NEW_LOOPS.set(clock);
        try {
            return body.call();
        } finally {
            if (previous == null) FOR_NEW_LOOPS.remove();
            else FOR_NEW_LOOPS.set(previous);
        }
    }

    /** The clock for a loop the calling thread opens now. */
    static Clock forNewLoop() {
        Clock c = FOR_NEW_LOOPS.get();
        return c != null ? c : SYSTEM;
    }
}
