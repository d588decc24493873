package io.github.concurrent4j.threading;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.InterruptedRuntimeException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The equivalent of Python's {@code threading} module functions: starting threads from a
 * lambda with a name and a daemon flag, {@code current_thread}, {@code main_thread},
 * {@code enumerate}, {@code active_count}, {@code get_ident} and {@code excepthook}.
 *
 * <pre>{@code
 * Thread t = Threading.start("child thread", () -> work());     // Thread(target=work, name=...).start()
 * Threading.join(t);                                           // t.join()
 * Thread d = Threading.thread().name("ticker").daemon(true).start(Tick::forever);
 * Thread v = Threading.thread().virtual().start(() -> io());   // a virtual thread
 * }</pre>
 *
 * <p>This is a thin layer: the threads are ordinary {@link Thread}s (platform or virtual), so
 * everything Java offers for them still applies. What the layer adds is Python's behaviour:
 * default names {@code Thread-1}, {@code Thread-2}, …; the daemon flag defaults to that of the
 * creating thread; an uncaught exception goes to {@link #excepthook()} (by default printed as
 * {@code Exception in thread NAME:} and the stack trace, as Python prints it); and
 * {@link #enumerate()} lists the main thread and the live threads started through this class,
 * in the order they started. A thread subclass (Python's {@code class MyThread(Thread)}) is a
 * subclass of {@link Thread} overriding {@code run()}; start it with {@link #start(Thread)} to
 * get the same treatment. Threads started otherwise are not listed, as Python lists only the
 * threads its {@code threading} module knows.
 *
 * <p>Differences from Python: a virtual thread is always a daemon thread (the JVM does not
 * wait for it), so asking for a non-daemon virtual thread is refused; {@code native_id} has no
 * portable Java equivalent and is not offered; {@link #getIdent()} is
 * {@link Thread#threadId()}, which exists from the thread's creation, not only from its start.
 * The daemon flag has the same meaning as in Python: the JVM exits when only daemon threads are
 * left, stopping them wherever they are.
 *
 * <p>Thread-safe. Memory consistency effects: those of {@link Thread#start()} and
 * {@link Thread#join()}: actions before {@code start} happen-before the thread's actions, which
 * happen-before the return of a {@code join} that saw it finish.
 */
public final class Threading {
    /**
     * The longest timeout the blocking methods distinguish from forever (Python's
     * {@code threading.TIMEOUT_MAX}): {@code Long.MAX_VALUE} nanoseconds, about 292 years.
     * Unlike Python, a longer {@code Duration} is not refused: it waits as long as this one.
     */
    public static final Duration TIMEOUT_MAX = Timeouts.MAX;

    private static final AtomicLong NAMES = new AtomicLong();
    private static final AtomicLong ORDER = new AtomicLong();
    /** Live threads started through this class, with their start order. */
    private static final Map<Thread, Long> STARTED = new ConcurrentHashMap<>();
    private static volatile int pruneAbove = 256;
    private static final Thread MAIN = findMainThread();
    private static volatile Consumer<ExceptHookArgs> excepthook = Threading::printException;
    private static final Thread.UncaughtExceptionHandler TO_EXCEPTHOOK = (t, e) -> callExcepthook(t, e);

    private Threading() {}

    /**
     * The equivalent of the argument of Python's {@code threading.excepthook}: the exception
     * that ended a thread, and the thread.
     *
     * @param exception the uncaught exception (Python's {@code exc_value}; its class and stack
     *                  trace are Python's {@code exc_type} and {@code exc_traceback})
     * @param thread    the thread it ended
     */
    public record ExceptHookArgs(Throwable exception, Thread thread) {
        public ExceptHookArgs {
            Objects.requireNonNull(exception, "exception");
            Objects.requireNonNull(thread, "thread");
        }
    }

    /** Starts a new platform thread running {@code target}, named {@code Thread-N}. */
    public static Thread start(Runnable target) {
        return thread().start(target);
    }

    /** Starts a new platform thread named {@code name} running {@code target}. */
    public static Thread start(String name, Runnable target) {
        return thread().name(name).start(target);
    }

    /**
     * Python's {@code Thread(target=target, name=name, daemon=daemon).start()}: starts a new
     * platform thread.
     */
    public static Thread start(String name, boolean daemon, Runnable target) {
        return thread().name(name).daemon(daemon).start(target);
    }

    /**
     * Starts a thread created elsewhere, such as an instance of a {@link Thread} subclass that
     * overrides {@code run()} (Python's {@code MyThread(...).start()}), and lists it in
     * {@link #enumerate()} until it ends. If the thread has no uncaught-exception handler of its
     * own, its uncaught exception goes to {@link #excepthook()}.
     *
     * @return {@code thread}
     * @throws IllegalThreadStateException if it was already started
     */
    public static Thread start(Thread thread) {
        Objects.requireNonNull(thread, "thread");
        if (thread.getUncaughtExceptionHandler() == thread.getThreadGroup()) {
            // no handler of its own (the group is the fallback): use Python's excepthook
            thread.setUncaughtExceptionHandler(TO_EXCEPTHOOK);
        }
        register(thread);
        try {
            thread.start();
        } catch (RuntimeException e) {
            STARTED.remove(thread);
            throw e;
        }
        return thread;
    }

    /** A builder for threads: name, daemon flag, platform or virtual. */
    public static Builder thread() {
        return new Builder();
    }

    /**
     * Builds threads the way Python's {@code Thread(target, name, daemon)} does. Not
     * thread-safe; a builder may build several threads.
     */
    public static final class Builder {
        private String name;
        private Boolean daemon;
        private boolean virtual;

        private Builder() {}

        /** The thread's name (default {@code Thread-N}). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Whether the thread is a daemon thread, one that does not keep the JVM alive (default:
         * as the creating thread, like Python).
         */
        public Builder daemon(boolean daemon) {
            this.daemon = daemon;
            return this;
        }

        /** Build a virtual thread (always a daemon thread). */
        public Builder virtual() {
            this.virtual = true;
            return this;
        }

        /** Build a platform thread (the default). */
        public Builder platform() {
            this.virtual = false;
            return this;
        }

        /**
         * A new thread that will run {@code target}, not yet started: start it with
         * {@link Threading#start(Thread)} (or {@link Thread#start()}, after which it is listed
         * by {@link Threading#enumerate()} once it runs).
         *
         * @throws IllegalArgumentException if a virtual thread was asked to be non-daemon
         */
        public Thread unstarted(Runnable target) {
            Objects.requireNonNull(target, "target");
            String threadName = name != null ? name : "Thread-" + NAMES.incrementAndGet();
            Runnable body = () -> {
                Thread self = Thread.currentThread();
                register(self);
                try {
                    target.run();
                } finally {
                    STARTED.remove(self);
                }
            };
            Thread t;
            if (virtual) {
                if (daemon != null && !daemon) {
                    throw new IllegalArgumentException("a virtual thread is always a daemon thread; "
                            + "use a platform thread for a non-daemon thread");
                }
                t = Thread.ofVirtual().name(threadName).uncaughtExceptionHandler(TO_EXCEPTHOOK).unstarted(body);
            } else {
                boolean d = daemon != null ? daemon : Thread.currentThread().isDaemon();
                t = Thread.ofPlatform().name(threadName).daemon(d).uncaughtExceptionHandler(TO_EXCEPTHOOK)
                        .unstarted(body);
            }
            return t;
        }

        /** Builds the thread for {@code target} and starts it. */
        public Thread start(Runnable target) {
            return Threading.start(unstarted(target));
        }
    }

    private static void register(Thread t) {
        STARTED.putIfAbsent(t, ORDER.incrementAndGet());
        if (STARTED.size() > pruneAbove) {
            // Threads started with start(Thread) remove nothing when they end: drop dead ones.
            STARTED.keySet().removeIf(x -> !x.isAlive() && x.getState() == Thread.State.TERMINATED);
            pruneAbove = Math.max(256, 2 * STARTED.size());
        }
    }

    /**
     * Waits until {@code thread} ends (Python's {@code t.join()}), throwing unchecked
     * {@link InterruptedRuntimeException} if interrupted.
     *
     * @throws IllegalStateException if the thread was never started (Python's
     *         {@code RuntimeError})
     */
    public static void join(Thread thread) {
        requireStarted(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        }
    }

    /**
     * Waits at most {@code timeout} for {@code thread} to end (Python's {@code t.join(timeout)}).
     *
     * @return whether the thread has ended (Python: {@code not t.is_alive()})
     */
    public static boolean join(Thread thread, Duration timeout) {
        requireStarted(thread);
        long nanos = Timeouts.toNanos(timeout);
        try {
            return thread.join(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        }
    }

    private static void requireStarted(Thread thread) {
        Objects.requireNonNull(thread, "thread");
        if (thread.getState() == Thread.State.NEW) {
            throw new IllegalStateException("cannot join thread before it is started: " + thread.getName());
        }
    }

    /** The calling thread (Python's {@code current_thread()}). */
    public static Thread currentThread() {
        return Thread.currentThread();
    }

    /**
     * The JVM's main thread, the one that ran {@code main} (Python's {@code main_thread()}),
     * also after it has ended.
     */
    public static Thread mainThread() {
        return MAIN;
    }

    /**
     * The main thread, if it is alive, and the live threads started through this class, in
     * the order they started (Python's {@code enumerate()}): a thread is listed from its start
     * until its end, never before or after.
     */
    public static List<Thread> enumerate() {
        List<Map.Entry<Thread, Long>> live = new ArrayList<>();
        for (Map.Entry<Thread, Long> e : STARTED.entrySet()) {
            if (e.getKey().isAlive()) {
                live.add(e);
            }
        }
        live.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
        List<Thread> result = new ArrayList<>(live.size() + 1);
        if (MAIN.isAlive()) {
            result.add(MAIN);
        }
        for (Map.Entry<Thread, Long> e : live) {
            if (e.getKey() != MAIN) {
                result.add(e.getKey());
            }
        }
        return List.copyOf(result);
    }

    /** {@code enumerate().size()} (Python's {@code active_count()}). */
    public static int activeCount() {
        return enumerate().size();
    }

    /** The calling thread's id (Python's {@code get_ident()}). */
    public static long getIdent() {
        return Thread.currentThread().threadId();
    }

    /** The hook called with the uncaught exception of a thread started through this class. */
    public static Consumer<ExceptHookArgs> excepthook() {
        return excepthook;
    }

    /**
     * Replaces the hook (Python's {@code threading.excepthook = hook}). The hook runs in the
     * thread that failed, just before it ends; if it throws, its exception is printed.
     */
    public static void setExcepthook(Consumer<ExceptHookArgs> hook) {
        excepthook = Objects.requireNonNull(hook, "hook");
    }

    /** The default hook: prints what Python prints. */
    public static void printException(ExceptHookArgs args) {
        PrintStream err = System.err;
        synchronized (err) {
            err.println("Exception in thread " + args.thread().getName() + ":");
            args.exception().printStackTrace(err);
        }
    }

    private static void callExcepthook(Thread t, Throwable e) {
        try {
            excepthook.accept(new ExceptHookArgs(e, t));
        } catch (Throwable hookFailure) {
            System.err.println("Exception in threading.excepthook:");
            hookFailure.printStackTrace();
        }
    }

    /**
     * The live threads started through this class, for the deadlock report: it can read their
     * park blockers, and it sees the virtual ones, which ThreadMXBean does not list.
     */
    static List<Thread> startedThreads() {
        return STARTED.keySet().stream().filter(Thread::isAlive).toList();
    }

    private static Thread findMainThread() {
        Thread current = Thread.currentThread();
        if (isMainCandidate(current)) {
            return current;
        }
        Thread best = null;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (isMainCandidate(t) && (best == null || t.threadId() < best.threadId())) {
                best = t;
            }
        }
        return best != null ? best : current;
    }

    private static boolean isMainCandidate(Thread t) {
        ThreadGroup g = t.getThreadGroup();
        return "main".equals(t.getName()) && !t.isVirtual() && g != null && "main".equals(g.getName());
    }
}
