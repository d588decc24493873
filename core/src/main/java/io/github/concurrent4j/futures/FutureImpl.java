package io.github.concurrent4j.futures;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.futures.internal.Outcomes;
import io.github.concurrent4j.futures.internal.Reports;

/**
 * The one implementation of {@link Future} and {@link Promise}; with a task, also the
 * {@link RunnableFuture} an executor queues (one object per submitted task, as the JDK's
 * {@code FutureTask}).
 *
 * <p>Implementation notes (invariants):
 * <ul>
 *   <li>{@code state} moves PENDING → RUNNING → COMPLETING → SUCCEEDED | FAILED, or
 *       PENDING → COMPLETING → SUCCEEDED | FAILED (a promise completed without running), or
 *       PENDING → CANCELLED; every move is a CAS, so exactly one completion wins. COMPLETING
 *       is the short window in which the winner writes {@code outcome}; the final state is then
 *       written (volatile), which publishes {@code outcome} to every reader that sees it.</li>
 *   <li>{@code stack} is a Treiber stack of nodes: a waiting thread or a callback. The
 *       completer swaps it for {@link #DONE} after the final state is written; a node pushed
 *       before that swap is handled by the completer, a push that finds {@code DONE} is not
 *       made (the caller sees the final state instead). Waiters are woken before callbacks
 *       run; callbacks run in the order they were added.</li>
 *   <li>A waiter that gives up (timeout, interrupt) or a listener that is removed
 *       ({@link #removeListener}) clears its node's fields, and dead nodes are unlinked by
 *       walking the stack, as {@code FutureTask.removeWaiter} does; an unlinker only ever
 *       skips dead nodes, so the completer, which collects the stack before touching any
 *       node, cannot miss a live one.</li>
 * </ul>
 */
