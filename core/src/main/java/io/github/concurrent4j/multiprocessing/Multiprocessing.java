package io.github.concurrent4j.multiprocessing;

import io.github.concurrent4j.internal.Config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.multiprocessing.internal.Launcher;
import io.github.concurrent4j.multiprocessing.internal.ProcessStartException;
import io.github.concurrent4j.multiprocessing.internal.Standbys;
import io.github.concurrent4j.multiprocessing.internal.ThisProcess;

/**
 * The module-level functions of Python's {@code multiprocessing}: {@code current_process},
 * {@code parent_process}, {@code active_children}, {@code cpu_count}, the start method, and
 * the warm-start policy that has no Python counterpart.
 *
 * <p><b>Warm start.</b> With {@link StartMethod#WARM} (the default), {@code Process.start()}
 * hands its task to a standby JVM that is already running and starts a replacement in the
 * background. Nothing is started before the first {@code start()}, so an application that
 * never starts a process pays nothing. The pool holds {@code -Dc4j.standbys=N} JVMs (default
 * 2), stopped after {@code -Dc4j.standby.idleSeconds=S} (default 300) without use; change
 * both with {@link #setStandbys(int, Duration)}, fill it ahead of a burst with
 * {@link #prestart()}. A standby costs one idle JVM's memory (about 60 MB resident here, measured).
 *
 * <p>Errors: a negative or null timeout is refused as everywhere ({@link Timeouts}); a standby
 * that cannot be started, or a pool not filled in time, is a {@link ProcessException}.
 *
 * <p>Thread-safe.
 */
public final class Multiprocessing {
    private static volatile StartMethod startMethod = StartMethod.WARM;
    private static volatile Process mainProcess;

    private Multiprocessing() {}

    /** The process this code runs in: the {@code Process} object in a child, {@code MainProcess} at the top. */
    public static Process currentProcess() {
        Object current = ThisProcess.current();
        if (current instanceof Process p) return p;
        Process m = mainProcess;
        if (m == null) {
            synchronized (Multiprocessing.class) {
                if (mainProcess == null) mainProcess = new Process("MainProcess", new int[0], false, ProcessHandle.current().pid());
                m = mainProcess;
            }
        }
        return m;
    }

    static boolean isMainProcess(Process p) {
        return p == mainProcess;
    }

    /** The parent of the current process, or empty in the top-level process. */
    public static Optional<ParentProcess> parentProcess() {
        if (!ThisProcess.isChild()) return Optional.empty();
        return Optional.of(new ParentProcess(ThisProcess.parentName(), ThisProcess.parentPid()));
    }

    /** The children of the current process that are still running; finished ones are reaped. */
    public static List<Process> activeChildren() {
        return Children.active();
    }

    /** The number of CPUs this JVM may use. */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static StartMethod getStartMethod() {
        return startMethod;
    }

    /** Sets the start method for processes started from now on (per process: {@link Process#setStartMethod}). */
    public static void setStartMethod(StartMethod method) {
        startMethod = Objects.requireNonNull(method, "method");
    }

    /** Keeps {@code count} standby JVMs ready (0: start each on demand), stopped after {@code idle} unused. */
    public static void setStandbys(int count, Duration idle) {
        Objects.requireNonNull(idle, "idle");
        Standbys.pool().configure(count, idle);
    }

    /** Keeps {@code count} standby JVMs ready; see {@link #setStandbys(int, Duration)}. */
    public static void setStandbys(int count) {
        setStandbys(count, Duration.ofSeconds(Config.longValue(Config.Setting.STANDBY_IDLE_SECONDS, 300, 0)));
    }

    /** Starts the standby pool now and waits until it is full (at most {@code timeout}). */
    public static void prestart(Duration timeout) {
        Timeouts.toNanos(timeout);
        publicly(() -> {
            Standbys.pool().awaitFilled(timeout);
            return null;
        });
    }

    /**
     * Boots standby JVMs until {@code count} are ready (waiting at most {@code timeout}), without
     * changing the pool's size: a reserve for a burst of {@code count} starts that then cost no
     * JVM boot at all, neither before nor (as refills) during the burst. Python has no
     * counterpart: its {@code fork} needs none.
     */
    public static void prestart(int count, Duration timeout) {
        Timeouts.toNanos(timeout);
        publicly(() -> {
            Standbys.pool().reserve(count, timeout);
            return null;
        });
    }

    /** Starts the standby pool now and waits (at most a minute) until it is full. */
    public static void prestart() {
        prestart(Duration.ofMinutes(1));
    }

    /** The command line child JVMs are started with (the secrets travel on their stdin, not here). */
    public static List<String> childJvmCommand() {
        return Launcher.command();
    }

    /** Runs {@code action}, turning the process runtime's internal failure into the public {@link ProcessException}. */
    private static <T> T publicly(Supplier<T> action) {
        try {
            return action.get();
        } catch (ProcessStartException e) {
            throw new ProcessException(e.getMessage(), e.getCause());
        }
    }
}
