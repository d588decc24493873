package io.github.concurrent4j.green;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.internal.Unchecked;
import io.github.concurrent4j.coroutine.internal.Timer;
import io.github.concurrent4j.coroutine.internal.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The equivalent of Python's {@code gevent} module functions: {@code spawn}, {@code sleep},
 * {@code joinall}, {@code killall}, {@code getcurrent}, {@code get_hub}, {@code with_timeout}.
 *
 * <pre>{@code
 * Greenlet<?> g1 = Gevent.spawn(() -> { System.out.println(123); Gevent.sleep(Duration.ofSeconds(1)); System.out.println(123); });
 * Greenlet<?> g2 = Gevent.spawn(() -> { System.out.println(456); Gevent.sleep(Duration.ofSeconds(1)); System.out.println(456); });
 * Gevent.joinAll(List.of(g1, g2));      // 123 456 (one second) 123 456
 * }</pre>
 *
 * <p>Everything here works in the calling thread's {@link Hub}: a greenlet's own hub, or the
 * thread's hub (created on first use, the thread being its main greenlet). The blocking
 * functions are cooperative: they suspend only the calling greenlet, and the hub runs the
 * others meanwhile. Durations replace Python's float seconds.
 *
 * <p><b>Thread safety.</b> As for {@link Hub}: a hub's objects are used from its greenlets.
 *
 * <p><b>Memory consistency effects.</b> See {@link Hub}.
 */
public final class Gevent {
    private Gevent() {}

    /** Creates a greenlet running {@code task} and schedules it ({@code gevent.spawn(fn)}). */
    public static <T> Greenlet<T> spawn(Callable<T> task) {
        return Greenlet.spawned(task).start();
    }

    /** Creates a greenlet running {@code task} and schedules it ({@code gevent.spawn(fn)}). */
    public static Greenlet<Void> spawn(Runnable task) {
        Objects.requireNonNull(task, "task");
        return spawn(() -> {
            task.run();
            return null;
        });
    }

    /** Creates a greenlet that starts after {@code delay} ({@code gevent.spawn_later}). */
    public static <T> Greenlet<T> spawnLater(Duration delay, Callable<T> task) {
        return Greenlet.spawned(task).startLater(delay);
    }

    /** Creates a greenlet that starts after {@code delay} ({@code gevent.spawn_later}). */
    public static Greenlet<Void> spawnLater(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        return spawnLater(delay, () -> {
            task.run();
            return null;
        });
    }

    /**
     * Suspends the calling greenlet for {@code duration} while the hub runs the others
     * ({@code gevent.sleep(seconds)}); zero just lets every other runnable greenlet run once
     * ({@code gevent.sleep(0)}).
     */
    public static void sleep(Duration duration) {
        Hub.get().loop.sleep(Timeouts.toNanos(duration));
    }

    /** {@code gevent.sleep(0)}: lets the other runnable greenlets run, then continues. */
    public static void sleep() {
        Hub.get().loop.yieldNow();
    }

    /** The calling greenlet ({@code gevent.getcurrent()}). */
    public static Greenlet<?> getCurrent() {
        return Greenlet.getCurrent();
    }

    /** The calling thread's hub ({@code gevent.get_hub()}). */
    public static Hub getHub() {
        return Hub.get();
    }

    /** Waits for all of {@code greenlets} to finish ({@code gevent.joinall(greenlets)}); returns them in finishing order. */
    public static List<Greenlet<?>> joinAll(Collection<? extends Greenlet<?>> greenlets) {
        return joinAll(greenlets, -1, false);
    }

    /**
     * Waits at most {@code timeout} for {@code greenlets} to finish and returns those that have
     * finished, in finishing order ({@code gevent.joinall(greenlets, timeout)}).
     */
    public static List<Greenlet<?>> joinAll(Collection<? extends Greenlet<?>> greenlets, Duration timeout) {
        return joinAll(greenlets, Timeouts.toNanos(timeout), false);
    }

