package io.github.concurrent4j.multiprocessing;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.concurrent4j.multiprocessing.internal.Jvm;

/**
 * A process's sentinel (Python's {@code Process.sentinel}): ready once the process has ended.
 * It signals waiters through the JDK's exit notification for the child
 * ({@link ProcessHandle#onExit()}, completed by the JDK's reaper thread as soon as the child
 * is reaped), with one listener per process however many waits come and go (a pool's result
 * handler waits on its workers' sentinels over and over).
 */
final class Sentinel implements Waitable {
    private static final Duration UNSTARTED_RECHECK = Duration.ofMillis(1);

    private final Supplier<Jvm> jvm;
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean listening = new AtomicBoolean();
    private volatile boolean exited;

    Sentinel(Supplier<Jvm> jvm) {
        this.jvm = jvm;
    }

    @Override
    public boolean isReady() {
        if (exited) return true;
        Jvm j = jvm.get();
        return j != null && !j.isAlive();
    }

    @Override
    public Waiter.Registration register(Waiter waiter) {
        Jvm j = jvm.get();
        if (j == null) {
            waiter.recheckWithin(UNSTARTED_RECHECK); // not started yet: nothing to listen to
            return Waiter.Registration.NONE;
        }
        waiters.add(waiter);
        listen(j);
        return () -> waiters.remove(waiter);
    }

    private void listen(Jvm j) {
        if (!listening.compareAndSet(false, true)) return;
        // Asked while the child runs, the handle is the child's (its start time is part of it).
        Optional<ProcessHandle> handle = ProcessHandle.of(j.pid());
        if (handle.isEmpty()) {
            fire();
        } else {
            handle.get().onExit().whenComplete((p, e) -> fire());
        }
    }

    /** The process ended: ready first, then wake whoever waits (they check again after waking). */
    private void fire() {
        exited = true;
        waiters.forEach(Waiter::wake);
    }

    @Override
    public String toString() {
        Jvm j = jvm.get();
        return "Sentinel[" + (j == null ? "not started" : "pid " + j.pid() + (isReady() ? ", ended" : "")) + "]";
    }
}
