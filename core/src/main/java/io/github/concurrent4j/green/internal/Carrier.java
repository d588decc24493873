package io.github.concurrent4j.green.internal;

import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.atomic.MpscLinkedAtomicQueue;

/**
 * Where a loop's virtual threads run: on the JDK's shared scheduler (the default), or on one
 * platform thread of the loop's own (a "dedicated carrier").
 *
 * <h2>Why a dedicated carrier</h2>
 * Exactly one fiber of a loop runs at a time, so the loop never needs more than one carrier.
 * On the shared scheduler every baton handoff unparks a virtual thread from a carrier while
 * the other carriers are idle, and the {@code ForkJoinPool} wakes an idle carrier for it
 * (a futex wake per switch, and the fibers migrate between cores): measured on two cores,
 * ~0.6 M switches/s instead of ~3-5 M on one carrier. A dedicated carrier gives every
 * handoff to the same platform thread, which just runs the next continuation: gevent's and
 * asyncio's "one OS thread" model, on virtual threads.
 *
 * <p>JDK 25 has no public API to give virtual threads a scheduler; the JDK's own
 * (package-private) {@code ThreadBuilders.VirtualThreadBuilder(Executor)} constructor does
 * it. It is reachable only when the application opens {@code java.lang} to concurrent4j
 * ({@code --add-opens java.base/java.lang=ALL-UNNAMED}). Mode selection, system property
 * {@code c4j.green.carrier}: {@code auto} (default: dedicated when reachable, else shared),
 * {@code shared}, {@code dedicated} (fails if not reachable).
 */
final class Carrier implements Executor {
    private static final Constructor<?> BUILDER = findBuilder();
    private static final String MODE = System.getProperty("c4j.green.carrier", "auto");

    private static final long IDLE_EXIT_NANOS = 30_000_000_000L;

    private final String name;
    private final MpscLinkedAtomicQueue<Runnable> queue = new MpscLinkedAtomicQueue<>();
    private volatile Thread thread;   // null while no carrier thread runs (idle exit)
    private volatile boolean parked;
    private volatile boolean exiting;
    private volatile boolean stopping;

    private Carrier(String name) {
        this.name = name;
        synchronized (this) {
            startThread();
        }
    }

    private void startThread() {   // holds the lock
        exiting = false;
        thread = Thread.ofPlatform().daemon(true).name(name).start(this::run);
    }

    private static Constructor<?> findBuilder() {
        try {
            Constructor<?> k = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder")
                    .getDeclaredConstructor(Executor.class);
            k.setAccessible(true);
            return k;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;   // java.lang not opened to us (the usual case): the shared scheduler
        }
    }

    /** Whether dedicated carriers are in use for new loops. */
    static boolean dedicated() {
        return switch (MODE) {
            case "shared" -> false;
            case "dedicated" -> {
                if (BUILDER == null) {
                    throw new IllegalStateException("c4j.green.carrier=dedicated needs "
                            + "--add-opens java.base/java.lang=ALL-UNNAMED");
                }
                yield true;
            }
            case "auto" -> BUILDER != null;
            default -> throw new IllegalStateException("c4j.green.carrier must be auto, shared or dedicated: " + MODE);
        };
    }

    /** A carrier thread named {@code name} and a factory of virtual threads that run on it. */
    static Carrier start(String name) {
        return new Carrier(name);
    }

    ThreadFactory factory() {
        try {
            Thread.Builder.OfVirtual b = (Thread.Builder.OfVirtual) BUILDER.newInstance(this);
            return b.factory();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a virtual thread builder on a dedicated carrier", e);
        }
    }

    @Override
    public void execute(Runnable task) {
        queue.offer(task);
        Thread t = thread;
        if (t == null || exiting) {
            synchronized (this) {   // the carrier is ending (idle): make sure one runs the task
                if (thread == null) startThread();
            }
        } else if (parked) {
            LockSupport.unpark(t);
        }
    }

    /** Lets the carrier thread end once its queue is empty (the loop has closed). */
    void stop() {
        stopping = true;
        Thread t = thread;
        if (t != null) LockSupport.unpark(t);
    }

    /**
     * Runs the loop's continuations in arrival order. A carrier idle for 30 s ends (a hub that
     * nobody closes, e.g. the default hub of a thread that moved on, does not keep a platform
     * thread forever); {@link #execute} starts a new one when work comes again.
     */
    private void run() {
        long idleSince = System.nanoTime();
        for (;;) {
            Runnable r = queue.relaxedPoll();
            if (r != null) {
                try {
                    r.run();
                } catch (Throwable t) {
                    System.err.println("c4j carrier " + name + ": " + t);
                }
                idleSince = System.nanoTime();
                continue;
            }
            if (stopping && queue.isEmpty()) {
                synchronized (this) {
                    if (queue.isEmpty()) {
                        thread = null;
                        return;
                    }
                }
            }
            if (System.nanoTime() - idleSince > IDLE_EXIT_NANOS) {
                exiting = true;   // Dekker with execute(): offer, then read exiting
                synchronized (this) {
                    if (queue.isEmpty()) {
                        thread = null;
                        return;
                    }
                    exiting = false;
                }
                continue;
            }
            parked = true;
            if (queue.isEmpty() && !stopping) LockSupport.parkNanos(this, IDLE_EXIT_NANOS);
            parked = false;
        }
    }
}
