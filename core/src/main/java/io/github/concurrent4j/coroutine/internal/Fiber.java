package io.github.concurrent4j.coroutine.internal;

/**
 * One execution context of a {@link Loop}: a greenlet, an asyncio task, or the loop's root
 * (the thread that opened the loop). Every fiber but the root runs on a virtual thread of its
 * own, started lazily when the fiber first receives the baton.
 *
 * <p>All fields are owned by the loop's baton holder; the loop's volatile {@code running}
 * handoff orders them between holders. Only {@link #thread} is volatile, because the stall
 * watchdog reads it from its own thread.
 */
public final class Fiber implements Thread.UncaughtExceptionHandler {
    /** Created; not yet runnable (a raw greenlet that nobody switched to yet). */
    public static final int NEW = 0;
    /** In the loop's run queue (or about to receive the baton directly). */
    public static final int READY = 1;
    /** Holds the baton. */
    public static final int RUNNING = 2;
    /** Parked on a {@link Waiter}. */
    public static final int SUSPENDED = 3;
    /** Finished; its thread has ended or is ending. */
    public static final int DEAD = 4;

    final Loop loop;
    final Runnable body;
    final boolean isRoot;
    String name;
    final String prefix;
    final long id;
    volatile Thread thread;
    int state;
    Waiter waiting;
    RuntimeException pendingThrow;
    /** What the first switch into a raw greenlet passed (its run arguments). */
    Object startValue;
    /** Where the baton goes when this fiber dies, instead of the run queue (raw greenlets). */
    Fiber exitTarget;
    Object owner;
    // intrusive list of the loop's live fibers
    Fiber prevLive, nextLive;
    boolean live;

    Fiber(Loop loop, String name, Runnable body, Object owner, Thread rootThread) {
        this(loop, name, null, 0, body, owner, rootThread);
    }

    Fiber(Loop loop, String name, String prefix, long id, Runnable body, Object owner, Thread rootThread) {
        this.loop = loop;
        this.name = name;
        this.prefix = prefix;
        this.id = id;
        this.body = body;
        this.owner = owner;
        this.isRoot = rootThread != null;
        this.thread = rootThread;
        this.state = isRoot ? RUNNING : NEW;
    }

    /** The loop this fiber belongs to. */
    public Loop loop() {
        return loop;
    }

    /** The object this fiber runs for (a {@code Greenlet}, a {@code Task}), or null for the root. */
    public Object owner() {
        return owner;
    }

    /** Replaces the owner (a root fiber is adopted by the main greenlet/task wrapper). */
    public void owner(Object owner) {
        this.owner = owner;
    }

    /** One of {@link #NEW}, {@link #READY}, {@link #RUNNING}, {@link #SUSPENDED}, {@link #DEAD}. */
    public int state() {
        return state;
    }

    /** Whether this is the loop's root (the thread that opened the loop). */
    public boolean isRoot() {
        return isRoot;
    }

    /** Whether the fiber is suspended in a direct {@link Loop#switchTo} (not in a hub wait). */
    public boolean inRawSwitch() {
        return state == SUSPENDED && waiting != null && waiting.raw && !waiting.done;
    }

    /** Takes (and clears) an exception that was thrown into this fiber before it started. */
    public RuntimeException takePendingThrow() {
        RuntimeException p = pendingThrow;
        pendingThrow = null;
        return p;
    }

    /** The exception waiting to be raised at this fiber's next suspension point, or null. */
    public RuntimeException peekPendingThrow() {
        return pendingThrow;
    }

    /** Whether an exception waits to be raised at this fiber's next suspension point. */
    public boolean hasPendingThrow() {
        return pendingThrow != null;
    }

    /** What the switch that started this fiber passed to it (raw greenlets). */
    public Object startValue() {
        return startValue;
    }

    /** Makes the baton go to {@code target} when this fiber dies (raw greenlet: to its parent). */
    public void exitTarget(Fiber target) {
        this.exitTarget = target;
    }

    /** Renames the fiber (its thread is renamed by the caller). */
    public void rename(String name) {
        this.name = name;
    }

    /** The fiber's name (made on demand from a prefix and a number, to keep fibers light). */
    public String name() {
        String n = name;
        if (n == null) {
            Thread t = thread;
            n = prefix != null ? prefix + id : t != null ? "fiber@" + t.threadId() : "fiber";
            if (prefix != null) name = n;
        }
        return n;
    }

    /**
     * A fiber's thread carries its fiber as its uncaught-exception handler: that is how
     * {@link Loop#currentFiber()} finds it without a {@code ThreadLocal} (whose map and weak
     * entry would cost every fiber ~140 bytes and the GC a reference to process). The fiber's
     * body catches everything, so this is only a last resort.
     */
    @Override
    public void uncaughtException(Thread t, Throwable e) {
        loop.reportException("uncaught exception in " + name(), e);
    }

    /** The thread running this fiber, or null if it has not started. */
    public Thread thread() {
        return thread;
    }

    @Override
    public String toString() {
        return name();
    }
}
