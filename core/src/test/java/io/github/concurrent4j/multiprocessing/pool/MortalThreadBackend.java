package io.github.concurrent4j.multiprocessing.pool;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.function.SerializableRunnable;
import io.github.concurrent4j.multiprocessing.pool.internal.Chunk;
import io.github.concurrent4j.multiprocessing.pool.internal.WorkerBackend;
import io.github.concurrent4j.multiprocessing.pool.internal.WorkerEvents;
import io.github.concurrent4j.multiprocessing.pool.internal.WorkerHandle;
import io.github.concurrent4j.queue.SimpleQueue;

/**
 * A real backend of thread workers that can die as a worker process dies: a task calls
 * {@link #dieAfterThisChunk()}, and its worker ends without reporting the chunk (nor anything it
 * holds), then reports {@code exited(-9)}, as a SIGKILLed worker process would be seen. It runs
 * the engine's lost-worker logic (failures, retries, replacement) until the process backend
 * exists, and it can refuse to start the n-th worker. It keeps the backend contract of
 * {@link WorkerBackend} in every other respect.
 */
final class MortalThreadBackend implements WorkerBackend {
    private static final ThreadLocal<Boolean> DIE = ThreadLocal.withInitial(() -> false);
    private final int prefetch;
    private final int maxPrefetch;
    private final int failStartAt; // the start number (1-based, over the pool's life) that fails; 0: none
    private final int maxStarts; // starts after this many fail; 0: no limit
    private final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger deaths = new AtomicInteger();
    /** The most chunks one worker has held at once (sent, not yet reported). */
    final AtomicInteger maxHeld = new AtomicInteger();
    /** Runs in {@code send} before the chunk reaches the worker's mailbox (a test's hook to stall a send). */
    volatile java.util.function.Consumer<Chunk> beforeSend = c -> {};
    /** The ids of the chunks as they reached the workers' mailboxes. */
    final List<Long> received = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    MortalThreadBackend(int prefetch, int failStartAt) {
        this(prefetch, failStartAt, 0);
    }

    MortalThreadBackend(int prefetch, int failStartAt, int maxStarts) {
        this(prefetch, prefetch, failStartAt, maxStarts);
    }

    MortalThreadBackend(int prefetch, int maxPrefetch, int failStartAt, int maxStarts) {
        this.prefetch = prefetch;
        this.maxPrefetch = maxPrefetch;
        this.failStartAt = failStartAt;
        this.maxStarts = maxStarts;
    }

    /** An item this backend cannot send (as a process backend cannot encode some objects). */
    record Unsendable(String what) {}

    /** Called by a task: its worker dies once the chunk has run, reporting nothing it held. */
    static void dieAfterThisChunk() {
        DIE.set(true);
    }

    @Override
    public String kind() {
        return "mortal thread";
    }

    @Override
    public int prefetch() {
        return prefetch;
    }

    @Override
    public int maxPrefetch() {
        return maxPrefetch;
    }

    @Override
    public WorkerHandle start(int id, SerializableRunnable initializer, WorkerEvents events) {
        int n = starts.incrementAndGet();
        if (n == failStartAt || maxStarts > 0 && n > maxStarts) {
            throw new IllegalStateException("cannot start worker " + id + " (start " + n + ")");
        }
        Worker w = new Worker(id, initializer, events);
        Thread t = Thread.ofPlatform().daemon(true).name("MortalWorker-" + id).unstarted(w::run);
        w.thread = t;
        t.start();
        return w;
    }

    private final class Worker implements WorkerHandle {
        private final int id;
        private final SerializableRunnable initializer;
        private final WorkerEvents events;
        private final SimpleQueue<Object> mailbox = new SimpleQueue<>();
        volatile Thread thread;
        private volatile boolean killed;
        private final AtomicInteger held = new AtomicInteger();

        Worker(int id, SerializableRunnable initializer, WorkerEvents events) {
            this.id = id;
            this.initializer = initializer;
            this.events = events;
        }

        void run() {
            OptionalInt code = OptionalInt.of(0);
            try {
                if (initializer != null) {
                    try {
                        initializer.run();
                    } catch (Throwable t) {
                        events.initializerFailed(this, t);
                        code = OptionalInt.of(1);
                        return;
                    }
                }
                events.ready(this);
                for (;;) {
                    Object m;
                    try {
                        m = mailbox.get();
                    } catch (InterruptedRuntimeException e) {
                        Thread.interrupted();
                        if (killed) {
                            code = OptionalInt.of(-15);
                            return;
                        }
                        continue;
                    }
                    if (m == "retire") return;
                    if (m == "kill") {
                        code = OptionalInt.of(-15);
                        return;
                    }
                    Chunk c = (Chunk) m;
                    Object[] outcomes = Chunk.run(c.function(), c.items());
                    if (DIE.get()) {
                        deaths.incrementAndGet();
                        code = OptionalInt.of(-9);
                        return;
                    }
                    if (killed) {
                        code = OptionalInt.of(-15);
                        return;
                    }
                    held.decrementAndGet();
                    events.completed(this, c.id(), outcomes);
                }
            } finally {
                events.exited(this, code);
            }
        }

        @Override
        public String name() {
            return "MortalWorker-" + id;
        }

        @Override
        public OptionalLong pid() {
            return OptionalLong.of(100_000 + id); // stands for a worker process's pid
        }

        @Override
        public void send(Chunk chunk) {
            for (Object item : chunk.items()) {
                if (item instanceof Unsendable) throw new IllegalArgumentException("cannot send " + item + " to a worker");
            }
            beforeSend.accept(chunk);
            maxHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
            received.add(chunk.id());
            mailbox.put(chunk);
        }

        @Override
        public void retire() {
            mailbox.put("retire");
        }

        @Override
        public void kill() {
            killed = true;
            mailbox.put("kill");
            Thread t = thread;
            if (t != null) t.interrupt();
        }
    }
}
