package io.github.concurrent4j.multiprocessing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.concurrent4j.multiprocessing.internal.ExitHooks;

/**
 * The children this process started and has not yet reaped, and what happens to them when
 * this process ends: Python's {@code _exit_function} terminates daemonic children, then joins
 * every child, so a program's non-daemonic children finish before it exits.
 */
final class Children {
    private static final Set<Process> STARTED = new LinkedHashSet<>();
    private static boolean hookAdded;

    private Children() {}

    static synchronized void add(Process p) {
        STARTED.add(p);
        if (!hookAdded) {
            hookAdded = true;
            ExitHooks.add(ExitHooks.Phase.PROCESSES, Children::atExit);
        }
    }

    static synchronized void remove(Process p) {
        STARTED.remove(p);
    }

    /** The children still running; finished ones are reaped (dropped) on the way. */
    static List<Process> active() {
        List<Process> all;
        synchronized (Children.class) {
            all = new ArrayList<>(STARTED);
        }
        List<Process> alive = new ArrayList<>();
        for (Process p : all) {
            if (p.isAlive()) alive.add(p);
            else remove(p);
        }
        return alive;
    }

    private static void atExit() {
        List<Process> all;
        synchronized (Children.class) {
            all = new ArrayList<>(STARTED);
        }
        for (Process p : all) if (p.isDaemon() && p.isAlive()) p.terminate();
        for (Process p : all) {
            if (p.isDaemon()) {
                if (!p.join(Duration.ofSeconds(5))) p.kill();
            }
            p.join();
        }
    }
}
