package io.github.concurrent4j.multiprocessing.pool.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import io.github.concurrent4j.function.SerializableRunnable;
import io.github.concurrent4j.futures.internal.Reports;
import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.Waitable;
import io.github.concurrent4j.multiprocessing.Waiter;
import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.multiprocessing.connection.Connections;
import io.github.concurrent4j.multiprocessing.connection.Pipe;

/**
 * Workers that are child JVMs ({@link Process}es, so warm standbys start them in milliseconds),
 * each with a duplex shared-memory {@link Pipe}: chunks go down it, outcomes come back (see
 * {@link Wire}, {@link ProcessWorkerMain}).
 *
 * <pre>
 *  engine ──send(chunk)──▶ ProcessWorker ──TASK──▶ pipe ──▶ worker JVM: reader thread ─▶ inbox ─▶ Chunk.run
 *                                                                                              │
 *  engine ◀─completed / exited── I/O thread ◀──DONE── pipe ◀───────────────────────────────────┘
 *                                   ▲  Connections.wait(result ends + sentinels + wake-up)
 * </pre>
 *
 * <p>One I/O thread per backend ({@code c4j-pool-io-N}, CPython's
 * {@code wait_result_broken_or_wakeup}) sleeps in one blocking {@link Connections#wait} on
 * every worker's pipe end, every worker's process sentinel and an in-process wake-up (rung when
 * a worker is added): it reads outcomes as they come, and learns of a worker's death the
 * moment the JVM's exit is reaped — no polling. On a sentinel it first reads whatever the
 * worker sent before it died, then reports {@code exited} with the exit code (Python's: -9
 * after SIGKILL). The engine then re-queues or fails exactly the chunks that worker held. The
 * thread ends when no worker is left and is started again with the next worker.
 *
 * <p>Sends run on the engine's threads (mostly this I/O thread, which dispatches the next
 * chunk as an outcome arrives); they cannot block for long because each worker drains its
 * pipe with a reader thread of its own.
 */
public final class ProcessBackend implements WorkerBackend {
    private static final AtomicLong BACKENDS = new AtomicLong();

    private final String name;
    private final int prefetch;
    private final boolean daemon;
    private final IntConsumer beforeStart;
    private final Object lock = new Object();
    private final List<ProcessWorker> workers = new ArrayList<>(); // guarded by lock
    private final WakeUp wake = new WakeUp();
    private Thread io; // guarded by lock

    /**
     * @param prefetch    chunks a worker may hold (2+ hides the pipe's round trip)
     * @param daemon      whether the workers are daemonic (Python's {@code Pool}'s are, its
     *                    {@code ProcessPoolExecutor}'s are not)
     * @param beforeStart called with each worker's id before it is started (a test's fault
     *                    injection: it may throw, as a failed start does); null: none
     */
    public ProcessBackend(int prefetch, boolean daemon, IntConsumer beforeStart) {
        if (prefetch < 1) throw new IllegalArgumentException("prefetch must be >= 1: " + prefetch);
        this.prefetch = prefetch;
        this.daemon = daemon;
        this.beforeStart = beforeStart;
        this.name = "c4j-pool-io-" + BACKENDS.incrementAndGet();
    }

    @Override
    public String kind() {
        return "process";
    }

    @Override
    public int prefetch() {
        return prefetch;
    }

    /**
     * 64 chunks of tiny tasks: enough that neither side of a worker's pipe waits for the other
     * (a round trip through a sleeping reader costs tens of microseconds on a loaded machine,
     * a tiny task well under one), while a worker's pipe ring still holds them all.
     */
    @Override
    public int maxPrefetch() {
        return Math.max(prefetch, 64);
    }

    @Override
    public WorkerHandle start(int id, SerializableRunnable initializer, WorkerEvents events) {
        if (beforeStart != null) beforeStart.accept(id);
        Pipe pipe = Pipe.open(true);
        Connection mine = pipe.conn1(), theirs = pipe.conn2();
        Process p = new Process(target(theirs, initializer), "PoolWorker-" + id);
        p.setDaemon(daemon);
        try {
            p.start();
        } catch (RuntimeException | Error e) {
            mine.close();
            theirs.close();
            p.close();
            throw e;
        }
        theirs.close(); // the worker holds it now; its death is the pipe's end-of-file
        ProcessWorker w = new ProcessWorker(p, mine, events);
        synchronized (lock) {
            workers.add(w);
            if (io == null) io = Thread.ofPlatform().daemon(true).name(name).start(this::ioLoop);
        }
        wake.ring();
        return w;
    }

    /** The worker's task; a static method, so that the lambda captures nothing of this backend. */
    private static SerializableRunnable target(Connection conn, SerializableRunnable initializer) {
        return () -> ProcessWorkerMain.run(conn, initializer);
    }

    /** The I/O thread: reads outcomes and notices exits until no worker is left. */
    private void ioLoop() {
        try {
            List<Waitable> waitables = new ArrayList<>();
            Map<Waitable, ProcessWorker> owners = new IdentityHashMap<>();
            for (;;) {
                waitables.clear();
                owners.clear();
                wake.clear(); // before the snapshot: a worker added after it rings again
                synchronized (lock) {
                    if (workers.isEmpty()) {
                        io = null;
                        return;
                    }
                    for (ProcessWorker w : workers) {
                        if (!w.eof) {
                            waitables.add(w.conn);
                            owners.put(w.conn, w);
                        }
                        waitables.add(w.sentinel);
                        owners.put(w.sentinel, w);
                    }
                }
                waitables.add(wake);
                for (Waitable r : Connections.wait(waitables)) {
                    ProcessWorker w = owners.get(r);
                    if (w == null || w.gone) continue; // the wake-up, or a worker already reported
                    w.drain();
                    if (r == w.sentinel) {
                        synchronized (lock) {
                            workers.remove(w);
                        }
                        w.exited();
                    }
                }
            }
        } catch (Throwable t) {
            // a bug: report it, and do not leave the engine waiting for exits no one will report
            Reports.callbackFailed("io.github.concurrent4j.multiprocessing.pool", name + " failed", t);
            List<ProcessWorker> left;
            synchronized (lock) {
                left = new ArrayList<>(workers);
                workers.clear();
                io = null;
            }
            for (ProcessWorker w : left) {
                w.kill();
                w.process.join(java.time.Duration.ofSeconds(5));
                w.exited();
            }
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "ProcessBackend[" + workers.size() + " workers]";
        }
    }

    /** A wake-up for the I/O thread's wait, in this JVM: set, then wake whoever waits. */
    private static final class WakeUp implements Waitable {
        private volatile boolean set;
        private final Set<Waiter> waiters =
                ConcurrentHashMap.newKeySet();

        void ring() {
            set = true;
            waiters.forEach(Waiter::wake);
        }

        void clear() {
            set = false;
        }

        @Override
        public boolean isReady() {
            return set;
        }

        @Override
        public Waiter.Registration register(Waiter w) {
            waiters.add(Objects.requireNonNull(w));
            return () -> waiters.remove(w);
        }
    }
}
