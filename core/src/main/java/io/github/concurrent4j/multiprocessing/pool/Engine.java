package io.github.concurrent4j.multiprocessing.pool;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.function.SerializableRunnable;
import io.github.concurrent4j.futures.BrokenExecutorException;
import io.github.concurrent4j.futures.BrokenProcessPoolException;
import io.github.concurrent4j.futures.CancelledException;
import io.github.concurrent4j.futures.internal.Reports;
import io.github.concurrent4j.internal.Lifecycle;
import io.github.concurrent4j.multiprocessing.pool.internal.Chunk;
import io.github.concurrent4j.multiprocessing.pool.internal.Job;
import io.github.concurrent4j.multiprocessing.pool.internal.TaskFunction;
import io.github.concurrent4j.multiprocessing.pool.internal.WorkerBackend;
import io.github.concurrent4j.multiprocessing.pool.internal.WorkerEvents;
import io.github.concurrent4j.multiprocessing.pool.internal.WorkerHandle;

/**
 * The pool engine, the same for every kind of worker: it queues chunks, gives each worker at
 * most {@code prefetch} of them at a time, knows at every moment which chunks each worker holds,
 * and decides what happens when a worker ends: a lost worker's chunks are sent again (up to
 * {@code retries} times) or fail with {@link WorkerLostException}; a worker that reached
 * {@code maxTasksPerChild} is retired and replaced; {@code close} retires the workers once
 * the work is done; {@code terminate} fails the rest and kills them. See
 * {@code docs/futures.md} for the data flow.
 *
 * <p>Implementation notes (invariants):
 * <ul>
 *   <li>Everything below is guarded by {@code lock}; nothing that can block or run user code
 *       happens under it. Each event computes its effects under the lock into an
 *       {@link Effects} (chunks to send, workers to retire or kill, chunks and inputs to fail)
 *       and carries them out after unlocking.</li>
 *   <li>A chunk is in exactly one place: the queue, one slot's {@code inFlight}, or done
 *       (completed, failed). It moves out of {@code inFlight} only under the lock, so an
 *       outcome that arrives for a chunk no longer there (its worker was declared lost, the
 *       pool was terminated) is dropped: a chunk's job hears of it once.</li>
 *   <li>A slot exists from just before its worker is started until the worker's
 *       {@code exited} event; the backend reports to the slot's own {@link WorkerEvents}, so an
 *       event that comes before {@code start} has returned finds its slot.</li>
 *   <li>The maintainer thread (CPython's worker handler) starts workers, one at a time with
 *       no lock held, while fewer than {@code processes} are alive and work may still come;
 *       after three failed starts in a row with no worker left, the pool is broken. The task
 *       thread (CPython's task handler) reads lazily fed inputs while the queue holds fewer than
 *       {@code lowWater} chunks.</li>
 * </ul>
 */
final class Engine {
    private enum Mode { RUNNING, CLOSING, BROKEN, TERMINATING, DONE }

    private static final AtomicLong POOLS = new AtomicLong();

    private final String name;
    private final WorkerBackend backend;
    private final int processes;
    private final SerializableRunnable initializer;
    private final int maxTasksPerChild;
    private final int retries;
    private final boolean breakOnLoss;
    private final int prefetch;
    private final int maxPrefetch;
    private final int lowWater;
    /*
     * How long a chunk of each function takes a worker (an average in nanoseconds, from the
     * completions seen), which sets how many chunks a worker may hold: see window(). Keyed by
     * the function (a job's, shared by its chunks; an executor's tasks of one function are
     * equal); weak, so that a finished job's function and what it captures are not kept.
     */
    private final java.util.WeakHashMap<TaskFunction, long[]> pace = new java.util.WeakHashMap<>();
    /*
     * The last function looked up in pace, and its entry: a map's chunks all share one, and the
     * WeakHashMap lookup (which first drains its reference queue) was 7 % of a process pool's
     * I/O thread. Held weakly, as the map holds it.
     */
    private java.lang.ref.WeakReference<TaskFunction> lastPaced = new java.lang.ref.WeakReference<>(null);
    private long[] lastPace;
    private final Lifecycle life;
    private final CallbackRunner callbacks;
    private final AtomicLong chunkIds = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    private final ArrayDeque<Feeder> feeders = new ArrayDeque<>();
    private final List<Slot> slots = new ArrayList<>();
    private Mode mode = Mode.RUNNING;
    private Throwable brokenCause;
    private int workerIds;
    private int rotor;
    private int failedStarts;
    private long retryStartsAt;
    private Thread maintainer;
    private Thread taskThread;

