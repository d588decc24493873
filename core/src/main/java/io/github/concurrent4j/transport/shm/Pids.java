package io.github.concurrent4j.transport.shm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a process id belongs to a running process (shared objects record their holders by pid). */
public final class Pids {
    private static final long SELF = ProcessHandle.current().pid();

    private Pids() {}

    /**
     * True if the process exists and has not exited. A zombie (exited, not yet reaped) counts as
     * dead: an orphan's zombie can linger until init reaps it, but it holds nothing any more.
     */
    public static boolean alive(long pid) {
        if (pid == SELF) return true;
        if (pid <= 0) return false;
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }
}
