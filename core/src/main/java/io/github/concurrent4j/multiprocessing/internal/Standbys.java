package io.github.concurrent4j.multiprocessing.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.internal.Config;
import io.github.concurrent4j.internal.Lifecycle;
import io.github.concurrent4j.transport.Lending;

/**
 * {@link JvmSource#warm()}: child JVMs started, connected, authenticated and warmed up before
 * anyone asks for them — the JVM's answer to Python's {@code forkserver}. {@link #start} hands a
 * task to one and starts a replacement in the background; each standby serves exactly one
 * {@code Process}, so a process started warm is as isolated as one started cold.
 *
 * <p>Policy: nothing is started until the first {@code Process.start()} (an application
 * that never starts a process pays nothing); then the pool is kept at its target of ready or
 * booting JVMs. The target starts at {@code size}; each time a start finds no standby ready
 * (demand outran the pool) it doubles, up to {@code max}; after {@value #DECAY_SECONDS}
 * seconds without such a miss it halves back towards {@code size}, stopping the extra
 * standbys. After {@code idle} without any start, every ready standby is stopped and the next
 * start begins again. Set by {@code -Dc4j.standbys=N} (default 2), {@code -Dc4j.standbys.max=M}
 * (default 8) and {@code -Dc4j.standby.idleSeconds=S} (default 300), or at run time.
 *
 * <p><b>Never slower than cold.</b> A start that finds no standby ready launches a fresh JVM at
 * once and takes whichever comes first: a standby that finishes booting, or the fresh JVM
 * connecting. The loser is not wasted: a standby stays in the pool, a fresh JVM joins it.
 *
 * <p><b>Priming</b> ({@link Priming}): a start shows the waiting standbys the shape of its task,
 * so that the next task of that shape finds its classes loaded.
 *
 * <p>Lifecycle ({@link Lifecycle}): RUNNING once created, STOPPING then TERMINATED when the
 * process exits ({@link ExitHooks.Phase#SERVICES}); a closed pool refuses starts. Thread-safe;
 * a failed boot is reported to the start that waits for it, never turned into a hang.
 */
public final class Standbys implements JvmSource {
    static final int DECAY_SECONDS = 10;
    private static final int ATTEMPTS = 3;
    private static Standbys pool;
    /** Helper JVMs that are ours but serve no process (the AOT training run). */
    private static final Set<Long> OWNED = ConcurrentHashMap.newKeySet();

