package io.github.concurrent4j.threading;

import io.github.concurrent4j.internal.Config;

import io.github.concurrent4j.Timeouts;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Finds deadlocks and reports them, instead of the silent hang that a deadlocked Python
 * program shows. Python has no equivalent; this is the "why does my program hang" answer.
 *
 * <pre>{@code
 * List<Deadlock> found = Deadlocks.find();          // on demand
 * System.err.println(Deadlocks.report());          // the same, as text
 * try (var w = Deadlocks.watch(Duration.ofSeconds(5))) {   // automatically, after a 5 s stall
 *     runTheProgram();
 * }
 * // or for the whole JVM: java -Dc4j.deadlock.watchdog=5s ...
 * }</pre>
 *
 * <p>What is found: cycles of threads each waiting for a lock held by the next, among
 * concurrent4j's {@link Lock}s and {@link RLock}s (by name), JDK monitors
 * ({@code synchronized}) and JDK locks ({@link java.util.concurrent.locks.ReentrantLock},
 * read-write locks: anything built on {@code AbstractOwnableSynchronizer}), in any
 * combination, and locks {@linkplain #register registered} as {@link OwnedLock}s (such as
 * locks shared between processes, whose cycles may cross processes). A lock that a thread
 * waits for but nobody holds, a semaphore, an event or a condition cannot be part of such a
 * cycle, and a long wait on one is not reported. Virtual threads are seen when they were
 * started through {@link Threading} and wait for a concurrent4j lock; the JVM's management
 * interface does not list virtual threads, so a virtual thread blocked on a JDK monitor or
 * lock is not seen.
 *
 * <p>The watchdog ({@link #watch}) is a daemon thread that looks every quarter of the stall
 * time (at most every second) and reports each cycle once, when it has lasted at least the
 * stall time. A look costs about as much as a thread dump without stacks, so keep the stall
 * at a second or more in production. The system property
 * {@code c4j.deadlock.watchdog} (a duration such as {@code 5s}, {@code 500ms} or
 * {@code PT5S}) starts a watchdog that prints to {@code System.err} as soon as the first
 * concurrent4j lock is created.
 *
 * <p>Thread-safe.
 */
public final class Deadlocks {
    private static final Set<OwnedLock> REGISTERED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private static final AtomicBoolean PROPERTY_READ = new AtomicBoolean();
    /** The system property that starts a JVM-wide watchdog. */
    public static final String WATCHDOG_PROPERTY = "c4j.deadlock.watchdog";

    private Deadlocks() {}

    /** The deadlocks now, each cycle once; empty if there is none. */
    public static List<Deadlock> find() {
        WaitForGraph g = WaitForGraph.snapshot(true);
        return g.cycles().stream().map(g::toDeadlock).toList();
    }

    /** {@link #find()} as text: every deadlock's report, or a line saying there is none. */
    public static String report() {
        List<Deadlock> found = find();
        if (found.isEmpty()) {
            return "No deadlock found.\n";
        }
        return found.stream().map(Deadlock::toString).collect(Collectors.joining("\n"));
    }

    /**
     * Includes {@code lock} in deadlock reports until it is garbage-collected or
     * {@linkplain #unregister unregistered}: for locks whose owner and waiters the JVM cannot
     * see, such as locks in memory shared between processes. concurrent4j's {@link Lock} and
     * {@link RLock} need no registration.
     */
    public static void register(OwnedLock lock) {
        REGISTERED.add(Objects.requireNonNull(lock, "lock"));
    }

    /** Stops including {@code lock} in reports. */
    public static void unregister(OwnedLock lock) {
        REGISTERED.remove(lock);
    }

    static List<OwnedLock> registered() {
        synchronized (REGISTERED) {
            return List.copyOf(REGISTERED);
        }
    }

    /**
     * Starts a watchdog that prints each deadlock to {@code System.err} once it has lasted
     * {@code stall}.
     */
    public static Watchdog watch(Duration stall) {
        return watch(stall, d -> System.err.println("concurrent4j deadlock watchdog:\n" + d));
    }

    /**
     * Starts a watchdog that passes each deadlock to {@code action} once it has lasted
     * {@code stall}. The action runs in the watchdog's thread; an exception it throws is
     * printed and the watchdog goes on.
     *
     * @throws IllegalArgumentException if {@code stall} is negative
     */
    public static Watchdog watch(Duration stall, Consumer<? super Deadlock> action) {
        return new Watchdog(Timeouts.toNanos(stall), Objects.requireNonNull(action, "action"));
    }

    /**
     * A running deadlock watchdog: a daemon thread that looks for deadlocks periodically.
     * {@link #close()} stops it.
     */
    public static final class Watchdog implements AutoCloseable {
        private final long stallNanos;
        private final Consumer<? super Deadlock> action;
        private final Thread thread;
        private volatile boolean closed;

        private Watchdog(long stallNanos, Consumer<? super Deadlock> action) {
            this.stallNanos = stallNanos;
            this.action = action;
            this.thread = Thread.ofPlatform().daemon(true).name("c4j-deadlock-watchdog").start(this::loop);
        }

        private void loop() {
            long period = Math.clamp(stallNanos / 4, TimeUnit.MILLISECONDS.toNanos(5), TimeUnit.SECONDS.toNanos(1));
            Map<List<ThreadRef>, Long> firstSeen = new HashMap<>();
            Set<List<ThreadRef>> reported = new HashSet<>();
            while (!closed) {
                LockSupport.parkNanos(this, period);
                if (closed) {
                    return;
                }
                try {
                    look(firstSeen, reported);
                } catch (RuntimeException | Error e) {
                    System.err.println("concurrent4j deadlock watchdog failed to look:");
                    e.printStackTrace();
                }
            }
        }

        private void look(Map<List<ThreadRef>, Long> firstSeen, Set<List<ThreadRef>> reported) {
            long now = System.nanoTime();
            Set<List<ThreadRef>> present = new HashSet<>();
            for (List<WaitForGraph.Edge> cycle : WaitForGraph.snapshot(false).cycles()) {
                List<ThreadRef> key = WaitForGraph.key(cycle);
                present.add(key);
                long since = firstSeen.computeIfAbsent(key, k -> now);
                if (now - since >= stallNanos && !reported.contains(key)) {
                    // look again with names and stacks; report what is still there
                    WaitForGraph full = WaitForGraph.snapshot(true);
                    for (List<WaitForGraph.Edge> c : full.cycles()) {
                        if (WaitForGraph.key(c).equals(key)) {
                            reported.add(key);
                            action.accept(full.toDeadlock(c));
                        }
                    }
                }
            }
            firstSeen.keySet().retainAll(present);
            reported.retainAll(present);
        }

        /** The watchdog's thread (a daemon). */
        public Thread thread() {
            return thread;
        }

        /** Stops the watchdog; returns at once. */
        @Override
        public void close() {
            closed = true;
            LockSupport.unpark(thread);
        }
    }

    /** Starts the JVM-wide watchdog if the system property asks for one (once). */
    static void watchFromSystemProperty() {
        if (PROPERTY_READ.compareAndSet(false, true)) {
            try {
                Config.duration(Config.Setting.DEADLOCK_WATCHDOG).ifPresent(Deadlocks::watch);
            } catch (RuntimeException e) {
                System.err.println("concurrent4j: ignoring " + e.getMessage());
            }
        }
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m} or ISO-8601 ({@code PT5S}). */
    static Duration parseDuration(String s) {
        return Config.parseDuration(s);
    }
}
