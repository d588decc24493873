package io.github.concurrent4j.multiprocessing;

import java.time.Duration;

/**
 * The parent of the current process, as Python's {@code parent_process()} returns it: its
 * name and pid, whether it is alive, and a sentinel. It cannot be started or joined.
 *
 * @param name the parent's process name
 * @param pid  the parent's OS process id
 */
public record ParentProcess(String name, long pid) {
    public boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Ready once the parent has ended. */
    public Waitable sentinel() {
        return () -> !isAlive();
    }

    /** Waits at most {@code timeout} for the parent to end; returns whether it has. */
    public boolean join(Duration timeout) {
        var handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) return true;
        try {
            handle.get().onExit().get(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !isAlive();
        } catch (InterruptedException e) {
            throw new io.github.concurrent4j.InterruptedRuntimeException(e);
        }
    }
}
