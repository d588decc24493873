package io.github.concurrent4j.futures;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.function.SerializableRunnable;
import io.github.concurrent4j.futures.internal.Reports;
import io.github.concurrent4j.internal.Lifecycle;
import io.github.concurrent4j.queue.EmptyException;
import io.github.concurrent4j.queue.SimpleQueue;
import io.github.concurrent4j.threading.Threading;

/**
 * The state of a {@link ThreadPoolExecutor}, apart from the public object so that a
 * collected executor can be shut down (the workers refer to this, never to the executor), as
 * CPython's workers hold only a weak reference to theirs. It follows CPython's
 * {@code concurrent/futures/thread.py}:
 *
 * <pre>
 *   submit ──▶ work queue (SimpleQueue of FutureImpl) ──▶ worker threads ──▶ future completed
 *                  ▲                                          │
 *                  └──── WAKE: put by shutdown; a worker that takes it while the executor
 *                        is closed puts it back (for the next worker) and ends
 * </pre>
 *
 * <p>Implementation notes: {@code idle} is CPython's {@code _idle_semaphore}: a worker adds one
 * each time it finds the queue empty, and {@code submit} starts a new thread only if it cannot
 * take one away (and fewer than {@code maxWorkers} run). {@code lock} is CPython's
 * {@code _shutdown_lock}: submit, shutdown and the thread set change under it, so that no task
 * is queued after the cancelling drain of a shutdown. The executor's {@link Lifecycle}:
 * RUNNING from the start; STOPPING at shutdown (or when broken); TERMINATED (FAILED when
 * broken) once the last worker has ended.
 */
final class ThreadPoolCore {
    private static final String LOGGER = "io.github.concurrent4j.futures";
    /** The wake-up marker (CPython's {@code None} in the work queue). */
    private static final Object WAKE = new Object();

    final int maxWorkers;
    final String prefix;
    final boolean virtual;
    final SerializableRunnable initializer;
    final Lifecycle life;
    final SimpleQueue<Object> queue = new SimpleQueue<>();
    private final AtomicInteger idle = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Thread> threads = new ArrayList<>(); // guarded by lock
    private int started; // guarded by lock: names _0, _1, ...
    volatile Throwable broken;
    /** Set by the JVM's shutdown hook: workers end once the queue is drained. */
    private volatile boolean exiting;

    ThreadPoolCore(int maxWorkers, String prefix, boolean virtual, SerializableRunnable initializer) {
        this.maxWorkers = maxWorkers;
        this.prefix = prefix;
        this.virtual = virtual;
        this.initializer = initializer;
        this.life = new Lifecycle("ThreadPoolExecutor " + prefix);
        life.running();
    }

    <V> Future<V> submit(Callable<V> task) {
        FutureImpl<V> f = new FutureImpl<>(task);
        lock.lock();
        try {
            Throwable b = broken;
            if (b != null) throw new BrokenThreadPoolException(brokenMessage(), b);
            if (exiting) throw new RejectedExecutionException("cannot schedule new futures after JVM shutdown");
            if (life.isClosed()) throw new RejectedExecutionException("cannot schedule new futures after shutdown");
            queue.put(f);
            adjustThreadCount();
        } finally {
            lock.unlock();
        }
        return f;
    }

    /** Starts a worker if none is idle and fewer than maxWorkers run (lock held). */
    private void adjustThreadCount() {
        for (int i = idle.get(); i > 0; i = idle.get()) {
            if (idle.compareAndSet(i, i - 1)) return;
        }
        if (threads.size() >= maxWorkers) return;
        Threading.Builder b = Threading.thread().name(prefix + "_" + started++);
        Thread t = (virtual ? b.virtual() : b.daemon(true)).unstarted(this::work);
        threads.add(t);
        if (threads.size() == 1) ExitHook.register(this);
        try {
            Threading.start(t);
        } catch (RuntimeException | Error e) {
            threads.remove(t);
            throw e;
        }
    }

    /** A worker thread's life: the initializer, then tasks until shut down. */
    private void work() {
        try {
            if (initializer != null) {
                try {
                    initializer.run();
                } catch (Throwable t) {
                    Reports.callbackFailed(LOGGER, "Exception in initializer:", t);
                    initializerFailed(t);
                    return;
                }
            }
            new Worker().loop();
        } catch (Throwable t) {
            // Nothing in the loop throws for a task (FutureImpl.run catches everything); this is
            // a bug or an Error outside any task. Report it: a library thread never dies silently.
            Reports.callbackFailed(LOGGER, "Exception in worker", t);
        } finally {
            workerEnded(Thread.currentThread());
        }
    }