    /** One worker, from just before its start to its exit. */
    private final class Slot implements WorkerEvents {
        final int id;
        WorkerHandle handle; // null while starting
        final ArrayDeque<Chunk> inFlight = new ArrayDeque<>(2);
        /** Assigned, not yet handed to the worker: in {@code inFlight}'s order (guarded by the engine's lock). */
        final ArrayDeque<Chunk> outbox = new ArrayDeque<>(2);
        /**
         * Held while chunks go from {@code outbox} to the worker. Sends happen outside the engine's
         * lock, from whichever thread assigned them: without this, two threads could hand one
         * worker its chunks in the opposite order to {@code inFlight}, and on that worker's death
         * the engine would fail a chunk that never ran and requeue the one that was running.
         */
        final ReentrantLock sending = new ReentrantLock();
        boolean ready, retiring, killed, initFailed;
        int assigned;
        long lastDone; // nanoTime of its last completion

        Slot(int id) {
            this.id = id;
        }

        /** Whether it may be given {@code next} now: it is serving, and holds fewer chunks than {@code next}'s window. */
        boolean canTake(Chunk next) {
            return ready && !retiring && !killed && handle != null && inFlight.size() < window(next)
                    && (maxTasksPerChild == 0 || assigned < maxTasksPerChild);
        }

        boolean alive() {
            return !retiring && !killed;
        }

        String name() {
            return handle != null ? handle.name() : backend.kind() + " worker " + id;
        }

        @Override
        public void ready(WorkerHandle w) {
            onReady(this);
        }

        @Override
        public void completed(WorkerHandle w, long chunkId, Object[] outcomes) {
            onCompleted(this, chunkId, outcomes);
        }

        @Override
        public void initializerFailed(WorkerHandle w, Throwable cause) {
            onInitializerFailed(this, cause);
        }

        @Override
        public void exited(WorkerHandle w, OptionalInt exitCode) {
            onExited(this, exitCode);
        }
    }

    /** What an event does once the lock is released. */
    private final class Effects {
        final List<Slot> sends = new ArrayList<>(2); // slots with chunks in their outbox
        List<WorkerHandle> retire, kill;
        List<Object> failures; // chunk, cause, ...
        List<Object> aborts; // feeder, cause, ...

        void send(Slot s) {
            if (!sends.contains(s)) sends.add(s);
        }

        void fail(Chunk c, Throwable cause) {
            if (failures == null) failures = new ArrayList<>();
            failures.add(c);
            failures.add(cause);
        }

        void run() {
            for (Slot s : sends) flush(s);
            if (retire != null) retire.forEach(WorkerHandle::retire);
            if (kill != null) kill.forEach(WorkerHandle::kill);
            if (failures != null) {
                for (int i = 0; i < failures.size(); i += 2) {
                    Chunk c = (Chunk) failures.get(i);
                    Throwable cause = (Throwable) failures.get(i + 1);
                    try {
                        c.job().failed(c, cause);
                    } catch (Throwable t) {
                        Reports.callbackFailed(CallbackRunner.LOGGER, "failed to fail " + c, t);
                    }
                }
            }
            if (aborts != null) {
                for (int i = 0; i < aborts.size(); i += 2) {
                    try {
                        ((Feeder) aborts.get(i)).abort((Throwable) aborts.get(i + 1));
                    } catch (Throwable t) {
                        Reports.callbackFailed(CallbackRunner.LOGGER, "failed to abort an input", t);
                    }
                }
            }
        }
    }

