package io.github.concurrent4j.coroutine.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One daemon platform thread for the whole JVM that samples every open loop and reports a
 * fiber that has held the baton longer than the loop's threshold: the equivalent of gevent's
 * {@code monitor_thread} / {@code max_blocking_time}, or of Netty's blocked-thread checker.
 *
 * <p>Sampling costs the loops nothing: the baton holder already counts its handoffs
 * ({@code Loop.switches}); the watchdog reads that counter every {@link #TICK_MS} ms and
 * reports a loop whose counter has not moved for longer than its threshold while it was not
 * idle (waiting in select/park) and still had other fibers alive. Each stall is reported once.
 */
final class StallWatchdog {
    static final long TICK_MS = 50;
    private static final VarHandle SWITCHES;
    private static final Map<Loop, State> LOOPS = new WeakHashMap<>();
    private static Thread thread;

    static {
        try {
            SWITCHES = MethodHandles.lookup().findVarHandle(Loop.class, "switches", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final class State {
        long switches = -1;
        long since;
        boolean reported;
    }

    private StallWatchdog() {}

    static synchronized void register(Loop loop) {
        LOOPS.put(loop, new State());
        if (thread == null) {
            thread = Thread.ofPlatform().daemon(true).name("c4j-stall-watchdog").start(StallWatchdog::run);
        }
    }

    static synchronized void unregister(Loop loop) {
        LOOPS.remove(loop);
    }

    private static void run() {
        for (;;) {
            try {
                Thread.sleep(TICK_MS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            Map<Loop, State> snapshot;
            synchronized (StallWatchdog.class) {
                snapshot = new java.util.HashMap<>(LOOPS);
            }
            snapshot.forEach((loop, st) -> check(loop, st, now));
        }
    }

    private static void check(Loop loop, State st, long now) {
        long threshold = loop.stallThresholdNanos;
        Fiber f = loop.runningFiber();
        long s = (long) SWITCHES.getOpaque(loop);
        // idle in select/park, nothing else alive, or a handoff since the last tick: no stall
        boolean quiet = threshold <= 0 || loop.isIdle() || f == null || loop.liveCount() == 0;
        if (quiet || s != st.switches) {
            st.switches = s;
            st.since = now;
            st.reported = false;
            return;
        }
        if (!st.reported && now - st.since >= threshold) {
            st.reported = true;
            Thread t = f.thread();
            StackTraceElement[] stack = t == null ? new StackTraceElement[0] : t.getStackTrace();
            StallSink sink = loop.stallSink;
            try {
                if (sink != null) sink.stalled(loop, f, now - st.since, stack);
                else defaultReport(loop, f, now - st.since, stack);
            } catch (Throwable e) {
                System.err.println("c4j stall watchdog: the stall sink failed: " + e);
            }
        }
    }

    static void defaultReport(Loop loop, Fiber f, long nanos, StackTraceElement[] stack) {
        StringBuilder sb = new StringBuilder();
        sb.append(f).append(" has blocked ").append(loop).append(" for ").append(nanos / 1_000_000)
                .append(" ms without a cooperative call (a plain blocking JDK call or a long computation"
                        + " in a greenlet holds the whole hub); it is at:");
        for (StackTraceElement e : stack) sb.append("\n\tat ").append(e);
        System.getLogger("io.github.concurrent4j.green").log(System.Logger.Level.WARNING, sb.toString());
    }
}