final class FutureImpl<V> extends StageSupport<V> implements Promise<V>, RunnableFuture<V> {
    private static final String LOGGER = "io.github.concurrent4j.futures";
    private static final int PENDING = 0, RUNNING = 1, COMPLETING = 2, SUCCEEDED = 3, FAILED = 4, CANCELLED = 5;
    private static final VarHandle STATE, STACK, MIRROR;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(FutureImpl.class, "state", int.class);
            STACK = l.findVarHandle(FutureImpl.class, "stack", Node.class);
            MIRROR = l.findVarHandle(FutureImpl.class, "mirror", CompletableFuture.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A waiting thread or a callback; dead once both are null. */
    static final class Node {
        volatile Thread thread;
        volatile Consumer<Object> callback;
        Node next;

        Node(Thread thread, Consumer<Object> callback) {
            this.thread = thread;
            this.callback = callback;
        }

        boolean isDead() {
            return thread == null && callback == null;
        }
    }

    private static final Node DONE = new Node(null, null);

    private volatile int state;
    /** The result or the exception; published by the write of the final state. */
    private Object outcome;
    private volatile Node stack;
    /** The computation, for an executor's task; cleared once it ran (no stale references). */
    private Callable<? extends V> task;
    private volatile CompletableFuture<V> mirror;

    FutureImpl(Callable<? extends V> task) {
        this.task = task;
    }

    // ---- the executor's side --------------------------------------------------------------

    /** Runs the task unless the future was cancelled; its outcome completes the future. */
    @Override
    public void run() {
        run(null);
    }

    /**
     * Runs the task; {@code beforeCompletion} (if not null) runs after the task and before the
     * future completes, so that what it does is visible to whoever the completion wakes (the
     * executor marks its worker idle there: the submitter of the next task then reuses it).
     */
    void run(Runnable beforeCompletion) {
        Callable<? extends V> c = task;
        if (c == null || !STATE.compareAndSet(this, PENDING, RUNNING)) return;
        Object outcome;
        int finalState;
        try {
            outcome = c.call();
            finalState = SUCCEEDED;
        } catch (Throwable t) {
            outcome = t;
            finalState = FAILED;
        }
        task = null;
        if (beforeCompletion != null) beforeCompletion.run();
        complete(outcome, finalState);
    }

    @Override
    public boolean setRunningOrNotifyCancel() {
        if (STATE.compareAndSet(this, PENDING, RUNNING)) return true;
        if (state == CANCELLED) return false;
        throw new IllegalStateException("Future in unexpected state: " + this);
    }

    @Override
    public void setResult(V result) {
        if (!complete(result, SUCCEEDED)) throw new InvalidStateException(stateName() + ": " + this);
    }

    @Override
    public void setException(Throwable exception) {
        java.util.Objects.requireNonNull(exception, "exception");
        if (!complete(exception, FAILED)) throw new InvalidStateException(stateName() + ": " + this);
    }

    /** Completes from PENDING or RUNNING; false if the future was done already. */
    private boolean complete(Object o, int finalState) {
        for (;;) {
            int s = state;
            if (s != PENDING && s != RUNNING) return false;
            if (STATE.compareAndSet(this, s, COMPLETING)) break;
        }
        outcome = o;
        state = finalState;
        finishCompletion();
        return true;
    }

    @Override
    public boolean cancel() {
        if (STATE.compareAndSet(this, PENDING, CANCELLED)) {
            task = null;
            finishCompletion();
            return true;
        }
        return state == CANCELLED;
    }

    /** Wakes every waiter, then runs the callbacks in the order they were added. */
    private void finishCompletion() {
        Node head = (Node) STACK.getAndSet(this, DONE);
        if (head == null) return;
        ArrayList<Consumer<Object>> callbacks = null;
        for (Node q = head; q != null; q = q.next) {
            Thread t = q.thread;
            if (t != null) {
                q.thread = null;
                LockSupport.unpark(t);
            }
            Consumer<Object> c = q.callback;
            if (c != null) {
                if (callbacks == null) callbacks = new ArrayList<>();
                callbacks.add(c);
            }
        }
        if (callbacks == null) return;
        for (int i = callbacks.size() - 1; i >= 0; i--) invoke(callbacks.get(i));
    }

    private void invoke(Consumer<Object> callback) {
        try {
            callback.accept(this);
        } catch (Throwable t) {
            Reports.callbackFailed(LOGGER, "exception calling callback for " + this, t);
        }
    }

    // ---- callbacks and listeners ----------------------------------------------------------

    @Override
    @SuppressWarnings("unchecked")
    public void addDoneCallback(Consumer<? super Future<V>> fn) {
        java.util.Objects.requireNonNull(fn, "fn");
        if (push(new Node(null, (Consumer<Object>) (Consumer<?>) fn)) == null) invoke((Consumer<Object>) (Consumer<?>) fn);
    }

    /**
     * Adds a callback that can be taken back ({@link #removeListener}): for waits on many
     * futures, which must not leave a node on every future they waited for. Returns null
     * (having run nothing) if the future is done already.
     */
    Node addListener(Consumer<Object> listener) {
        return push(new Node(null, listener));
    }

    /** Takes back a listener; it may still be called once if the future is completing now. */
    void removeListener(Node node) {
        if (node == null) return;
        node.callback = null;
        unlinkDead();
    }

    /** Pushes {@code node}; returns null if the stack is done (the node was not pushed). */
    private Node push(Node node) {
        for (;;) {
            Node h = stack;
            if (h == DONE) return null;
            node.next = h;
            if (STACK.compareAndSet(this, h, node)) return node;
        }
    }

    /** Unlinks dead nodes (FutureTask.removeWaiter's walk). */
    private void unlinkDead() {
        retry:
        for (;;) {
            for (Node pred = null, q = stack, s; q != null && q != DONE; q = s) {
                s = q.next;
                if (!q.isDead()) {
                    pred = q;
                } else if (pred != null) {
                    pred.next = s;
                    if (pred.isDead()) continue retry; // pred died meanwhile: walk again
                } else if (!STACK.compareAndSet(this, q, s)) {
                    continue retry;
                }
            }
            return;
        }
    }

    /** The nodes (waiters, callbacks, listeners) now on the stack: for tests of the clean-up. */
    int nodeCount() {
        int n = 0;
        for (Node q = stack; q != null && q != DONE; q = q.next) n++;
        return n;
    }

    // ---- waiting --------------------------------------------------------------------------

    /**
     * Waits until the future is done or {@code nanos} have passed ({@code nanos < 0}: no limit);
     * returns the state then.
     */
    private int awaitDone(long nanos) throws InterruptedException {
        // No spinning before parking (FutureTask does none either): measured on the 2-core
        // machine (BENCHMARKS.md, tpe), 128 spins made submit-then-result 2x slower, the
        // spinning waiter taking the core the workers needed.
        int s;
        final boolean timed = nanos >= 0;
        final long deadline = timed ? System.nanoTime() + nanos : 0L;
        Node q = null;
        boolean queued = false;
        for (;;) {
            s = state;
            if (s > COMPLETING) {
                if (q != null) q.thread = null;
                return s;
            } else if (s == COMPLETING) {
                Thread.onSpinWait();
            } else if (Thread.interrupted()) {
                if (q != null) {
                    q.thread = null;
                    unlinkDead();
                }
                throw new InterruptedException();
            } else if (q == null) {
                if (timed && nanos <= 0) return s;
                q = new Node(Thread.currentThread(), null);
            } else if (!queued) {
                queued = push(q) != null;
                if (!queued) Thread.onSpinWait(); // stack already DONE: the final state is visible next round
            } else if (timed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    q.thread = null;
                    unlinkDead();
                    return state;
                }
                LockSupport.parkNanos(this, left);
            } else {
                LockSupport.park(this);
            }
        }
    }

