package io.github.concurrent4j.multiprocessing.internal;

import io.github.concurrent4j.internal.Config;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.concurrent4j.InterruptedRuntimeException;

/**
 * Warm start: child JVMs started, connected, authenticated and warmed up before anyone asks
 * for them — the JVM's answer to Python's {@code forkserver}. {@link #take} hands one out and
 * starts a replacement in the background; each standby serves exactly one {@code Process},
 * so a process started warm is as isolated as one started cold.
 *
 * <p>Policy: nothing is started until the first {@code Process.start()} (an application
 * that never starts a process pays nothing); then the pool is kept at its target of ready or
 * booting JVMs. The target starts at {@code size}; each time a {@code take} finds no standby
 * ready (demand outran the pool) it doubles, up to {@code max}; after {@value #DECAY_SECONDS}
 * seconds without such a miss it halves back towards {@code size}, stopping the extra
 * standbys. After {@code idle} without any {@code take}, every ready standby is stopped and
 * the next {@code take} starts over. Set by {@code -Dc4j.standbys=N} (default 2),
 * {@code -Dc4j.standbys.max=M} (default 8) and {@code -Dc4j.standby.idleSeconds=S} (default
 * 300), or at run time.
 *
 * <p>Thread-safe. A failed boot is reported to the {@code take} that waits for it, never
 * turned into a hang.
 */
