package io.github.concurrent4j.multiprocessing.pool;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A pool's worker ended while it held this task (it was killed, crashed, or exited): the task's
 * result raises this instead of hanging (CPython's {@code Pool} waits forever, cpython#96062).
 * The pool replaces the worker and goes on. With {@code retries(n)}, a task is sent to another
 * worker up to {@code n} more times before it fails with this exception.
 *
 * <p>The message names the worker, its process id and its exit code (Python style:
 * {@code -9} after SIGKILL), when there are such.
 */
public class WorkerLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String worker;
    private final long pid;
    private final int exitCode;
    private final boolean hasExitCode;

    public WorkerLostException(String worker, OptionalLong pid, OptionalInt exitCode, int attempts) {
        super(message(worker, pid, exitCode, attempts));
        this.worker = worker;
        this.pid = pid.orElse(-1);
        this.exitCode = exitCode.orElse(0);
        this.hasExitCode = exitCode.isPresent();
    }

    private static String message(String worker, OptionalLong pid, OptionalInt exitCode, int attempts) {
        StringBuilder s = new StringBuilder("worker ").append(worker);
        pid.ifPresent(p -> s.append(" (pid ").append(p).append(')'));
        s.append(exitCode.isPresent() ? " exited with code " + exitCode.getAsInt() : " ended");
        s.append(" while running this task");
        if (attempts > 1) s.append(" (attempt ").append(attempts).append(", no retries left)");
        return s.toString();
    }

    /** The lost worker's name. */
    public String worker() {
        return worker;
    }

    /** The lost worker's process id, for a worker process. */
    public OptionalLong pid() {
        return pid < 0 ? OptionalLong.empty() : OptionalLong.of(pid);
    }

    /** The lost worker's exit code, if it was a process and its code is known. */
    public OptionalInt exitCode() {
        return hasExitCode ? OptionalInt.of(exitCode) : OptionalInt.empty();
    }
}
