package io.github.concurrent4j.multiprocessing.connection;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import io.github.concurrent4j.multiprocessing.Waitable;

/**
 * The equivalent of Python's {@code multiprocessing.connection.wait}: waits until at least one
 * of several connections (or process sentinels) is ready, and returns those that are, in the
 * order given. A connection is ready when it has a message or end-of-file to read; a sentinel
 * when its process has ended. Python accepts raw sockets and file descriptors too; here any
 * {@link Waitable} is accepted, and a raw socket is not one (wrap it in a {@link Listener}/
 * {@link Client} connection).
 *
 * <p><b>How it blocks.</b> This is the library's one blocking wait over readiness sources
 * (a process pool's result handler waits on results, worker exits and a wake-up through it,
 * as CPython's {@code wait_result_broken_or_wakeup} does). Each object says how it signals
 * ({@link Waitable#register}, {@link io.github.concurrent4j.multiprocessing.Waiter}): a pipe end by the futex word its writer wakes; a process
 * sentinel by a callback on the process's exit; a socket connection by a shared selector
 * thread ({@code c4j-wait-selector}) that wakes the waiter when data arrives. The waiting
 * thread sleeps once on all of them: with {@code futex_waitv} (Linux 5.16+) on its own wake-up
 * word and every pipe end's word at once, so a pipe writer in another process wakes it with no
 * thread in between; without pipe ends it parks and the callbacks unpark it. It wakes within
 * microseconds of the first ready object ({@code bench/run wait}: {@code c4j.wait.wakeup_p50}).
 *
 * <p>Why {@code futex_waitv} rather than one futex word per waiter that every source wakes:
 * a pipe end's writer already wakes its ring's word, and may be in any process; to wake a
 * per-waiter word instead, each ring would need a registry of the words of every waiter of
 * every process, consulted on each publish. {@code futex_waitv} lets the waiter watch the
 * rings' own words, so pipes pay nothing for being waitable, and several waiters of one pipe
 * end need no bookkeeping. It needs Linux 5.16 (2022); on an older kernel, or with more than
 * 127 pipe ends in one wait, the pipe ends are polled at least every millisecond (today's
 * measured cost: see BENCHMARKS.md).
 *
 * <p>What is not signalled: a pipe whose writer was killed (no one closes it) is rechecked every
 * 50 ms; a {@link Waitable} that only answers {@code isReady} is polled every millisecond.
 * Waiting with pipe ends sleeps in a futex, which ignores {@link Thread#interrupt()} for up
 * to 50 ms and pins a virtual thread's carrier meanwhile; a wait without pipe ends parks.
 *
 * <p>Memory consistency effects: actions in a process or thread before it makes an object
 * ready (sends a message, exits, writes to the socket) happen-before the return of the
 * {@code wait} that reports that object ready.
 */
public final class Connections {
    private Connections() {}

    /** Waits until one of {@code objects} is ready; returns those that are. */
    public static <T extends Waitable> List<T> wait(Collection<T> objects) {
        return wait(objects, Duration.ofNanos(Long.MAX_VALUE));
    }

    /**
     * Waits at most {@code timeout} until one of {@code objects} is ready; returns those that are
     * (empty on timeout). {@link Duration#ZERO} only checks.
     *
     * @throws io.github.concurrent4j.InterruptedRuntimeException if the thread is interrupted while it waits
     * @throws IllegalStateException if a connection is closed
     */
    public static <T extends Waitable> List<T> wait(Collection<T> objects, Duration timeout) {
        Objects.requireNonNull(objects, "objects");
        Objects.requireNonNull(timeout, "timeout");
        objects.forEach(o -> Objects.requireNonNull(o, "a waited-for object is null"));
        return ThreadWaiter.await(objects, timeout);
    }
}
