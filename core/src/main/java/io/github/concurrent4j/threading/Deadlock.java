package io.github.concurrent4j.threading;

import java.util.List;
import java.util.Objects;

/**
 * One deadlock: threads that wait for each other in a cycle, each holding a lock that the
 * next one waits for. Python has no equivalent: a deadlocked Python program just hangs.
 * {@link Deadlocks#find()} returns these; {@link #toString()} is the human report: a summary
 * line per thread (what it holds, what it waits for, who holds that), then each thread's
 * stack trace.
 *
 * <p>The lock names are those of concurrent4j's locks ({@code Lock 'fork'}, {@code RLock@1b6d3586}),
 * of JDK monitors ({@code monitor of java.lang.Object@4aa298b7}), of JDK locks
 * ({@code java.util.concurrent.locks.ReentrantLock$NonfairSync@7d4991ad}) or of
 * {@linkplain Deadlocks#register registered} locks of other kinds.
 *
 * <p>Immutable and thread-safe. A snapshot: the threads may have moved on by the time it is
 * read, though a real deadlock does not.
 *
 * @param cycle the threads of the cycle, in wait-for order: each waits for a lock held by
 *              the next, and the last waits for a lock held by the first
 */
public record Deadlock(List<Deadlock.Party> cycle) {
    public Deadlock {
        cycle = List.copyOf(cycle);
        if (cycle.isEmpty()) {
            throw new IllegalArgumentException("a deadlock has at least one thread");
        }
    }

    /**
     * One thread of a deadlock.
     *
     * @param thread   the thread
     * @param state    its state ({@code WAITING}, {@code BLOCKED}, …, or where it runs if it is
     *                 in another process)
     * @param waitsFor the lock it waits for
     * @param heldBy   the thread holding that lock (the next party of the cycle)
     * @param holds    the locks it holds, as far as they are known (at least the one that the
     *                 previous party waits for)
     * @param stack    its stack trace, innermost frame first (empty for a thread of another
     *                 process)
     */
    public record Party(ThreadRef thread, String state, String waitsFor, ThreadRef heldBy,
                        List<String> holds, List<StackTraceElement> stack) {
        public Party {
            Objects.requireNonNull(thread, "thread");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(waitsFor, "waitsFor");
            Objects.requireNonNull(heldBy, "heldBy");
            holds = List.copyOf(holds);
            stack = List.copyOf(stack);
        }
    }

    /** The threads of the cycle, in wait-for order. */
    public List<ThreadRef> threads() {
        return cycle.stream().map(Party::thread).toList();
    }

    /** The locks of the cycle: the one each thread waits for, in wait-for order. */
    public List<String> locks() {
        return cycle.stream().map(Party::waitsFor).toList();
    }

    /** The report: summary, the cycle as a chain, then each thread's details and stack. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (cycle.size() == 1) {
            Party p = cycle.getFirst();
            sb.append("Deadlock: a thread waits for a lock that it holds itself (the lock is not reentrant):\n");
            sb.append("  ").append(p.thread()).append(" holds ").append(p.waitsFor())
                    .append(" and waits for it again\n");
        } else {
            sb.append("Deadlock: ").append(cycle.size()).append(" threads wait for each other in a cycle:\n");
            for (int i = 0; i < cycle.size(); i++) {
                Party p = cycle.get(i);
                Party previous = cycle.get((i + cycle.size() - 1) % cycle.size());
                sb.append("  ").append(p.thread()).append(" holds ").append(previous.waitsFor())
                        .append(" and waits for ").append(p.waitsFor()).append(", held by ")
                        .append(p.heldBy()).append('\n');
            }
        }
        sb.append("  cycle: ");
        for (Party p : cycle) {
            sb.append(p.thread()).append(" -> ").append(p.waitsFor()).append(" -> ");
        }
        sb.append(cycle.getFirst().thread()).append('\n');
        for (Party p : cycle) {
            sb.append('\n').append(p.thread()).append(' ').append(p.state()).append('\n');
            sb.append("    waits for ").append(p.waitsFor()).append(", held by ").append(p.heldBy()).append('\n');
            for (String h : p.holds()) {
                sb.append("    holds ").append(h).append('\n');
            }
            for (StackTraceElement e : p.stack()) {
                if (!e.getClassName().contains("$$Lambda")) { // hidden frames, as exception traces hide them
                    sb.append("\tat ").append(frame(e)).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** A frame as an exception trace prints it, without the class loader and module version. */
    private static String frame(StackTraceElement e) {
        String where = e.isNativeMethod() ? "Native Method"
                : e.getFileName() == null ? "Unknown Source"
                : e.getLineNumber() >= 0 ? e.getFileName() + ":" + e.getLineNumber() : e.getFileName();
        return e.getClassName() + "." + e.getMethodName() + "(" + where + ")";
    }
}