    /**
     * Like {@link #joinAll(Collection, Duration)}; with {@code raiseError}, returns early by
     * throwing the exception of the first greenlet that fails ({@code raise_error=True}).
     * A null {@code timeout} waits without limit.
     */
    public static List<Greenlet<?>> joinAll(Collection<? extends Greenlet<?>> greenlets, Duration timeout,
                                            boolean raiseError) {
        return joinAll(greenlets, timeout == null ? -1 : Timeouts.toNanos(timeout), raiseError);
    }

    private static List<Greenlet<?>> joinAll(Collection<? extends Greenlet<?>> greenlets, long timeoutNanos,
                                             boolean raiseError) {
        Objects.requireNonNull(greenlets, "greenlets");
        Loop loop = Hub.get().loop;
        List<Greenlet<?>> done = new ArrayList<>(greenlets.size());
        List<Greenlet<?>> pending = new ArrayList<>();
        for (Greenlet<?> g : greenlets) {
            Objects.requireNonNull(g, "greenlet");
            if (g.loop() != loop) throw new IllegalStateException(g + " belongs to another hub");
            if (g.isDead()) done.add(g);
            else pending.add(g);
        }
        if (raiseError) throwFirstFailure(done);
        if (pending.isEmpty()) return done;
        Waiter w = loop.newWaiter();
        int[] left = {pending.size()};
        List<Runnable> hooks = new ArrayList<>(pending.size());
        for (Greenlet<?> g : pending) {
            Runnable hook = () -> {
                done.add(g);
                if (--left[0] == 0 || (raiseError && g.exception().isPresent())) loop.resolve(w, null);
            };
            hooks.add(hook);
            g.onDeath(hook);
        }
        Timer t = timeoutNanos >= 0 ? loop.callLater(timeoutNanos, () -> loop.resolve(w, null)) : null;
        try {
            loop.suspend(w);
        } finally {
            if (t != null) t.cancel();
            for (int i = 0; i < pending.size(); i++) pending.get(i).removeDeathHook(hooks.get(i));
        }
        if (raiseError) throwFirstFailure(done);
        return done;
    }

    private static void throwFirstFailure(List<Greenlet<?>> done) {
        for (Greenlet<?> g : done) {
            if (g.exception().isPresent()) g.get();   // rethrows it
        }
    }

    /**
     * Kills every greenlet of {@code greenlets} with {@link GreenletExitException} and waits
     * until they have died ({@code gevent.killall}).
     */
    public static void killAll(Collection<? extends Greenlet<?>> greenlets) {
        for (Greenlet<?> g : greenlets) g.kill(new GreenletExitException(), false, null);
        joinAll(greenlets);
    }

    /**
     * Runs {@code task} in the calling greenlet with a {@link Timeout} of {@code timeout}
     * ({@code gevent.with_timeout}).
     *
     * @throws GreenTimeoutException if it did not finish in time
     */
    public static <T> T withTimeout(Duration timeout, Callable<T> task) {
        Objects.requireNonNull(task, "task");
        Timeout t = Timeout.start(timeout);
        try {
            return Unchecked.call(task);
        } finally {
            t.cancel();
        }
    }

    /**
     * Runs {@code task} with a {@link Timeout} of {@code timeout} and returns
     * {@code timeoutValue} if it expires ({@code with_timeout(..., timeout_value=v)}; also what
     * gevent's {@code with Timeout(seconds, False)} does).
     */
    public static <T> T withTimeout(Duration timeout, Callable<T> task, T timeoutValue) {
        Objects.requireNonNull(task, "task");
        Timeout t = Timeout.start(timeout);
        try {
            return Unchecked.call(task);
        } catch (GreenTimeoutException e) {
            if (e.timeout().orElse(null) == t) return timeoutValue;
            throw e;
        } finally {
            t.cancel();
        }
    }


}