    Engine(WorkerBackend backend, int processes, SerializableRunnable initializer, int maxTasksPerChild, int retries) {
        this(backend, processes, initializer, maxTasksPerChild, retries, false);
    }

    /**
     * With {@code breakOnLoss}, CPython's {@code ProcessPoolExecutor} behaviour: a worker that
     * ends unexpectedly breaks the pool ({@link BrokenProcessPoolException} for everything not
     * finished, the other workers killed) instead of failing or re-running what it held.
     */
    Engine(WorkerBackend backend, int processes, SerializableRunnable initializer, int maxTasksPerChild, int retries,
            boolean breakOnLoss) {
        this.breakOnLoss = breakOnLoss;
        this.backend = backend;
        this.processes = processes;
        this.initializer = initializer;
        this.maxTasksPerChild = maxTasksPerChild;
        this.retries = retries;
        this.prefetch = Math.max(1, backend.prefetch());
        this.maxPrefetch = Math.max(prefetch, backend.maxPrefetch());
        this.lowWater = Math.max(4, 2 * processes * maxPrefetch);
        long n = POOLS.incrementAndGet();
        this.name = "c4j-pool-" + n;
        this.life = new Lifecycle(backend.kind() + " pool " + n);
        this.callbacks = new CallbackRunner(name + "-results");
    }

    // ---- life -------------------------------------------------------------------------------

    /**
     * Starts the workers, as CPython's {@code Pool()} does: if one cannot be started, the ones
     * started are killed, and the exception is thrown (acceptance 8 of issue 11).
     */
    void start() {
        if (!life.starting()) throw new IllegalStateException("pool already started");
        for (int i = 0; i < processes; i++) {
            Slot s = newSlot();
            try {
                attach(s, backend.start(s.id, initializer, s));
            } catch (RuntimeException | Error e) {
                abortStart(s, e);
                throw e;
            }
        }
        maintainer = Thread.ofPlatform().daemon(true).name(name + "-maintainer").start(() -> reporting(this::maintain));
        life.running();
    }

    private Slot newSlot() {
        lock.lock();
        try {
            Slot s = new Slot(++workerIds);
            slots.add(s);
            return s;
        } finally {
            lock.unlock();
        }
    }

    /** The backend returned the handle of {@code s}'s worker (which may have reported events already). */
    private void attach(Slot s, WorkerHandle h) {
        Effects e = new Effects();
        boolean kill;
        lock.lock();
        try {
            s.handle = h;
            kill = s.killed;
            if (!kill) settle(e);
        } finally {
            lock.unlock();
        }
        if (kill) h.kill();
        else e.run();
    }

