package io.github.concurrent4j.multiprocessing;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.multiprocessing.internal.ThisProcess;

/**
 * The equivalent of what Python's {@code parent_process()} returns: the parent of the current
 * process, with its name and pid, whether it is alive, a sentinel, and {@code join}. It cannot
 * be started.
 *
 * <p>A child learns of its parent's death from its lifeline (the control link, which the kernel
 * closes when the parent dies, even by SIGKILL): from that moment {@link #isAlive()} is false,
 * {@link #join} returns and the {@link #sentinel()} is ready; about half a second later the
 * orphaned child is halted, so that no child outlives its parent by more than a second. That
 * half second is for the child to react — flush, report — as CPython's {@code test_parent_process}
 * expects. For any other pid, the answers come from the operating system.
 *
 * <p>Thread-safe. Memory consistency effects: the parent's death happens-before {@code join}
 * returns true.
 *
 * @param name the parent's process name
 * @param pid  the parent's OS process id
 */
public record ParentProcess(String name, long pid) {
    /** Whether the parent is alive. */
    public boolean isAlive() {
        if (isMyParent()) return !ThisProcess.parentGone();
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Ready once the parent has ended. */
    public Waitable sentinel() {
        return () -> !isAlive();
    }

    /** Waits until the parent has ended. */
    public void join() {
        while (!join(Duration.ofDays(1))) {
            // keep waiting: Python's join() has no timeout
        }
    }

    /**
     * Waits at most {@code timeout} for the parent to end; returns whether it has.
     *
     * @throws IllegalArgumentException if {@code timeout} is negative (see {@link Timeouts})
     */
    public boolean join(Duration timeout) {
        long nanos = Timeouts.toNanos(timeout);
        if (isMyParent()) return ThisProcess.awaitParentGone(timeout);
        var handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) return true;
        try {
            handle.get().onExit().get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !isAlive();
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        }
    }

    private boolean isMyParent() {
        return ThisProcess.isChild() && pid == ThisProcess.parentPid();
    }
}
