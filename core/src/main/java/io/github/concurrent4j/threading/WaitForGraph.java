package io.github.concurrent4j.threading;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * A snapshot of who waits for whom, and the cycles in it.
 *
 * <p>Implementation notes. Every blocked thread waits for one lock and every lock considered
 * here has at most one owner, so the graph "waiter -> owner of the lock it waits for" has at
 * most one edge out of each thread, and a deadlock is a cycle in it. Edges come from three
 * sources, later ones overriding earlier ones for the same waiter (they name locks better):
 * <ol>
 *   <li>{@link ThreadMXBean} for all platform threads: JDK monitors ({@code synchronized}),
 *       JDK locks and ours (all {@code AbstractOwnableSynchronizer}s; the JVM reads their
 *       owner);</li>
 *   <li>the park blocker of the threads we can reach as objects: a thread parked on one of
 *       our {@link SyncLock.Sync}s waits for that named lock. This is also how virtual threads
 *       (which {@code ThreadMXBean} does not list) enter the graph;</li>
 *   <li>{@linkplain Deadlocks#register registered} {@link OwnedLock}s, whose owner and
 *       waiters may be threads of other processes.</li>
 * </ol>
 * A cheap snapshot (for the watchdog's periodic look) asks the JVM for no stack traces and
 * uses only the threads started through {@link Threading} in step 2; the full snapshot (for a
 * report) also reaches all platform threads as objects, and gathers stacks and held locks for
 * the threads of the cycles only.
 */
final class WaitForGraph {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final String OUR_SYNC_PREFIX = SyncLock.class.getPackageName() + ".";

    /** A waiting thread: it waits for {@code lock}, which {@code owner} holds. */
    record Edge(ThreadRef waiter, String lock, ThreadRef owner) {}

    private final Map<ThreadRef, Edge> edges = new LinkedHashMap<>();
    /** Our locks seen as blockers, by the identity hash of their sync (how the JVM names them). */
    private final Map<Integer, String> ourLockNames = new HashMap<>();
    /** The thread objects reached, by reference (for stacks of virtual threads). */
    private final Map<ThreadRef, Thread> threads = new HashMap<>();

    private WaitForGraph() {}

    static WaitForGraph snapshot(boolean full) {
        WaitForGraph g = new WaitForGraph();
        List<Thread> reachable = new ArrayList<>(Threading.startedThreads());
        if (full) {
            reachable.addAll(Thread.getAllStackTraces().keySet());
        }
        for (Thread t : reachable) {
            g.threads.put(ThreadRef.of(t), t);
            if (LockSupport.getBlocker(t) instanceof SyncLock.Sync sync) {
                SyncLock lock = sync.lock();
                g.ourLockNames.put(System.identityHashCode(sync), lock.name());
                Thread owner = sync.ownerThread();
                if (owner != null && t.isAlive()) {
                    g.edges.put(ThreadRef.of(t), new Edge(ThreadRef.of(t), lock.name(), ThreadRef.of(owner)));
                }
            }
        }
        for (ThreadInfo info : MX.getThreadInfo(MX.getAllThreadIds(), 0)) {
            if (info != null && info.getLockOwnerId() != -1 && info.getLockInfo() != null) {
                ThreadRef waiter = local(info.getThreadId(), info.getThreadName());
                boolean monitor = info.getThreadState() == Thread.State.BLOCKED;
                g.edges.putIfAbsent(waiter, new Edge(waiter, g.describe(info.getLockInfo(), monitor),
                        local(info.getLockOwnerId(), String.valueOf(info.getLockOwnerName()))));
            }
        }
        for (OwnedLock lock : Deadlocks.registered()) {
            Optional<ThreadRef> owner = lock.owner();
            if (owner.isPresent()) {
                for (ThreadRef waiter : lock.waiters()) {
                    g.edges.put(waiter, new Edge(waiter, lock.name(), owner.get()));
                }
            }
        }
        return g;
    }

    private static ThreadRef local(long tid, String name) {
        return new ThreadRef(ThreadRef.ownPid(), tid, name);
    }

    /** The cycles, each as its edges in wait-for order, starting at its smallest thread. */
    List<List<Edge>> cycles() {
        Map<ThreadRef, Integer> state = new HashMap<>(); // absent: unvisited, 1: on path, 2: done
        List<List<Edge>> cycles = new ArrayList<>();
        for (ThreadRef start : edges.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            List<ThreadRef> path = new ArrayList<>();
            ThreadRef t = start;
            while (t != null && !state.containsKey(t)) {
                state.put(t, 1);
                path.add(t);
                Edge e = edges.get(t);
                t = e == null ? null : e.owner();
            }
            if (t != null && state.get(t) == 1) {
                List<Edge> cycle = new ArrayList<>();
                for (ThreadRef member : path.subList(path.indexOf(t), path.size())) {
                    cycle.add(edges.get(member));
                }
                cycles.add(canonical(cycle));
            }
            for (ThreadRef member : path) {
                state.put(member, 2);
            }
        }
        return cycles;
    }

    private static List<Edge> canonical(List<Edge> cycle) {
        Comparator<ThreadRef> order = Comparator.comparingLong(ThreadRef::pid).thenComparingLong(ThreadRef::threadId);
        int first = 0;
        for (int i = 1; i < cycle.size(); i++) {
            if (order.compare(cycle.get(i).waiter(), cycle.get(first).waiter()) < 0) {
                first = i;
            }
        }
        List<Edge> rotated = new ArrayList<>(cycle.subList(first, cycle.size()));
        rotated.addAll(cycle.subList(0, first));
        return List.copyOf(rotated);
    }

    /** The cycle's identity for the watchdog: its threads in canonical order. */
    static List<ThreadRef> key(List<Edge> cycle) {
        return cycle.stream().map(Edge::waiter).toList();
    }

    /** The full report of one cycle: states, held locks and stacks of its threads. */
    Deadlock toDeadlock(List<Edge> cycle) {
        long[] ids = cycle.stream().map(Edge::waiter).filter(ThreadRef::isLocal).mapToLong(ThreadRef::threadId).toArray();
        Map<Long, ThreadInfo> infos = new HashMap<>();
        for (ThreadInfo info : MX.getThreadInfo(ids, MX.isObjectMonitorUsageSupported(), MX.isSynchronizerUsageSupported())) {
            if (info != null) {
                infos.put(info.getThreadId(), info);
            }
        }
        List<Deadlock.Party> parties = new ArrayList<>();
        for (int i = 0; i < cycle.size(); i++) {
            Edge e = cycle.get(i);
            Edge previous = cycle.get((i + cycle.size() - 1) % cycle.size());
            List<String> holds = new ArrayList<>();
            holds.add(previous.lock());
            String state;
            List<StackTraceElement> stack;
            ThreadInfo info = e.waiter().isLocal() ? infos.get(e.waiter().threadId()) : null;
            Thread thread = threads.get(e.waiter());
            if (info != null) {
                state = info.getThreadState().toString();
                stack = Arrays.asList(info.getStackTrace());
                for (MonitorInfo m : info.getLockedMonitors()) {
                    addOnce(holds, describe(m, true));
                }
                for (LockInfo l : info.getLockedSynchronizers()) {
                    addOnce(holds, describe(l, false));
                }
            } else if (thread != null) {
                state = thread.getState() + (thread.isVirtual() ? " (virtual)" : "");
                stack = Arrays.asList(thread.getStackTrace());
            } else {
                state = e.waiter().isLocal() ? "unknown" : "in process " + e.waiter().pid();
                stack = List.of();
            }
            parties.add(new Deadlock.Party(e.waiter(), state, e.lock(), e.owner(), holds, stack));
        }
        return new Deadlock(parties);
    }

    private static void addOnce(List<String> list, String s) {
        if (!list.contains(s)) {
            list.add(s);
        }
    }

    private String describe(LockInfo lock, boolean monitor) {
        String ours = ourLockNames.get(lock.getIdentityHashCode());
        if (ours != null && lock.getClassName().startsWith(OUR_SYNC_PREFIX)) {
            return ours;
        }
        String cls = lock.getClassName();
        String hash = Integer.toHexString(lock.getIdentityHashCode());
        if (cls.startsWith(OUR_SYNC_PREFIX)) {
            // one of our locks that no thread of the snapshot waits for: name it by its kind
            String kind = cls.substring(OUR_SYNC_PREFIX.length(), cls.indexOf('$') > 0 ? cls.indexOf('$') : cls.length());
            return "a " + kind + " (sync@" + hash + ")";
        }
        return (monitor ? "monitor of " : "") + cls + "@" + hash;
    }
}
