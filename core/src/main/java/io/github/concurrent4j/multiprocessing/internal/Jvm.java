package io.github.concurrent4j.multiprocessing.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.transport.internal.FramedChannel;

/**
 * The parent's handle on one child JVM: the OS process, its authenticated control link and
 * the pumps that forward its output. It serves exactly one {@code Process}.
 *
 * <p>Exit codes follow Python: the code the child reported on its control link just before
 * halting (0, 1 after an uncaught exception, n after {@code System.exit(n)}), else, for a
 * child that died without reporting, {@code -N} when the JVM says {@code 128+N} (death by
 * signal N: -15 after terminate, -9 after kill).
 */
public final class Jvm {
    private static final long OUTPUT_DRAIN_MS = 2_000;

    private final java.lang.Process os;
    private final FramedChannel control;
    private final OutputPump out; // null when the child's output is discarded (the AOT training run)
    private final OutputPump err;
    private volatile Integer exitCode;

    Jvm(java.lang.Process os, FramedChannel control, OutputPump out, OutputPump err) {
        this.os = os;
        this.control = control;
        this.out = out;
        this.err = err;
    }

    public long pid() {
        return os.pid();
    }

    FramedChannel control() {
        return control;
    }

    void send(byte[] frame) {
        try {
            control.write(frame);
        } catch (IOException e) {
            throw new IllegalStateException("child JVM " + pid() + " is gone before it could take its task", e);
        }
    }

    public boolean isAlive() {
        return os.isAlive();
    }

    /** SIGTERM. */
    public void terminate() {
        os.destroy();
    }

    /** SIGKILL. */
    public void kill() {
        os.destroyForcibly();
    }

    /** Waits for the child to exit and its output to be forwarded; false on timeout. */
    public boolean awaitExit(Duration timeout) {
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            if (!os.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) return false;
            // Output may still be in the pipes: drain it so that it is printed before join returns.
            long left = Math.max(TimeUnit.MILLISECONDS.toNanos(OUTPUT_DRAIN_MS), deadline - System.nanoTime());
            if (out != null) out.awaitDone(left, TimeUnit.NANOSECONDS);
            if (err != null) err.awaitDone(left, TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        }
    }

    /** The exit code, Python style, once the child has exited; null while it runs. */
    public Integer exitCode() {
        Integer c = exitCode;
        if (c != null || os.isAlive()) return c;
        synchronized (this) {
            if (exitCode == null) exitCode = computeExitCode();
            control.close();
            return exitCode;
        }
    }

    private int computeExitCode() {
        Integer reported = reportedExit();
        if (reported != null) return reported;
        int v = os.exitValue();
        return v > 128 && v <= 128 + 64 ? -(v - 128) : v;
    }

    /** The EXIT message the child sent before halting, if it is waiting on the link. */
    private Integer reportedExit() {
        try {
            while (control.isOpen() && control.poll(Duration.ZERO)) {
                byte[] frame = control.read();
                if (Control.type(frame) == Control.EXIT) return Control.readExit(frame);
            }
        } catch (IOException | RuntimeException e) {
            // end of stream without a report: the child died (signal or crash)
        }
        return null;
    }

    /** Releases the control link (the child, if still running, takes that as its parent leaving). */
    public void close() {
        control.close();
    }

    @Override
    public String toString() {
        return "Jvm[pid=" + pid() + (os.isAlive() ? ", running]" : ", exited]");
    }
}
