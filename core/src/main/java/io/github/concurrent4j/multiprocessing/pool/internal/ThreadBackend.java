package io.github.concurrent4j.multiprocessing.pool.internal;

import java.util.OptionalInt;
import java.util.OptionalLong;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.function.SerializableRunnable;
import io.github.concurrent4j.queue.SimpleQueue;
import io.github.concurrent4j.threading.Threading;

/**
 * Workers that are threads of this JVM (Python's {@code multiprocessing.pool.ThreadPool},
 * whose workers are {@code multiprocessing.dummy} processes, that is threads): each has a
 * mailbox (a {@link SimpleQueue}) the engine puts chunks in, and reports outcomes by calling
 * the engine from its own thread. Chunks and outcomes are handed over by reference, never
 * copied or serialized. Workers are daemon threads named {@code Thread-N (worker)}, as
 * CPython names them, listed by {@code Threading.enumerate()}.
 */
public final class ThreadBackend implements WorkerBackend {
    private static final Object RETIRE = new Object();
    private static final Object KILL = new Object();
    private final boolean virtual;

    /** Platform threads, or virtual threads with {@code virtual}. */
    public ThreadBackend(boolean virtual) {
        this.virtual = virtual;
    }

    @Override
    public String kind() {
        return "thread";
    }

    @Override
    public int prefetch() {
        return 1;
    }

    @Override
    public WorkerHandle start(int id, SerializableRunnable initializer, WorkerEvents events) {
        ThreadWorker w = new ThreadWorker(initializer, events);
        Threading.Builder b = Threading.thread();
        Thread t = (virtual ? b.virtual() : b.daemon(true)).unstarted(w::run);
        t.setName(t.getName() + " (worker)");
        w.thread = t;
        Threading.start(t);
        return w;
    }

    private static final class ThreadWorker implements WorkerHandle {
        private final SimpleQueue<Object> mailbox = new SimpleQueue<>();
        private final SerializableRunnable initializer;
        private final WorkerEvents events;
        volatile Thread thread;
        private volatile boolean killed;

        ThreadWorker(SerializableRunnable initializer, WorkerEvents events) {
            this.initializer = initializer;
            this.events = events;
        }

        void run() {
            try {
                if (initializer != null) {
                    try {
                        initializer.run();
                    } catch (Throwable t) {
                        events.initializerFailed(this, t);
                        return;
                    }
                }
                events.ready(this);
                for (;;) {
                    Object m = take();
                    if (m == RETIRE || m == KILL) return;
                    if (!runChunk((Chunk) m)) return;
                    m = null; // an idle worker keeps no reference to its last chunk
                }
            } finally {
                events.exited(this, OptionalInt.empty());
            }
        }

        /** Runs one chunk and reports it; false if the worker was killed meanwhile. */
        private boolean runChunk(Chunk c) {
            Object[] outcomes = Chunk.run(c.function(), c.items());
            if (killed) return false;
            Thread.interrupted(); // an interrupt meant for this chunk must not reach the next
            events.completed(this, c.id(), outcomes);
            return true;
        }

        private Object take() {
            for (;;) {
                try {
                    return mailbox.get();
                } catch (InterruptedRuntimeException e) {
                    Thread.interrupted();
                    if (killed) return KILL;
                }
            }
        }

        @Override
        public String name() {
            Thread t = thread;
            return t != null ? t.getName() : "thread worker";
        }

        @Override
        public OptionalLong pid() {
            return OptionalLong.empty();
        }

        @Override
        public void send(Chunk chunk) {
            mailbox.put(chunk);
        }

        @Override
        public void retire() {
            mailbox.put(RETIRE);
        }

        @Override
        public void kill() {
            killed = true;
            mailbox.put(KILL);
            Thread t = thread;
            if (t != null) t.interrupt();
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
