package io.github.concurrent4j.green;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.coroutine.internal.Fiber;
import io.github.concurrent4j.internal.Unchecked;
import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.Timer;
import io.github.concurrent4j.coroutine.internal.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The equivalent of Python's {@code greenlet.greenlet} and {@code gevent.Greenlet}: a
 * lightweight task of a {@link Hub}, with its own stack (a virtual thread), that runs only
 * while it holds the hub's baton.
 *
 * <p>Two kinds, as in Python:
 * <ul>
 * <li><b>Raw greenlets</b> ({@link #create}) are switched explicitly. {@link #switchTo} hands
 *     the baton to the target at once and suspends the caller until someone switches back;
 *     the first switch starts the target with the switch's arguments. When a raw greenlet's
 *     function returns, its result is passed to its {@link #parent()} (the greenlet that
 *     created it), whose pending {@code switchTo} returns it; an exception propagates to the
 *     parent's {@code switchTo} the same way. Switching to a dead greenlet goes to its parent.</li>
 * <li><b>Spawned greenlets</b> ({@link Gevent#spawn}) are scheduled by the hub: they start
 *     when the running greenlet reaches a cooperative point, and when they finish the hub
 *     runs the next one. Their result is kept: {@link #value()}, {@link #exception()},
 *     {@link #get()}, {@link #join()}, {@link #kill()}.</li>
 * </ul>
 *
 * <p><b>Differences from Python.</b> {@code switch} and {@code throw} are Java keywords:
 * the methods are {@link #switchTo} and {@link #throwInto}. A greenlet that is waiting in the
 * hub (sleeping, on a queue, a socket, a join) cannot be switched into explicitly; use
 * {@link #kill} (or {@link #throwInto}, which then behaves like a non-blocking kill). A
 * killed greenlet is {@linkplain #successful() successful} with an empty {@link #value()}
 * (gevent stores the {@code GreenletExit} instance as its value). A failed spawned greenlet's
 * exception is reported on standard error, as gevent prints it. Checked exceptions thrown by
 * the task are rethrown by {@link #get()} wrapped in {@link CompletionException}.
 *
 * <p><b>Thread safety.</b> Used from greenlets of its own hub only.
 *
 * <p><b>Memory consistency effects.</b> Everything a greenlet did happens-before another
 * greenlet of the hub returns from {@link #join}, {@link #get}, {@link Gevent#joinAll} or a
 * {@link #switchTo} that the first one resumed.
 *
 * @param <T> the type of the greenlet's result
 */
public final class Greenlet<T> {
    private static final AtomicLong SEQ = new AtomicLong();

    private enum Kind { MAIN, RAW, SPAWNED }

    private final Loop loop;
    final Fiber fiber;
    private final Kind kind;
    private final Greenlet<?> parent;
    private final Callable<T> task;
    private final Function<Object[], T> run;
    private T value;
    private Throwable exception;
    private boolean finished;
    private boolean scheduled;
    private Timer startTimer;
    private List<Runnable> deathHooks;
    private List<Consumer<Greenlet<T>>> links;

    private Greenlet(Loop loop, Kind kind, Greenlet<?> parent, Callable<T> task, Function<Object[], T> run) {
        this.loop = loop;
        this.kind = kind;
        this.parent = parent;
        this.task = task;
        this.run = run;
        this.fiber = loop.newFiber(kind == Kind.RAW ? "greenlet-" : "Greenlet-", SEQ.incrementAndGet(),
                kind == Kind.RAW ? this::runRaw : this::runSpawned, this);
    }

    private Greenlet(Fiber root) {   // the main greenlet: wraps the hub's root thread
        this.loop = root.loop();
        this.kind = Kind.MAIN;
        this.parent = null;
        this.task = null;
        this.run = null;
        this.fiber = root;
        root.owner(this);
    }

    // ------------------------------------------------------------------ creation

    /**
     * A raw greenlet ({@code greenlet.greenlet(run)}) in the calling thread's hub, whose parent
     * is the calling greenlet. {@code run} receives the arguments of the first
     * {@link #switchTo}; it starts only then.
     */
    public static <T> Greenlet<T> create(Function<Object[], T> run) {
        Objects.requireNonNull(run, "run");
        Hub hub = Hub.get();
        return new Greenlet<>(hub.loop, Kind.RAW, getCurrent(), null, run);
    }

    /** A raw greenlet whose function takes no arguments (see {@link #create(Function)}). */
    public static <T> Greenlet<T> create(Callable<T> run) {
        Objects.requireNonNull(run, "run");
        return create(args -> Unchecked.call(run));
    }

    static <T> Greenlet<T> spawned(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        Hub hub = Hub.get();
        return new Greenlet<>(hub.loop, Kind.SPAWNED, null, task, null);
    }

    /** The greenlet that calls ({@code greenlet.getcurrent()}); the thread's main greenlet if it is not one. */
    public static Greenlet<?> getCurrent() {
        Fiber f = Loop.currentFiber();
        if (f == null) f = Hub.get().loop.root();
        Object owner = f.owner();
        if (owner instanceof Greenlet<?> g) return g;
        if (f.isRoot() && owner == null) return new Greenlet<Void>(f);
        throw new IllegalStateException(f + " is an asyncio task, not a greenlet");
    }


    // ------------------------------------------------------------------ bodies

    private void runSpawned() {
        RuntimeException pending = fiber.takePendingThrow();
        T v = null;
        Throwable err = null;
        try {
            if (pending != null) throw pending;   // killed before it started: it never runs
            v = task.call();
        } catch (Throwable t) {
            err = t;
        }
        finish(v, err);
    }

    private void runRaw() {
        RuntimeException pending = fiber.takePendingThrow();
        Object result = null;
        RuntimeException toParent = null;
        T v = null;
        Throwable err = null;
        try {
            if (pending != null) throw pending;
            Object start = fiber.startValue();
            v = run.apply(start instanceof Object[] a ? a : new Object[] {start});
            result = v;
        } catch (GreenletExitException e) {
            err = e;
            result = e;
        } catch (RuntimeException e) {
            err = e;
            toParent = e;
        } catch (Error e) {
            err = e;
            toParent = new CompletionException(e);
        }
        finishQuietly(v, err);
        Greenlet<?> target = parent;
        while (target != null && target.isDead()) target = target.parent;
        if (target != null && loop.canSwitchDirectly(target.fiber)) {
            loop.prepareDirect(target.fiber, result, toParent);
            fiber.exitTarget(target.fiber);
        } else if (toParent != null) {
            loop.reportException(this + " died with an exception and its parent cannot receive it", toParent);
        }
    }

    private void finish(T v, Throwable err) {
        if (err != null && !(err instanceof GreenletExitException)) {
            loop.reportException(this + " failed with " + err, err);
        }
        finishQuietly(v, err);
    }

    private void finishQuietly(T v, Throwable err) {
        finished = true;
        if (err instanceof GreenletExitException) {
            exception = null;
        } else if (err != null) {
            exception = err;
        } else {
            value = v;
        }
        if (deathHooks != null) {
            List<Runnable> hooks = deathHooks;
            deathHooks = null;
            for (Runnable h : hooks) h.run();
        }
        if (links != null) {
            for (Consumer<Greenlet<T>> l : links) loop.callSoon(() -> l.accept(this));
            links = null;
        }
    }

    // ------------------------------------------------------------------ raw greenlet API

    /**
     * Switches to this greenlet ({@code greenlet.switch(*args)}): starts it with {@code args}
     * if it has not started, else makes its pending {@code switchTo} return them (the single
     * argument itself if there is one, else the array). The caller is suspended until some
     * greenlet switches back to it; returns what that switch passed (or the result of a child
     * greenlet that finished).
     *
     * @throws IllegalStateException if this greenlet is waiting in the hub or runnable
     */
    public Object switchTo(Object... args) {
        Greenlet<?> target = this;
        while (target.isDead()) {
            target = target.parent;
            if (target == null) throw new IllegalStateException(this + " is dead and has no live parent");
        }
        Object v = target.fiber.state() == Fiber.NEW ? args : (args.length == 1 ? args[0] : args);
        return loop.switchTo(target.fiber, v, null);
    }

    /** Kills this greenlet by switching to it with a {@link GreenletExitException} ({@code greenlet.throw()}). */
    public Object throwInto() {
        return throwInto(new GreenletExitException());
    }

    /**
     * Switches to this greenlet and raises {@code error} in it at once
     * ({@code greenlet.throw(exc)}); a greenlet that has not started dies without running. If
     * the greenlet waits in the hub instead of in a switch, the error is delivered there (as
     * {@link #kill} does) and this call returns null without switching.
     */
    public Object throwInto(RuntimeException error) {
        Objects.requireNonNull(error, "error");
        Greenlet<?> target = this;
        while (target.isDead()) {
            target = target.parent;
            if (target == null) throw new IllegalStateException(this + " is dead and has no live parent");
        }
        if (loop.canSwitchDirectly(target.fiber)) return loop.switchTo(target.fiber, null, error);
        loop.interrupt(target.fiber, error);
        return null;
    }

    /** The parent ({@code greenlet.parent}): the creator of a raw greenlet; empty for spawned ones (their parent is the hub) and the main greenlet. */
    public Optional<Greenlet<?>> parent() {
        return Optional.ofNullable(parent);
    }

    /** Whether it has finished ({@code greenlet.dead}); a greenlet that has not started is not dead. */
    public boolean isDead() {
        return finished || fiber.state() == Fiber.DEAD;
    }

    /** Whether it has started and not finished ({@code bool(greenlet)}). */
    public boolean isActive() {
        int s = fiber.state();
        return !isDead() && (s == Fiber.RUNNING || s == Fiber.SUSPENDED || (s == Fiber.READY && kind == Kind.RAW));
    }

    // ------------------------------------------------------------------ gevent API

    /** Schedules a spawned greenlet to run ({@code Greenlet.start()}); no effect if already scheduled. */
    public Greenlet<T> start() {
        checkSpawned("start");
        if (!scheduled && !finished) {
            scheduled = true;
            if (startTimer != null) startTimer.cancel();
            loop.schedule(fiber);
        }
        return this;
    }

    /** Schedules a spawned greenlet to start after {@code delay} ({@code Greenlet.start_later}). */
    public Greenlet<T> startLater(Duration delay) {
        checkSpawned("startLater");
        long nanos = Timeouts.toNanos(delay);
        if (!scheduled && !finished && startTimer == null) {
            startTimer = loop.callLater(nanos, this::start);
        }
        return this;
    }

    private void checkSpawned(String op) {
        if (kind != Kind.SPAWNED) throw new IllegalStateException(op + "() applies to spawned greenlets, not to " + this);
    }

    /** Waits cooperatively until the greenlet has finished ({@code Greenlet.join()}). */
    public void join() {
        awaitDeath(-1);
    }

    /** Waits at most {@code timeout}; returns whether it has finished ({@code join(timeout)}). */
    public boolean join(Duration timeout) {
        return awaitDeath(Timeouts.toNanos(timeout));
    }

    boolean awaitDeath(long timeoutNanos) {
        if (isDead()) return true;
        if (Loop.currentFiber() == fiber) throw new IllegalStateException(this + " cannot join itself");
        Waiter w = loop.newWaiter();
        Runnable hook = () -> loop.resolve(w, Boolean.TRUE);
        onDeath(hook);
        Timer t = timeoutNanos >= 0 ? loop.callLater(timeoutNanos, () -> loop.resolve(w, Boolean.FALSE)) : null;
        try {
            return (Boolean) loop.suspend(w);
        } finally {
            if (t != null) t.cancel();
            removeDeathHook(hook);
        }
    }

    void onDeath(Runnable hook) {
        if (deathHooks == null) deathHooks = new ArrayList<>(2);
        deathHooks.add(hook);
    }

    void removeDeathHook(Runnable hook) {
        if (deathHooks != null) deathHooks.remove(hook);
    }

    /**
     * Waits until it has finished and returns its value, or throws its exception
     * ({@code Greenlet.get()}). A killed greenlet returns null.
     */
    public T get() {
        join();
        return result();
    }

    /**
     * Like {@link #get()}, waiting at most {@code timeout}.
     *
     * @throws GreenTimeoutException if it has not finished in time
     */
    public T get(Duration timeout) {
        if (!join(timeout)) throw new GreenTimeoutException(null, this + " did not finish within " + timeout);
        return result();
    }

    private T result() {
        Throwable e = exception;
        if (e == null) return value;
        if (e instanceof RuntimeException r) throw r;
        if (e instanceof Error r) throw r;
        throw new CompletionException(e);
    }

    /** Kills it with {@link GreenletExitException} and waits until it has died ({@code kill()}). */
    public void kill() {
        kill(new GreenletExitException(), true, null);
    }

    /**
     * Raises {@code error} in the greenlet at its next cooperative point (at once if it is
     * waiting); a greenlet that has not started never runs. With {@code block}, waits until
     * it has died, at most {@code timeout} (null: no limit). Killing the calling greenlet
     * throws {@code error} at once. ({@code Greenlet.kill(exception, block, timeout)})
     */
    public void kill(RuntimeException error, boolean block, Duration timeout) {
        Objects.requireNonNull(error, "error");
        if (isDead()) return;
        if (Loop.currentFiber() == fiber) throw error;
        if (fiber.state() == Fiber.NEW) {
            if (kind == Kind.SPAWNED) {
                if (startTimer != null) startTimer.cancel();
                fiber.takePendingThrow();
            }
            loop.interrupt(fiber, error);
            if (kind == Kind.SPAWNED) {
                scheduled = true;
                loop.schedule(fiber);   // it runs only to record its death
            } else {
                finishQuietly(null, error);   // a raw greenlet that never started just dies
                loop.discardNew(fiber);
                return;
            }
        } else {
            loop.interrupt(fiber, error);
        }
        if (block) awaitDeath(timeout == null ? -1 : Timeouts.toNanos(timeout));
    }

    /** The value, if it finished successfully ({@code Greenlet.value}; gevent's None is empty). */
    public Optional<T> value() {
        return Optional.ofNullable(value);
    }

    /** The exception it failed with, if it did ({@code Greenlet.exception}). */
    public Optional<Throwable> exception() {
        return Optional.ofNullable(exception);
    }

    /** Whether it has finished, one way or another ({@code ready()}). */
    public boolean ready() {
        return isDead();
    }

    /** Whether it finished without an exception (a kill counts as success, as in gevent). */
    public boolean successful() {
        return isDead() && exception == null;
    }

    /**
     * Calls {@code callback} with this greenlet once it has finished ({@code link}), as a hub
     * callback (it must not block); at once (at the next hub step) if it has already finished.
     */
    public void link(Consumer<Greenlet<T>> callback) {
        Objects.requireNonNull(callback, "callback");
        if (isDead()) {
            loop.callSoon(() -> callback.accept(this));
            return;
        }
        if (links == null) links = new ArrayList<>(2);
        links.add(callback);
    }

    /** The greenlet's name ("Greenlet-N", or "greenlet-N" for a raw one). */
    public String name() {
        return fiber.name();
    }

    Loop loop() {
        return loop;
    }

    @Override
    public String toString() {
        return "<" + (kind == Kind.MAIN ? "main greenlet " : "Greenlet ") + fiber.name()
                + (isDead() ? " dead" : "") + ">";
    }
}