    private int awaitUnchecked(long nanos) {
        try {
            return awaitDone(nanos);
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        }
    }

    // ---- the Python read side -------------------------------------------------------------

    @Override
    public V result() {
        return report(awaitUnchecked(-1));
    }

    @Override
    public V result(Duration timeout) {
        int s = awaitUnchecked(Timeouts.toNanos(timeout));
        if (s <= COMPLETING) throw new FuturesTimeoutException("the future was not done within " + timeout);
        return report(s);
    }

    @Override
    public Optional<Throwable> exception() {
        return exceptionOf(awaitUnchecked(-1));
    }

    @Override
    public Optional<Throwable> exception(Duration timeout) {
        int s = awaitUnchecked(Timeouts.toNanos(timeout));
        if (s <= COMPLETING) throw new FuturesTimeoutException("the future was not done within " + timeout);
        return exceptionOf(s);
    }

    private Optional<Throwable> exceptionOf(int s) {
        if (s == CANCELLED) throw cancelledException();
        return s == FAILED ? Optional.of((Throwable) outcome) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private V report(int s) {
        if (s == SUCCEEDED) return (V) outcome;
        if (s == CANCELLED) throw cancelledException();
        throw Outcomes.rethrow((Throwable) outcome);
    }

    private CancelledException cancelledException() {
        return new CancelledException("the future was cancelled: " + this);
    }

    @Override
    public boolean cancelled() {
        return state == CANCELLED;
    }

    @Override
    public boolean running() {
        return state == RUNNING;
    }

    @Override
    public boolean done() {
        return state > COMPLETING;
    }

    /** Whether the future finished with an exception (for {@code FIRST_EXCEPTION}). */
    boolean failed() {
        return state == FAILED;
    }

    // ---- the JDK read side ----------------------------------------------------------------

    @Override
    public V get() throws InterruptedException, ExecutionException {
        return reportChecked(awaitDone(-1));
    }

    @Override
    public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        int s = awaitDone(Math.max(0, unit.toNanos(timeout)));
        if (s <= COMPLETING) throw new TimeoutException("the future was not done within " + timeout + " " + unit);
        return reportChecked(s);
    }

    @SuppressWarnings("unchecked")
    private V reportChecked(int s) throws ExecutionException {
        if (s == SUCCEEDED) return (V) outcome;
        if (s == CANCELLED) throw cancelledException();
        throw new ExecutionException((Throwable) outcome);
    }

    @Override
    @SuppressWarnings("unchecked")
    public V resultNow() {
        if (state == SUCCEEDED) return (V) outcome;
        throw new IllegalStateException("the future did not finish with a result: " + this);
    }

    @Override
    public Throwable exceptionNow() {
        if (state == FAILED) return (Throwable) outcome;
        throw new IllegalStateException("the future did not finish with an exception: " + this);
    }

    @Override
    public State state() {
        return switch (state) {
            case SUCCEEDED -> State.SUCCESS;
            case FAILED -> State.FAILED;
            case CANCELLED -> State.CANCELLED;
            default -> State.RUNNING;
        };
    }

    // ---- the CompletionStage side ---------------------------------------------------------

    @Override
    @SuppressWarnings("unchecked")
    CompletableFuture<V> stage() {
        CompletableFuture<V> m = mirror;
        if (m != null) return m;
        CompletableFuture<V> fresh = new CompletableFuture<>();
        if (!MIRROR.compareAndSet(this, null, fresh)) return mirror;
        Consumer<Object> copy = f -> {
            switch (state) {
                case SUCCEEDED -> fresh.complete((V) outcome);
                case FAILED -> fresh.completeExceptionally((Throwable) outcome);
                default -> fresh.cancel(false);
            }
        };
        if (addListener(copy) == null) copy.accept(this);
        return fresh;
    }

    // ---- naming ---------------------------------------------------------------------------

    private String stateName() {
        return switch (state) {
            case PENDING -> "PENDING";
            case RUNNING -> "RUNNING";
            case CANCELLED -> "CANCELLED";
            default -> "FINISHED";
        };
    }

    /** Python's repr: {@code <Future at 0x1b6d3586 state=finished returned Integer>}. */
    @Override
    public String toString() {
        String at = "<Future at 0x" + Integer.toHexString(System.identityHashCode(this)) + " state=";
        return switch (state) {
            case PENDING -> at + "pending>";
            case RUNNING -> at + "running>";
            case CANCELLED -> at + "cancelled>";
            case SUCCEEDED -> at + "finished returned " + (outcome == null ? "null" : outcome.getClass().getSimpleName()) + ">";
            case FAILED -> at + "finished raised " + outcome.getClass().getSimpleName() + ">";
            default -> at + "finishing>";
        };
    }
}