    private final Lifecycle life = new Lifecycle("the standby pool");
    private final Priming priming = Priming.shared();
    private final ArrayDeque<Jvm> ready = new ArrayDeque<>();
    private final Set<Long> pids = ConcurrentHashMap.newKeySet();
    /** Standbys still booting: abandoned (killed, silenced) if the pool closes first. */
    private final Set<Launcher.Pending> inFlight = ConcurrentHashMap.newKeySet();
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
    private final ExecutorService primer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "c4j-standby-prime");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService idleTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "c4j-standby-idle");
        t.setDaemon(true);
        return t;
    });
    private int booting;
    private int size = Config.intValue(Config.Setting.STANDBYS, 2, 0);
    private int max = Math.max(size, Config.intValue(Config.Setting.STANDBYS_MAX, 8, 0));
    private int target = size;
    /*
     * Standbys a prestart(count) asked for and nobody has taken yet: the decay and the size
     * trim never stop these (they did, and prestart(5) then waited forever for the 5th).
     */
    private int reserved;
    private long lastMiss = System.nanoTime();
    private Duration idle = Duration.ofSeconds(Config.longValue(Config.Setting.STANDBY_IDLE_SECONDS, 300, 0));
    private long lastTake = System.nanoTime();
    private RuntimeException lastFailure;
    private boolean started; // a start or a prestart has happened: the pool is in use

    private Standbys() {
        idleTimer.scheduleWithFixedDelay(this::stopIfIdle, 1, 1, TimeUnit.SECONDS);
        life.running();
    }

    /** The pool (created on first use; closed when this process exits). */
    public static synchronized Standbys pool() {
        if (pool == null) {
            pool = new Standbys();
            ExitHooks.add(ExitHooks.Phase.SERVICES, pool::close);
        }
        return pool;
    }

    /** Whether {@code pid} is a JVM kept by the library on purpose: a standby (booting or idle) or a helper. */
    public static boolean isKeptOnPurpose(long pid) {
        if (OWNED.contains(pid)) return true;
        Standbys s;
        synchronized (Standbys.class) {
            s = pool;
        }
        return s != null && s.pids.contains(pid);
    }

    /** Records a helper JVM (the AOT training run) that is ours but serves no process. */
    static void markOwned(long pid) {
        OWNED.add(pid);
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().thenRun(() -> OWNED.remove(pid)));
    }

    // ---- starting a process ---------------------------------------------------------------

    @Override
    public Jvm start(StartRequest request) {
        byte[] standIn = priming.rememberStandIn(request.standIn());
        if (standIn != null) prime(standIn);
        Jvm jvm = null;
        for (int attempt = 1; jvm == null; attempt++) {
            Object got = takeOrLaunch();
            if (got instanceof Launcher.Pending fresh) {
                jvm = ColdLaunch.run(fresh, request);
            } else {
                jvm = hand((Jvm) got, request, attempt);
            }
        }
        Object task = request.task(), target = request.target();
        try {
            primer.execute(() -> { // off the start's path: finding a task's shape takes reflection
                byte[] shape = priming.remember(task, target);
                if (shape != null) prime(shape);
            });
        } catch (RejectedExecutionException closed) {
            // shutting down: no standby to prime
        }
        return jvm;
    }

    /** Gives a standby its task; null if it died before taking it (the caller tries another). */
    private Jvm hand(Jvm j, StartRequest request, int attempt) {
        Lending lending = Lending.to(j.pid());
        byte[] task;
        try {
            task = lending.run(request.encoder());
        } catch (RuntimeException | Error e) {
            giveBack(j); // it never saw the task
            throw e;
        }
        try {
            j.send(request.runMessage(task));
            return j;
        } catch (IllegalStateException gone) {
            lending.cancel();
            j.close();
            if (attempt >= ATTEMPTS) throw new ProcessStartException(gone.getMessage(), gone.getCause());
            return null;
        }
    }

    /**
     * A JVM for one start: a ready standby; or, when none is ready, whichever comes first of a
     * booting standby and a fresh JVM launched now (a {@link Launcher.Pending} when the fresh one
     * won), so that a start never waits longer than a cold start would.
     */
    private Object takeOrLaunch() {
        synchronized (this) {
            checkOpen();
            lastTake = System.nanoTime();
            lastFailure = null;
            Jvm j = pollAlive();
            if (j != null) {
                started = true;
                refill(target);
                return j;
            }
            // The first start finds the pool not started yet: that is not demand outrunning it.
            if (started) demandOutran(System.nanoTime());
            started = true;
            refill(target);
        }
        Launcher.Pending fresh = Launcher.spawn(Launcher.Kind.COLD, AotCache.get().options());
        CompletableFuture<?> settled = fresh.settled();
        settled.thenRun(this::wakeUp);
        synchronized (this) {
            while (true) {
                Jvm j = pollAlive();
                if (j != null) {
                    refill(target);
                    adopt(fresh);
                    return j;
                }
                if (settled.isDone()) return fresh;
                if (life.isClosed()) {
                    fresh.abandon();
                    checkOpen();
                }
                waitNanos(TimeUnit.SECONDS.toNanos(1));
            }
        }
    }

    /** A fresh JVM that lost the race to a standby joins the pool once it has connected. */
    private void adopt(Launcher.Pending fresh) {
        pids.add(fresh.pid());
        inFlight.add(fresh);
        try {
            booter.execute(() -> {
                Jvm j;
                try {
                    j = fresh.await();
                    for (byte[] frame : priming.all()) j.send(frame);
                } catch (RuntimeException e) {
                    pids.remove(fresh.pid());
                    return;
                } finally {
                    inFlight.remove(fresh);
                }
                offer(j);
            });
        } catch (RejectedExecutionException closed) {
            pids.remove(fresh.pid());
            fresh.abandon();
        }
    }

    /** Returns a standby that did not take its task (the task could not be encoded) to the front of the pool. */
    private void giveBack(Jvm j) {
        synchronized (this) {
            if (!life.isClosed() && j.isAlive()) {
                pids.add(j.pid());
                ready.addFirst(j);
                notifyAll();
                return;
            }
        }
        j.close();
    }

    private void offer(Jvm j) {
        synchronized (this) {
            if (!life.isClosed()) {
                ready.addLast(j);
                notifyAll();
                return;
            }
            pids.remove(j.pid());
        }
        j.close();
    }

    /** The first ready standby that is still alive (caller holds the lock). */
    private Jvm pollAlive() {
        while (true) {
            Jvm j = ready.pollFirst();
            if (j == null) return null;
            pids.remove(j.pid());
            if (reserved > 0) reserved--;
            if (j.isAlive()) return j;
            j.close();
        }
    }

    private synchronized void wakeUp() {
        notifyAll();
    }

    private void checkOpen() {
        if (life.isClosed()) throw new ProcessStartException("concurrent4j is shutting down: no new processes ("
                + life.closedException().getMessage() + ")");
    }

    // ---- the pool's size ------------------------------------------------------------------

    public synchronized void configure(int newSize, Duration newIdle) {
        if (newSize < 0) throw new IllegalArgumentException("standby count must be >= 0: " + newSize);
        if (newIdle.isNegative()) throw new IllegalArgumentException("negative idle time: " + newIdle);
        size = newSize;
        max = Math.max(max, newSize);
        target = newSize;
        reserved = 0;
        idle = newIdle;
        while (ready.size() > target) {
            Jvm j = ready.pollLast();
            pids.remove(j.pid());
            j.close();
        }
    }

    public synchronized int size() {
        return size;
    }

    /** Waits until the configured number of standbys is ready (benchmarks, tests, eager users). */
    public void awaitFilled(Duration timeout) {
        int want;
        synchronized (this) {
            checkOpen();
            started = true;
            lastTake = System.nanoTime();
            refill(target);
            want = target;
        }
        awaitReady(want, timeout);
    }

    /**
     * Boots standbys until {@code count} are ready, without changing the pool's size: a reserve
     * for a burst of starts that the pool should not refill (the reserve is used first, then the
     * pool works as configured).
     */
    public void reserve(int count, Duration timeout) {
        if (count < 0) throw new IllegalArgumentException("standby count must be >= 0: " + count);
        synchronized (this) {
            checkOpen();
            started = true;
            lastTake = System.nanoTime();
            reserved = Math.max(reserved, count);
        }
        awaitReady(count, timeout);
    }

    private void awaitReady(int count, Duration timeout) {
        long deadline = System.nanoTime() + Timeouts.toNanos(timeout);
        synchronized (this) {
            while (ready.size() < count) {
                checkOpen();
                if (lastFailure != null) throw lastFailure;
                refill(count); // again each time: a standby taken meanwhile is replaced
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new ProcessStartException("standbys not ready within " + timeout
                        + " (" + ready.size() + " of " + count + " ready)");
                waitNanos(left);
            }
        }
    }

    /** Starts boots until ready + booting reaches {@code want} (caller holds the lock). */
    private void refill(int want) {
        while (!life.isClosed() && ready.size() + booting < want) {
            booting++;
            try {
                booter.execute(this::bootOne);
            } catch (RejectedExecutionException closed) {
                booting--;
                return;
            }
        }
    }

    private void bootOne() {
        Jvm j = null;
        RuntimeException failure = null;
        Launcher.Pending pending = null;
        try {
            pending = Launcher.spawn(Launcher.Kind.STANDBY, AotCache.get().options());
            pids.add(pending.pid());
            inFlight.add(pending);
            if (life.isClosed()) pending.abandon();
            j = pending.await();
            for (byte[] frame : priming.all()) j.send(frame);
        } catch (RuntimeException e) {
            failure = e;
        }
        if (pending != null) inFlight.remove(pending);
        synchronized (this) {
            booting--;
            if (j != null && !life.isClosed()) {
                ready.addLast(j);
            } else if (j != null) {
                j.close();
                pids.remove(j.pid());
            }
            if (failure != null) {
                lastFailure = failure;
                if (pending != null) pids.remove(pending.pid());
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

    /** A start found no standby ready: demand outruns the pool, which doubles (up to max). */
    synchronized void demandOutran(long now) {
        lastMiss = now;
        target = Math.min(max, Math.max(1, target * 2));
    }

    synchronized int readyCount() {
        return ready.size();
    }

    private void stopIfIdle() {
        stopIfIdle(System.nanoTime());
    }

    /** Halves a grown pool after a quiet spell; stops every standby after {@code idle} unused. */
    void stopIfIdle(long now) {
        List<Jvm> stop = new ArrayList<>();
        synchronized (this) {
            if (target > size && now - lastMiss > TimeUnit.SECONDS.toNanos(DECAY_SECONDS)) {
                target = Math.max(size, target / 2);
                lastMiss = now;
                while (ready.size() > Math.max(target, reserved)) stop.add(ready.pollLast());
            }
            if (!ready.isEmpty() && now - lastTake >= idle.toNanos()) {
                stop.addAll(ready);
                ready.clear();
                target = size;
                reserved = 0;
                started = false; // the next start begins again, as the first one did
            }
            stop.forEach(j -> pids.remove(j.pid()));
        }
        stop.forEach(Jvm::close);
    }

    /** Sends a PRIME frame to every ready standby (best effort). */
    private void prime(byte[] frame) {
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

    /** Stops every standby (they halt when their control link closes) and starts no more. */
    void close() {
        if (!life.stopping()) return;
        List<Jvm> stop;
        synchronized (this) {
            stop = new ArrayList<>(ready);
            ready.clear();
            notifyAll();
        }
        idleTimer.shutdownNow();
        primer.shutdownNow();
        booter.shutdown();
        inFlight.forEach(Launcher.Pending::abandon);
        stop.forEach(Jvm::close);
        stop.forEach(j -> j.awaitExit(Duration.ofSeconds(2)));
        pids.clear();
        life.terminated();
    }

    /** Stops the ready standbys now, keeping the pool usable (the next start boots new ones). */
    public void drain() {
        List<Jvm> stop;
        synchronized (this) {
            stop = new ArrayList<>(ready);
            ready.clear();
        }
        stop.forEach(Jvm::close);
        stop.forEach(j -> {
            // An idle standby halts at once when its link closes; one that has not within 2 s
            // (a starved machine) is killed rather than left behind for the caller to find.
            if (!j.awaitExit(Duration.ofSeconds(2))) {
                j.kill();
                j.awaitExit(Duration.ofSeconds(2));
            }
            pids.remove(j.pid());
        });
    }
}