final class Standbys {
    private final Family family;
    private final ArrayDeque<Jvm> ready = new ArrayDeque<>();
    private final Set<Long> pids = ConcurrentHashMap.newKeySet();
    /*
     * A JVM's boot is CPU-bound: booting more of them at once than there are cores makes every
     * one of them later (and the application slower) without making the pool full any sooner.
     */
    private final ExecutorService booter = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(null, r, "c4j-standby-boot", 256 * 1024);
                t.setDaemon(true);
                return t;
            });
    private final ScheduledExecutorService idleTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "c4j-standby-idle");
        t.setDaemon(true);
        return t;
    });
    static final int DECAY_SECONDS = 10;
    private int booting;
    private int size = Config.intValue(Config.Setting.STANDBYS, 2, 0);
    private int max = Math.max(size, Config.intValue(Config.Setting.STANDBYS_MAX, 8, 0));
    private int target = size;
    private long lastMiss = System.nanoTime();
    private Duration idle = Duration.ofSeconds(Config.longValue(Config.Setting.STANDBY_IDLE_SECONDS, 300, 0));
    private long lastTake = System.nanoTime();
    private RuntimeException lastFailure;
    private boolean closed;

    Standbys(Family family) {
        this.family = family;
        idleTimer.scheduleWithFixedDelay(this::stopIfIdle, 1, 1, TimeUnit.SECONDS);
    }

    synchronized void configure(int newSize, Duration newIdle) {
        if (newSize < 0) throw new IllegalArgumentException("standby count must be >= 0: " + newSize);
        if (newIdle.isNegative()) throw new IllegalArgumentException("negative idle time: " + newIdle);
        size = newSize;
        max = Math.max(max, newSize);
        target = newSize;
        idle = newIdle;
        while (ready.size() > target) ready.pollLast().close();
    }

    synchronized int size() {
        return size;
    }

    /** The current target (between size and max), for diagnostics. */
    synchronized int target() {
        return target;
    }

    /** Starts standbys up to the configured size (if they are not there yet) and returns at once. */
    synchronized void fill() {
        lastTake = System.nanoTime();
        refill(target);
    }

    /** Waits until the configured number of standbys is ready (benchmarks, tests, eager users). */
    void awaitFilled(Duration timeout) {
        synchronized (this) {
            fill();
        }
        awaitReady(target(), timeout);
    }

    /**
     * Boots standbys until {@code count} are ready, without changing the pool's size: a reserve
     * for a burst of starts that the pool should not refill (the reserve is used first, then the
     * pool works as configured).
     */
    void reserve(int count, Duration timeout) {
        if (count < 0) throw new IllegalArgumentException("standby count must be >= 0: " + count);
        synchronized (this) {
            lastTake = System.nanoTime();
            while (!closed && ready.size() + booting < count) {
                booting++;
                booter.execute(this::bootOne);
            }
        }
        awaitReady(count, timeout);
    }

    private void awaitReady(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (ready.size() < count && !closed) {
                if (lastFailure != null) throw lastFailure;
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new ProcessStartException("standbys not ready within " + timeout);
                waitNanos(left);
            }
        }
    }

    /** A ready standby JVM; waits for one to boot if none is ready. */
    Jvm take() {
        synchronized (this) {
            if (closed) throw new IllegalStateException("concurrent4j is shutting down: no new processes");
            lastTake = System.nanoTime();
            lastFailure = null;
            if (ready.isEmpty()) {
                lastMiss = System.nanoTime();
                target = Math.min(max, Math.max(1, target * 2));
            }
            while (true) {
                Jvm j = ready.pollFirst();
                if (j != null) {
                    pids.remove(j.pid());
                    refill(target);
                    if (j.isAlive()) return j;
                    j.close();
                    continue;
                }
                if (booting == 0) refill(1);
                if (lastFailure != null) throw lastFailure;
                waitNanos(TimeUnit.SECONDS.toNanos(1));
                if (closed) throw new IllegalStateException("concurrent4j is shutting down: no new processes");
            }
        }
    }

    /** Starts boots until ready + booting reaches {@code want} (caller holds the lock). */
    private void refill(int want) {
        while (!closed && ready.size() + booting < want) {
            booting++;
            booter.execute(this::bootOne);
        }
    }

    private void bootOne() {
        Jvm j = null;
        RuntimeException failure = null;
        long[] pid = {0};
        try {
            j = Launcher.launch(family, true, family.aotCache().options(), p -> {
                pid[0] = p;
                pids.add(p);
            });
            for (byte[] frame : family.priming().all()) j.send(frame);
        } catch (RuntimeException e) {
            failure = e;
        }
        synchronized (this) {
            booting--;
            if (j != null && !closed) {
                ready.addLast(j);
            } else if (j != null) {
                j.close();
                pids.remove(j.pid());
            }
            if (failure != null) {
                lastFailure = failure;
                pids.remove(pid[0]);
            }
            notifyAll();
        }
    }

    private void waitNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedWait(this, nanos);
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        }
    }

    private void stopIfIdle() {
        List<Jvm> stop = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            if (target > size && now - lastMiss > TimeUnit.SECONDS.toNanos(DECAY_SECONDS)) {
                target = Math.max(size, target / 2);
                lastMiss = now;
                while (ready.size() > target) stop.add(ready.pollLast());
            }
            if (!ready.isEmpty() && now - lastTake >= idle.toNanos()) {
                stop.addAll(ready);
                ready.clear();
                target = size;
            }
            stop.forEach(j -> pids.remove(j.pid()));
        }
        stop.forEach(Jvm::close);
    }

    /** Sends a PRIME frame to every ready standby (best effort). */
    void prime(byte[] frame) {
        List<Jvm> now;
        synchronized (this) {
            now = new ArrayList<>(ready);
        }
        for (Jvm j : now) {
            try {
                j.send(frame);
            } catch (RuntimeException e) {
                // a standby that went away is dropped when taken
            }
        }
    }

    /** Whether this pid is a standby JVM, booting or waiting for a task (tests skip those in leak checks). */
    boolean isStandby(long pid) {
        return pids.contains(pid);
    }

    /** Stops every standby (they halt when their control link closes) and starts no more. */
    void close() {
        List<Jvm> stop;
        synchronized (this) {
            closed = true;
            stop = new ArrayList<>(ready);
            ready.clear();
            notifyAll();
        }
        idleTimer.shutdownNow();
        booter.shutdown();
        stop.forEach(j -> {
            j.close();
            j.awaitExit(Duration.ofSeconds(2));
        });
        pids.clear();
    }

    /** Stops the ready standbys now, keeping the pool usable (the next take starts new ones). */
    void drain() {
        List<Jvm> stop;
        synchronized (this) {
            stop = new ArrayList<>(ready);
            ready.clear();
        }
        stop.forEach(j -> {
            j.close();
            j.awaitExit(Duration.ofSeconds(2));
            pids.remove(j.pid());
        });
    }
}
