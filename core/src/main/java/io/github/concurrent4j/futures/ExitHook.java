package io.github.concurrent4j.futures;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPython's {@code _python_exit} for thread executors: when the JVM shuts down, every executor
 * with live workers is told to stop taking tasks, and the hook waits until their workers have
 * run what was already queued and ended. Registered with the JVM the first time an executor
 * starts a worker.
 *
 * <p>One guard that CPython does not need: a task that calls {@code System.exit} blocks in
 * the JVM's exit sequence, which runs this hook; waiting for that worker would wait forever,
 * so a worker found inside {@code Runtime.exit} is not waited for.
 */
final class ExitHook {
    private static final Set<ThreadPoolCore> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean installed;

    private ExitHook() {}

    static void register(ThreadPoolCore core) {
        if (!installed) install();
        LIVE.add(core);
    }

    static void unregister(ThreadPoolCore core) {
        LIVE.remove(core);
    }

    private static synchronized void install() {
        if (installed) return;
        Runtime.getRuntime().addShutdownHook(new Thread(ExitHook::run, "c4j-futures-exit"));
        installed = true;
    }

    private static void run() {
        List<ThreadPoolCore> cores = new ArrayList<>(LIVE);
        cores.forEach(ThreadPoolCore::exit);
        for (ThreadPoolCore core : cores) {
            for (Thread t : core.threads()) awaitEnd(t);
        }
    }

    private static void awaitEnd(Thread t) {
        while (t.isAlive() && !inExit(t)) {
            try {
                t.join(100);
            } catch (InterruptedException e) {
                return; // the JVM is going down regardless
            }
        }
    }

    /** Whether {@code t} is blocked in {@code System.exit} (which is what runs this hook). */
    private static boolean inExit(Thread t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if ("java.lang.Shutdown".equals(e.getClassName()) && "exit".equals(e.getMethodName())) return true;
        }
        return false;
    }
}
