package io.github.concurrent4j.futures;

import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.function.SerializableRunnable;

/**
 * The equivalent of Python's {@code concurrent.futures.ThreadPoolExecutor}: an {@link Executor}
 * that runs tasks on a pool of at most {@code maxWorkers} threads, platform or virtual. It
 * shadows {@link java.util.concurrent.ThreadPoolExecutor}.
 *
 * <pre>{@code
 * ThreadPoolExecutor tp = new ThreadPoolExecutor(20);          // tp = ThreadPoolExecutor(20)
 * List<Future<String>> rets = new ArrayList<>();
 * for (int i = 0; i < 100; i++) { int n = i; rets.add(tp.submit(() -> work(n))); }
 * for (Future<String> r : rets) System.out.println(r.result());
 * tp.shutdown();                                               // waits, as Python's does
 *
 * var io = ThreadPoolExecutor.builder().virtualThreads().maxWorkers(1000)
 *         .threadNamePrefix("fetch").initializer(Cache::warm).build();
 * }</pre>
 *
 * <p><b>Behaviour, as Python's.</b> The default number of workers is
 * {@code min(32, cpus + 4)}. Threads are started on demand: a {@code submit} that finds no
 * idle worker starts one, up to {@code maxWorkers}, and idle workers are reused. Worker
 * threads are named {@code ThreadPoolExecutor-N_M} (or {@code PREFIX_M}) and are listed by
 * {@link io.github.concurrent4j.threading.Threading#enumerate()}. The initializer runs once in
 * every worker before its first task; if it throws, the failure is logged, the executor is
 * broken ({@link BrokenThreadPoolException} for the queued futures and for every later
 * {@code submit}). {@link #shutdown(boolean, boolean)} stops new tasks; with
 * {@code cancelFutures} the queued ones are cancelled; with {@code wait} it returns when
 * the workers have finished.
 *
 * <p><b>JVM exit</b> behaves as interpreter exit does in Python: the workers are daemon
 * threads, and when the JVM shuts down (the last non-daemon thread ended, or
 * {@code System.exit}) a shutdown hook lets every executor finish the tasks already submitted
 * and then lets the JVM go, also after {@code shutdown(false)}; tasks submitted from then on
 * are refused. An executor that becomes unreachable without a shutdown is shut down (without
 * waiting) once the garbage collector notices, as CPython does when it frees one.
 *
 * <p><b>Differences from Python.</b> {@link #shutdownNow()} (the JDK's) also exists: it
 * cancels the queued tasks (their futures complete, so nobody waiting on them hangs) and
 * interrupts the running ones. Virtual-thread workers are an addition.
 *
 * <p>Thread-safe. Memory consistency effects: actions in a thread before {@code submit}
 * <i>happen-before</i> the task runs, and the task's actions happen-before its future's result
 * is returned, and before {@code shutdown(true)} returns.
 */
public final class ThreadPoolExecutor implements Executor {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "c4j-futures-cleaner");
        t.setDaemon(true);
        return t;
    });

    private final ThreadPoolCore core;

    /** An executor with Python's default number of workers, {@code min(32, cpus + 4)}. */
    public ThreadPoolExecutor() {
        this(builder());
    }

    /**
     * An executor with at most {@code maxWorkers} platform threads.
     *
     * @throws IllegalArgumentException if {@code maxWorkers <= 0}
     */
    public ThreadPoolExecutor(int maxWorkers) {
        this(builder().maxWorkers(maxWorkers));
    }

    private ThreadPoolExecutor(Builder b) {
        int n = b.maxWorkers != null ? b.maxWorkers : defaultMaxWorkers();
        String prefix = b.prefix != null ? b.prefix : "ThreadPoolExecutor-" + COUNTER.getAndIncrement();
        this.core = new ThreadPoolCore(n, prefix, b.virtual, b.initializer);
        ThreadPoolCore c = core;
        CLEANER.register(this, c::abandoned);
    }

    /** Python's default: {@code min(32, os.process_cpu_count() + 4)}. */
    public static int defaultMaxWorkers() {
        return Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    }

    /** A builder for Python's keyword arguments ({@code max_workers}, {@code thread_name_prefix}, {@code initializer}). */
    public static Builder builder() {
        return new Builder();
    }

    /** Python's keyword arguments, plus the choice of virtual threads. Not thread-safe. */
    public static final class Builder {
        private Integer maxWorkers;
        private String prefix;
        private boolean virtual;
        private SerializableRunnable initializer;

        private Builder() {}

        /** At most this many worker threads ({@code max_workers}); default {@code min(32, cpus + 4)}. */
        public Builder maxWorkers(int maxWorkers) {
            if (maxWorkers <= 0) throw new IllegalArgumentException("max_workers must be greater than 0: " + maxWorkers);
            this.maxWorkers = maxWorkers;
            return this;
        }

        /** Worker threads are named {@code PREFIX_0}, {@code PREFIX_1}, … ({@code thread_name_prefix}). */
        public Builder threadNamePrefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * Runs in every worker thread before its first task ({@code initializer} with its
         * {@code initargs} captured). If it throws, the executor is broken.
         */
        public Builder initializer(SerializableRunnable initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /** Workers are virtual threads (for tasks that mostly wait on I/O). */
        public Builder virtualThreads() {
            this.virtual = true;
            return this;
        }

        /** Workers are platform threads (the default). */
        public Builder platformThreads() {
            this.virtual = false;
            return this;
        }

        public ThreadPoolExecutor build() {
            return new ThreadPoolExecutor(this);
        }
    }

    /** The most worker threads this executor runs at once. */
    public int maxWorkers() {
        return core.maxWorkers;
    }

    @Override
    public <V> Future<V> submit(Callable<V> task) {
        return core.submit(Objects.requireNonNull(task, "task"));
    }

    @Override
    public void shutdown(boolean wait, boolean cancelFutures) {
        core.shutdown(wait, cancelFutures);
    }

    /**
     * Stops the executor now: cancels the queued tasks and returns them (their futures are
     * cancelled, so running one of them does nothing), and interrupts the running ones.
     */
    @Override
    public List<Runnable> shutdownNow() {
        return core.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return core.life.isClosed();
    }

    @Override
    public boolean isTerminated() {
        return core.life.state().isTerminal();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            return core.life.awaitTerminated(Duration.ofNanos(Math.max(0, unit.toNanos(timeout))));
        } catch (InterruptedRuntimeException e) {
            Thread.interrupted();
            throw new InterruptedException("interrupted while awaiting termination");
        }
    }

    /** Why the executor is broken (its initializer's exception), if it is. */
    public Optional<Throwable> brokenCause() {
        return Optional.ofNullable(core.broken);
    }

    /** The worker threads now alive (Python's {@code _threads}), for tests and monitoring. */
    List<Thread> threads() {
        return core.threads();
    }

    @Override
    public String toString() {
        return "ThreadPoolExecutor[" + core + "]";
    }
}
