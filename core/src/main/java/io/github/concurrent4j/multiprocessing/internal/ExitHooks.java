package io.github.concurrent4j.multiprocessing.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;

/**
 * What this process does on its way out, once: the part of Python's
 * {@code multiprocessing.util._exit_function} that concerns processes, then the library's own
 * shutdown. Hooks run phase by phase, in registration order within a phase:
 *
 * <ol>
 * <li>{@link Phase#PROCESSES}: the process layer terminates daemonic children and joins the
 *     others (registered by {@code Children}): they may still use the services and files below;
 * <li>{@link Phase#SERVICES}: the standby pool and the control server stop;
 * <li>{@link Phase#FILES}: the family's directories go (through the {@link ResourceTracker}).
 * </ol>
 *
 * In the top-level process a JVM shutdown hook runs them. A child runs them itself before it
 * halts ({@link ChildMain}), and from the shutdown hook it installs for {@code System.exit};
 * so no hook is installed here for a child.
 *
 * <p>Thread-safe. A hook that throws is reported on stderr and the others still run.
 */
public final class ExitHooks {
    /** The order in which hooks run. */
    public enum Phase { PROCESSES, SERVICES, FILES }

    private static final EnumMap<Phase, List<Runnable>> HOOKS = new EnumMap<>(Phase.class);
    private static boolean jvmHookInstalled;
    private static boolean runByChildMain;
    private static boolean ran;

    private ExitHooks() {}

    /** Registers {@code hook} to run when this process exits, in {@code phase}. */
    public static synchronized void add(Phase phase, Runnable hook) {
        HOOKS.computeIfAbsent(phase, p -> new ArrayList<>()).add(hook);
        if (!runByChildMain && !jvmHookInstalled) {
            jvmHookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(ExitHooks::run, "c4j-exit"));
        }
    }

    /** Called by {@link ChildMain} first: this child runs the hooks itself before it halts. */
    static synchronized void runByChildMain() {
        runByChildMain = true;
    }

    /** Runs every hook once; later calls return at once. */
    public static void run() {
        List<Runnable> all = new ArrayList<>();
        synchronized (ExitHooks.class) {
            if (ran) return;
            ran = true;
            for (Phase p : Phase.values()) all.addAll(HOOKS.getOrDefault(p, List.of()));
        }
        for (Runnable h : all) {
            try {
                h.run();
            } catch (RuntimeException e) {
                System.err.println("concurrent4j: exit hook failed: " + e);
            }
        }
    }

    /** Whether the hooks have started to run (the process is exiting). */
    public static synchronized boolean exiting() {
        return ran;
    }
}