    /** A worker of the first batch failed to start: kill the others and wait (bounded) for them. */
    private void abortStart(Slot failed, Throwable cause) {
        List<WorkerHandle> kill = new ArrayList<>();
        lock.lock();
        try {
            slots.remove(failed);
            mode = Mode.TERMINATING;
            for (Slot s : slots) {
                s.killed = true;
                if (s.handle != null) kill.add(s.handle);
            }
        } finally {
            lock.unlock();
        }
        kill.forEach(WorkerHandle::kill);
        lock.lock();
        try {
            long nanos = Duration.ofSeconds(30).toNanos();
            while (!slots.isEmpty() && nanos > 0) nanos = changed.awaitNanos(nanos);
            mode = Mode.DONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        life.failed(cause);
    }

    /** Python's {@code close()}: no more work; the workers end once what was submitted is done. */
    void close() {
        Effects e = new Effects();
        lock.lock();
        try {
            if (mode == Mode.RUNNING) mode = Mode.CLOSING;
            life.stopping();
            settle(e);
        } finally {
            lock.unlock();
        }
        e.run();
    }

    /** Python's {@code terminate()}: what has not finished fails, the workers are killed now. */
    void terminate() {
        Effects e = new Effects();
        lock.lock();
        try {
            if (mode == Mode.DONE || mode == Mode.TERMINATING) return;
            mode = Mode.TERMINATING;
            life.stopping();
            CancelledException cause = new CancelledException("the pool was terminated before this task finished");
            failAll(cause, e, true);
            for (Slot s : slots) {
                if (s.killed) continue;
                s.killed = true;
                if (s.handle != null) {
                    if (e.kill == null) e.kill = new ArrayList<>();
                    e.kill.add(s.handle);
                }
            }
            settle(e);
        } finally {
            lock.unlock();
        }
        e.run();
    }

    /** Fails the queue, the inputs, and (with {@code inFlightToo}) what the workers hold (lock held). */
    private void failAll(Throwable cause, Effects e, boolean inFlightToo) {
        for (Chunk c; (c = queue.poll()) != null; ) e.fail(c, cause);
        for (Feeder f; (f = feeders.poll()) != null; ) {
            if (e.aborts == null) e.aborts = new ArrayList<>();
            e.aborts.add(f);
            e.aborts.add(cause);
        }
        if (inFlightToo) {
            for (Slot s : slots) for (Chunk c; (c = s.inFlight.poll()) != null; ) e.fail(c, cause);
        }
    }

    /** The pool cannot go on (lock held): it stops like a close, failing what has not started. */
    private void breakPool(Throwable cause, Effects e) {
        if (mode == Mode.BROKEN || mode == Mode.TERMINATING || mode == Mode.DONE) return;
        mode = Mode.BROKEN;
        brokenCause = cause;
        life.stopping();
        failAll(broken(), e, false);
    }

    BrokenExecutorException broken() {
        if (breakOnLoss) {
            return new BrokenProcessPoolException(brokenCause instanceof BrokenProcessPoolException b ? b.getMessage()
                    : "A process in the process pool was terminated abruptly while the future was running or pending"
                            + " (" + describe(brokenCause) + ")", brokenCause);
        }
        return new BrokenPoolException("the pool is broken: " + describe(brokenCause), brokenCause);
    }

    private static String describe(Throwable t) {
        return t instanceof BrokenExecutorException ? t.getMessage() : "a worker's initializer failed: " + t;
    }

    /** Waits until the workers have ended and the callbacks have run. */
    void join() {
        life.awaitTerminated();
    }

    boolean join(Duration timeout) {
        return life.awaitTerminated(timeout);
    }

    boolean isStopping() {
        return life.isClosed();
    }

    // ---- submitting -------------------------------------------------------------------------

    /** A new chunk of {@code job} with a fresh id. */
    Chunk chunk(Job job, int index, Object[] items) {
        return new Chunk(job, index, items, chunkIds.incrementAndGet());
    }

    /** Queues {@code chunks}, in order. */
    void submit(List<Chunk> chunks) {
        Effects e = new Effects();
        lock.lock();
        try {
            checkRunning();
            queue.addAll(chunks);
            settle(e, false); // more work concerns no waiting thread (each submit woke the maintainer)
        } finally {
            lock.unlock();
        }
        e.run();
    }

    /** Reads {@code feeder} lazily on the task thread. */
    void feed(Feeder feeder) {
        lock.lock();
        try {
            checkRunning();
            feeders.add(feeder);
            if (taskThread == null) {
                taskThread = Thread.ofPlatform().daemon(true).name(name + "-tasks").start(() -> reporting(this::feedLoop));
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void checkRunning() {
        if (mode == Mode.RUNNING) return;
        if (mode == Mode.BROKEN || brokenCause != null) throw broken();
        throw new IllegalStateException("Pool not running (it was closed or terminated)");
    }

    /** Runs {@code r} on the pool's result thread. */
    void callback(Runnable r) {
        callbacks.execute(r);
    }

    // ---- events from the workers --------------------------------------------------------------

    private void onReady(Slot s) {
        Effects e = new Effects();
        lock.lock();
        try {
            s.ready = true;
            failedStarts = 0;
            settle(e);
        } finally {
            lock.unlock();
        }
        e.run();
    }

    private void onCompleted(Slot s, long chunkId, Object[] outcomes) {
        Effects e = new Effects();
        Chunk done = null;
        lock.lock();
        try {
            for (var it = s.inFlight.iterator(); it.hasNext(); ) {
                Chunk c = it.next();
                if (c.id() == chunkId) {
                    it.remove();
                    done = c;
                    break;
                }
            }
            if (done != null) recordPace(s, done);
            settle(e, false);
        } finally {
            lock.unlock();
        }
        e.run();
        if (done != null) {
            try {
                done.job().completed(done, outcomes);
            } catch (Throwable t) {
                Reports.callbackFailed(CallbackRunner.LOGGER, "failed to record the outcomes of " + done, t);
            }
        }
    }

    /**
     * A backend could not hand {@code chunk} to its worker (it cannot be encoded, the channel
     * broke): the chunk fails with that exception and the worker gets the next one.
     */
    private void sendFailed(WorkerHandle h, Chunk chunk, Throwable cause) {
        Effects e = new Effects();
        boolean held = false;
        lock.lock();
        try {
            for (Slot s : slots) {
                if (s.handle == h && s.inFlight.remove(chunk)) {
                    held = true;
                    break;
                }
            }
            settle(e);
        } finally {
            lock.unlock();
        }
        e.run();
        if (held) chunk.job().failed(chunk, cause);
    }

    /** A chunk that must not run after all (its job said so as it was about to be sent). */
    private void takeBack(WorkerHandle h, Chunk chunk) {
        Effects e = new Effects();
        lock.lock();
        try {
            for (Slot s : slots) {
                if (s.handle == h && s.inFlight.remove(chunk)) {
                    s.assigned--;
                    break;
                }
            }
            settle(e);
        } finally {
            lock.unlock();
        }
        e.run();
    }

    /** Takes every queued chunk off the queue and tells its job ({@code shutdown(cancelFutures = true)}). */
    void cancelQueued() {
        List<Chunk> cancelled = new ArrayList<>();
        Effects e = new Effects();
        lock.lock();
        try {
            for (Chunk c; (c = queue.poll()) != null; ) cancelled.add(c);
            settle(e);
        } finally {
            lock.unlock();
        }
        e.run();
        for (Chunk c : cancelled) {
            try {
                c.job().cancelled(c);
            } catch (Throwable t) {
                Reports.callbackFailed(CallbackRunner.LOGGER, "failed to cancel " + c, t);
            }
        }
    }

    boolean isBroken() {
        lock.lock();
        try {
            return brokenCause != null;
        } finally {
            lock.unlock();
        }
    }

    boolean isTerminated() {
        return life.state().isTerminal();
    }

    private void onInitializerFailed(Slot s, Throwable cause) {
        Reports.callbackFailed(CallbackRunner.LOGGER, "Exception in initializer of " + s.name() + ":", cause);
        Effects e = new Effects();
        lock.lock();
        try {
            s.initFailed = true;
            breakPool(cause, e);
            settle(e);
        } finally {
            lock.unlock();
        }
        e.run();
    }

    private void onExited(Slot s, OptionalInt exitCode) {
        Effects e = new Effects();
        lock.lock();
        try {
            if (!slots.remove(s)) return;
            s.outbox.clear(); // what it held is requeued or failed below, from inFlight
            if (!s.ready && !s.killed && !s.retiring && !s.initFailed) failedStarts++;
            if (breakOnLoss && !s.killed && !s.initFailed && (!s.inFlight.isEmpty() || !s.retiring)
                    && (mode == Mode.RUNNING || mode == Mode.CLOSING)) {
                // CPython's ProcessPoolExecutor: "terminated abruptly": everything pending fails
                // and the other workers go too
                BrokenProcessPoolException cause = new BrokenProcessPoolException(
                        "A child process terminated abruptly, the process pool is not usable anymore (worker " + s.name()
                                + (s.handle != null && s.handle.pid().isPresent() ? ", pid " + s.handle.pid().getAsLong() : "")
                                + (exitCode.isPresent() ? ", exit code " + exitCode.getAsInt() : "") + ")", null);
                for (Chunk c; (c = s.inFlight.poll()) != null; ) e.fail(c, cause);
                breakPool(cause, e);
                brokenCause = cause;
                for (Slot o : slots) {
                    for (Chunk c; (c = o.inFlight.poll()) != null; ) e.fail(c, cause);
                    if (!o.killed) {
                        o.killed = true;
                        if (o.handle != null) {
                            if (e.kill == null) e.kill = new ArrayList<>();
                            e.kill.add(o.handle);
                        }
                    }
                }
            }
            // A worker runs its chunks one at a time in the order sent and reports each before
            // the next, and its backend reports every outcome before its exit: so only the
            // oldest chunk it held can have started; the others go back to the queue as they
            // were, whatever the retries.
            Chunk running = s.inFlight.peekFirst();
            for (Chunk c; (c = s.inFlight.pollLast()) != null; ) {
                if (c != running && (mode == Mode.RUNNING || mode == Mode.CLOSING)) {
                    c.undoAttempt();
                    queue.addFirst(c);
                } else if ((mode == Mode.RUNNING || mode == Mode.CLOSING) && c.attempts() <= retries) {
                    queue.addFirst(c); // again, before anything else
                } else {
                    e.fail(c, new WorkerLostException(s.name(), s.handle != null ? s.handle.pid() : java.util.OptionalLong.empty(),
                            exitCode, c.attempts()));
                }
            }
            settle(e);
        } finally {
            lock.unlock();
        }
        e.run();
    }

    // ---- deciding (lock held) -------------------------------------------------------------------

    /** After any change: dispatch, retire, notice the end, wake the engine's waiters. */
    private void settle(Effects e) {
        settle(e, true);
    }

    /**
     * After a change: dispatch, retire, notice the end; wakes the engine's waiting threads
     * ({@code changed}) if {@code always}, or if what they wait for may have changed. A chunk's
     * completion in a running pool with every worker alive and the input fed concerns none of
     * them (the maintainer, the task thread, {@code terminate}, {@code awaitReadyWorkers}), and
     * waking the maintainer for each one cost a futex wake per task (a fifth of the I/O thread's
     * time with tiny tasks).
     */
    private void settle(Effects e, boolean always) {
        dispatch(e);
        boolean workLeft = workLeft();
        for (Slot s : slots) {
            if (s.retiring || s.killed || s.handle == null || !s.inFlight.isEmpty()) continue;
            boolean exhausted = maxTasksPerChild > 0 && s.assigned >= maxTasksPerChild;
            boolean finished = mode != Mode.RUNNING && !workLeft;
            if (exhausted || finished) {
                s.retiring = true;
                if (e.retire == null) e.retire = new ArrayList<>();
                e.retire.add(s.handle);
            }
        }
        if (mode != Mode.RUNNING && mode != Mode.DONE && slots.isEmpty() && (mode == Mode.TERMINATING || !workLeft)) {
            mode = Mode.DONE;
        }
        if (always || mode != Mode.RUNNING || alive() < processes || !feeders.isEmpty() && queue.size() < lowWater
                || e.retire != null) {
            changed.signalAll();
        }
    }

    /** Gives queued chunks to workers with room, starting at a rotating position. */
    private void dispatch(Effects e) {
        int n = slots.size();
        if (queue.isEmpty() || n == 0) return;
        int start = Math.floorMod(rotor++, n);
        // idle workers first, one chunk each, so that a chunk never waits behind a busy worker's
        // while another worker has nothing; then each fills up to prefetch
        for (int k = 0; k < n && !queue.isEmpty(); k++) {
            Slot s = slots.get((start + k) % n);
            if (s.inFlight.isEmpty() && s.canTake(queue.peek())) assign(s, e);
        }
        for (int k = 0; k < n && !queue.isEmpty(); k++) {
            Slot s = slots.get((start + k) % n);
            while (!queue.isEmpty() && s.canTake(queue.peek())) assign(s, e);
        }
    }

    private void assign(Slot s, Effects e) {
        Chunk c = queue.poll();
        if (s.inFlight.isEmpty()) s.lastDone = System.nanoTime(); // it starts now, not at its last completion
        s.inFlight.add(c);
        s.outbox.add(c);
        s.assigned++;
        c.recordAttempt();
        e.send(s);
    }

    /** Hands {@code s}'s worker the chunks assigned to it, in the order assigned (see {@link Slot#sending}). */
    private void flush(Slot s) {
        s.sending.lock();
        try {
            while (true) {
                Chunk[] batch;
                WorkerHandle h;
                lock.lock(); // once per batch, not per chunk: this is the I/O thread's hot path
                try {
                    if (s.outbox.isEmpty()) return;
                    batch = s.outbox.toArray(new Chunk[0]);
                    s.outbox.clear();
                    h = s.handle;
                } finally {
                    lock.unlock();
                }
                for (Chunk c : batch) {
                    try {
                        if (!c.job().starting(c)) {
                            takeBack(h, c);
                            continue;
                        }
                        h.send(c);
                    } catch (Throwable t) {
                        sendFailed(h, c, t);
                    }
                }
            }
        } finally {
            s.sending.unlock();
        }
    }

    /**
     * How many chunks a worker may hold when the next one is {@code c}: {@code prefetch} (2 for
     * processes: one running, one on its way) until chunks of its function have been timed,
     * then enough to cover {@link #WINDOW_NANOS} of their average time, up to
     * {@code maxPrefetch}. Tiny tasks thus stream (a worker never waits for the round trip of
     * a message: chunk size 1 went from 25 k to over 100 k tasks/s on two cores), while a
     * worker never holds more than about {@code WINDOW_NANOS} of average work that an idle
     * worker could have taken — and long tasks (ms and more) keep the window of 2.
     */
    private int window(Chunk c) {
        if (maxPrefetch == prefetch) return prefetch;
        long[] p = paceOf(c.function(), 0);
        if (p == null) return prefetch;
        long avg = Math.max(1, p[0]);
        return (int) Math.max(prefetch, Math.min(maxPrefetch, WINDOW_NANOS / avg));
    }

    /** How much average work a worker may hold beyond what it runs: see {@link #window}. */
    static final long WINDOW_NANOS = 500_000;

    /**
     * {@code c} came back from {@code s}: its time is from when the worker could start it (its
     * previous completion, or its dispatch to an idle worker) to now. The average rises at once
     * to a slower sample (so that a job turning slow stops being prefetched deep) and falls
     * slowly (an eighth of the difference per sample).
     */
    private void recordPace(Slot s, Chunk c) {
        long now = System.nanoTime();
        long took = Math.max(1, now - s.lastDone);
        s.lastDone = now;
        if (maxPrefetch == prefetch) return;
        long[] p = paceOf(c.function(), took);
        p[0] = took >= p[0] ? took : p[0] - (p[0] - took) / 8;
    }

    /** {@code f}'s pace entry; if it has none, a new one of {@code first}, or null if {@code first} is 0. */
    private long[] paceOf(TaskFunction f, long first) {
        if (f != null && lastPaced.get() == f) return lastPace;
        long[] p = first == 0 ? pace.get(f) : pace.computeIfAbsent(f, k -> new long[] {first});
        if (p != null) {
            lastPaced = new java.lang.ref.WeakReference<>(f);
            lastPace = p;
        }
        return p;
    }

    private boolean workLeft() {
        if (!queue.isEmpty() || !feeders.isEmpty()) return true;
        for (Slot s : slots) if (!s.inFlight.isEmpty()) return true;
        return false;
    }

    private int alive() {
        int n = 0;
        for (Slot s : slots) if (s.alive()) n++;
        return n;
    }

    // ---- the maintainer and the task thread -----------------------------------------------

    /** The body of a library thread: a failure (a bug) is reported, never lost with the thread. */
    private void reporting(Runnable body) {
        try {
            body.run();
        } catch (Throwable t) {
            Reports.callbackFailed(CallbackRunner.LOGGER, Thread.currentThread().getName() + " failed", t);
        }
    }

    /** CPython's worker handler: keeps {@code processes} workers alive while work may come. */
    private void maintain() {
        lock.lock();
        try {
            while (mode != Mode.DONE) {
                boolean wanted = mode == Mode.RUNNING || mode == Mode.CLOSING && workLeft();
                long now = System.nanoTime();
                if (wanted && alive() < processes && now - retryStartsAt >= 0) {
                    startReplacement();
                    continue;
                }
                long wait = wanted && alive() < processes ? retryStartsAt - now : TimeUnit.SECONDS.toNanos(1);
                changed.awaitNanos(Math.max(1, wait));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        callbacks.shutdownAndAwait();
        if (brokenCause != null) life.failed(broken());
        else life.terminated();
    }

    /** Starts one worker with the lock released (lock held on entry and exit). */
    private void startReplacement() {
        Slot s = new Slot(++workerIds);
        slots.add(s);
        lock.unlock();
        Throwable error = null;
        try {
            attach(s, backend.start(s.id, initializer, s));
        } catch (Throwable t) {
            error = t;
        }
        lock.lock();
        if (error == null) return;
        slots.remove(s);
        failedStarts++;
        Reports.callbackFailed(CallbackRunner.LOGGER, "cannot start a " + backend.kind() + " worker", error);
        if (failedStarts >= 3 && alive() == 0) {
            Effects e = new Effects();
            breakPool(new BrokenPoolException("no " + backend.kind() + " worker could be started", error), e);
            settle(e);
            lock.unlock();
            try {
                e.run();
            } finally {
                lock.lock();
            }
        } else {
            retryStartsAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100L << Math.min(failedStarts, 5));
        }
    }

    /** CPython's task handler: reads lazily fed inputs while the queue runs low. */
    private void feedLoop() {
        for (;;) {
            Feeder f;
            lock.lock();
            try {
                while (feeders.isEmpty() || queue.size() >= lowWater) {
                    if (mode == Mode.DONE || feeders.isEmpty() && mode != Mode.RUNNING) return;
                    changed.await();
                }
                f = feeders.peek();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            List<Chunk> batch = f.next(lowWater);
            Effects e = new Effects();
            lock.lock();
            try {
                if (feeders.contains(f)) {
                    queue.addAll(batch);
                    if (f.exhausted()) feeders.remove(f);
                } else {
                    // terminated or broken while the input was read: the feeder was aborted
                    for (Chunk c : batch) e.fail(c, mode == Mode.BROKEN ? broken()
                            : new CancelledException("the pool was terminated before this task finished"));
                }
                settle(e);
            } finally {
                lock.unlock();
            }
            e.run();
        }
    }

    // ---- views --------------------------------------------------------------------------------

    int processes() {
        return processes;
    }

    /** The workers now alive (not retiring or killed), for tests and monitoring. */
    List<WorkerHandle> workers() {
        lock.lock();
        try {
            List<WorkerHandle> ws = new ArrayList<>();
            for (Slot s : slots) if (s.alive() && s.handle != null) ws.add(s.handle);
            return ws;
        } finally {
            lock.unlock();
        }
    }

    /** How many chunks the {@code i}-th worker slot holds (assigned, not reported): for tests. */
    int inFlightOf(int i) {
        lock.lock();
        try {
            return i < slots.size() ? slots.get(i).inFlight.size() : 0;
        } finally {
            lock.unlock();
        }
    }

    /** Waits (at most {@code timeout}) until {@code n} workers are alive and ready. */
    boolean awaitReadyWorkers(int n, Duration timeout) {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                int ready = 0;
                for (Slot s : slots) if (s.alive() && s.ready) ready++;
                if (ready >= n) return true;
                if (nanos <= 0) return false;
                nanos = changed.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return life + ", " + slots.size() + " workers, " + queue.size() + " chunks queued";
        } finally {
            lock.unlock();
        }
    }
}
