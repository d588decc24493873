package io.github.concurrent4j.transport.shm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process recorded in shared memory still runs. Shared objects record a holder or an
 * owner as its pid <em>and its start time</em> (field 22 of {@code /proc/<pid>/stat}: clock
 * ticks after boot), because a pid alone can be reused: a process that died and whose pid was
 * handed to a newcomer must read as dead, or a lock it held would never be recovered and a
 * pipe end it held would never see end-of-file.
 */
public final class Pids {
    private static final long SELF = ProcessHandle.current().pid();
    /** This process's start time in clock ticks after boot (0 where {@code /proc} is missing). */
    public static final long SELF_START = startTicksOrZero(SELF);

    private Pids() {}

    /** This process's pid. */
    public static long self() {
        return SELF;
    }

    /**
     * True if the process exists and has not exited. A zombie (exited, not yet reaped) counts as
     * dead: an orphan's zombie can linger until init reaps it, but it holds nothing any more.
     */
    public static boolean alive(long pid) {
        if (pid == SELF) return true;
        if (pid <= 0) return false;
        String stat = stat(pid);
        return stat != null && !exited(stat);
    }

    /**
     * True if the process {@code pid} runs and is the one that started at {@code startTicks}
     * (compared on the low {@code bits} bits, for records that keep only part of it); false if
     * it is gone, a zombie, or a newer process that reuses the pid.
     */
    public static boolean alive(long pid, long startTicks, int bits) {
        if (pid == SELF) return same(SELF_START, startTicks, bits);
        if (pid <= 0) return false;
        String stat = stat(pid);
        if (stat == null || exited(stat)) return false;
        long start = field22(stat);
        return start < 0 || same(start, startTicks, bits); // unreadable start: trust the pid
    }

    /** The start time of {@code pid} in clock ticks after boot, or -1 if it is gone. */
    public static long startTicks(long pid) {
        String stat = stat(pid);
        return stat == null ? -1 : field22(stat);
    }

    private static boolean same(long a, long b, int bits) {
        long mask = bits >= 64 ? -1L : (1L << bits) - 1;
        return (a & mask) == (b & mask);
    }

    private static String stat(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean exited(String stat) {
        int close = stat.lastIndexOf(')');
        char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
        return state == 'Z' || state == 'X';
    }

    /** Field 22 (starttime); the name in field 2 may hold spaces and parentheses, so count from its last ')'. */
    private static long field22(String stat) {
        int i = stat.lastIndexOf(')');
        if (i < 0) return -1;
        // After ") " come fields 3, 4, ...: skip 19 separators to reach field 22.
        int field = 2;
        int pos = i + 1;
        while (field < 21) {
            pos = stat.indexOf(' ', pos + 1);
            if (pos < 0) return -1;
            field++;
        }
        int start = pos + 1;
        int end = stat.indexOf(' ', start);
        if (end < 0) return -1;
        try {
            return Long.parseLong(stat, start, end, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long startTicksOrZero(long pid) {
        long t = startTicks(pid);
        return t < 0 ? 0 : t;
    }
}
