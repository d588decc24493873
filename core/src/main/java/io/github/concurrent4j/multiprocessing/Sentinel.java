package io.github.concurrent4j.multiprocessing;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.github.concurrent4j.multiprocessing.internal.Jvm;

/**
 * A process's sentinel (Python's {@code Process.sentinel}): ready once the process has ended.
 * It signals waiters through the JDK's exit notification for the child
 * ({@link ProcessHandle#onExit()}, completed by the JDK's reaper thread as soon as the child
 * is reaped), with one listener per process however many waits come and go (a pool's result
 * handler waits on its workers' sentinels over and over).
 */
final class Sentinel implements Waitable {
    private final Jvm jvm;
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean listening = new AtomicBoolean();

    Sentinel(Jvm jvm) {
        this.jvm = jvm;
    }

    @Override
    public boolean isReady() {
        return !jvm.isAlive(); // the Process's own record of the exit, so that exitCode() is there once this says ready
    }

    @Override
    public Waiter.Registration register(Waiter waiter) {
        waiters.add(waiter);
        listen();
        return () -> waiters.remove(waiter);
    }

    private void listen() {
        if (!listening.compareAndSet(false, true)) return;
        // Asked while the child runs, the handle is the child's (its start time is part of it); if
        // it has ended and its pid been reused meanwhile, isReady() says so through the Jvm.
        Optional<ProcessHandle> handle = ProcessHandle.of(jvm.pid());
        if (handle.isEmpty()) {
            fire();
        } else {
            handle.get().onExit().whenComplete((p, e) -> fire());
        }
    }

    /**
     * The process ended. The JDK may run this callback just before the {@code Process} object
     * records the exit (its own handler of the same event runs after ours): wait for that
     * record first, since waiters check {@link #isReady()} when woken.
     */
    private void fire() {
        for (int i = 0; jvm.isAlive(); i++) {
            if (i < 1_000) Thread.onSpinWait();
            else LockSupport.parkNanos(100_000);
        }
        waiters.forEach(Waiter::wake);
    }

    @Override
    public String toString() {
        return "Sentinel[pid " + jvm.pid() + (isReady() ? ", ended]" : "]");
    }
}