    /**
     * One worker's loop. CPython's worker releases the idle semaphore when it finds the queue
     * empty; this one also does so just before it completes a task if the queue is empty then,
     * so that a caller woken by the result who submits again finds it idle (CPython's
     * {@code test_idle_thread_reuse} is flaky without the GIL for want of this).
     */
    private final class Worker {
        private boolean markedIdle;
        private final Runnable beforeCompletion = this::markIdleIfQueueEmpty;

        void loop() {
            for (;;) {
                Object item;
                try {
                    item = queue.getNowait();
                    markedIdle = false; // work came directly: the idle mark, if any, was taken by its submitter
                } catch (EmptyException empty) {
                    if (!markedIdle) idle.incrementAndGet();
                    markedIdle = false;
                    item = take();
                }
                if (item instanceof FutureImpl<?> f) {
                    f.run(beforeCompletion);
                    Thread.interrupted(); // an interrupt meant for this task must not reach the next
                    continue;
                }
                if (item == WAKE && (life.isClosed() || exiting)) {
                    queue.put(WAKE); // for the next worker
                    return;
                }
            }
        }

        private void markIdleIfQueueEmpty() {
            if (queue.empty()) {
                idle.incrementAndGet();
                markedIdle = true;
            }
        }
    }

    /** Blocks for the next item; an interrupt (shutdownNow) only wakes the worker to look again. */
    private Object take() {
        for (;;) {
            try {
                return queue.get();
            } catch (InterruptedRuntimeException e) {
                Thread.interrupted();
                if (life.isClosed() || exiting) return WAKE;
            }
        }
    }

    private void workerEnded(Thread t) {
        lock.lock();
        try {
            threads.remove(t);
            if (threads.isEmpty()) {
                ExitHook.unregister(this);
                if (life.isClosed()) endLifecycle();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Lock held, no thread left, closed: TERMINATED, or FAILED if broken. */
    private void endLifecycle() {
        Throwable b = broken;
        if (b != null) life.failed(new BrokenThreadPoolException(brokenMessage(), b));
        else life.terminated();
    }

    private String brokenMessage() {
        return "A thread initializer failed, the thread pool is not usable anymore";
    }

    /** CPython's {@code _initializer_failed}: the executor is broken, the queued futures fail. */
    private void initializerFailed(Throwable cause) {
        lock.lock();
        try {
            if (broken == null) broken = cause;
            life.stopping();
            for (Object item : drain()) {
                if (item instanceof FutureImpl<?> f && f.setRunningOrNotifyCancel()) {
                    f.setException(new BrokenThreadPoolException(brokenMessage(), cause));
                }
            }
            queue.put(WAKE);
        } finally {
            lock.unlock();
        }
    }

    /** Takes every queued item (lock held). */
    private List<Object> drain() {
        List<Object> items = new ArrayList<>();
        for (;;) {
            try {
                items.add(queue.getNowait());
            } catch (EmptyException e) {
                return items;
            }
        }
    }

    void shutdown(boolean wait, boolean cancelFutures) {
        List<Thread> toJoin;
        lock.lock();
        try {
            life.stopping();
            if (cancelFutures) {
                for (Object item : drain()) if (item instanceof FutureImpl<?> f) f.cancel();
            }
            queue.put(WAKE);
            if (threads.isEmpty()) endLifecycle();
            toJoin = List.copyOf(threads);
        } finally {
            lock.unlock();
        }
        if (!wait) return;
        if (toJoin.contains(Thread.currentThread())) {
            throw new IllegalStateException("shutdown(wait=true) was called from one of the executor's own workers, "
                    + "which would wait for itself: the shutdown has started; call shutdown(false) from a task");
        }
        for (Thread t : toJoin) Threading.join(t);
    }

    List<Runnable> shutdownNow() {
        List<Runnable> never = new ArrayList<>();
        List<Thread> running;
        lock.lock();
        try {
            life.stopping();
            for (Object item : drain()) {
                if (item instanceof FutureImpl<?> f) {
                    f.cancel();
                    never.add(f);
                }
            }
            queue.put(WAKE);
            if (threads.isEmpty()) endLifecycle();
            running = List.copyOf(threads);
        } finally {
            lock.unlock();
        }
        running.forEach(Thread::interrupt);
        return never;
    }

    /** The public executor was collected without a shutdown (the Cleaner calls this). */
    void abandoned() {
        try {
            shutdown(false, false);
        } catch (Throwable t) {
            Reports.callbackFailed(LOGGER, "failed to shut down an abandoned " + this, t);
        }
    }

    /** The JVM is shutting down: no new tasks; workers end once the queue is drained. */
    void exit() {
        exiting = true;
        queue.put(WAKE);
    }

    List<Thread> threads() {
        lock.lock();
        try {
            return List.copyOf(threads);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return prefix + ", " + life.state() + ", maxWorkers=" + maxWorkers + ", queued=" + queue.qsize();
    }
}
