package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.Waiter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * {@link Future} implementation: state, result, user callbacks (scheduled with
 * {@code callSoon}, as asyncio does) and internal hooks (run synchronously at completion;
 * they only make waiting fibers runnable, which is what asyncio's task wake-up callbacks do).
 * Owned by the loop's baton holder.
 */
class FutureImpl<T> implements Future<T> {
    static final int PENDING = 0, CANCELLED = 1, FINISHED = 2;

    final EventLoop loop;
    final Loop rt;
    int state;
    private T value;
    private Throwable error;
    private String cancelMessage;
    /** The CancelledException a task's coroutine ended with, until first raised again. */
    CancelledException cancelledException;
    private List<Consumer<? super Future<T>>> callbacks;
    private List<Runnable> hooks;
    boolean retrieved;

    FutureImpl(EventLoop loop) {
        this.loop = loop;
        this.rt = loop.rt;
    }

    @Override
    public T await() {
        if (state == PENDING) {
            try {
                suspendUntilDone();
            } catch (CancelledException e) {
                // asyncio: cancelling a task that awaits a future cancels that future instead,
                // and the task resumes with the future's outcome once it is done (a task that
                // swallows the cancellation gives its result; a cancelled one its
                // CancelledException). If the future was already done, the cancellation is
                // the task's own.
                if (state != PENDING || !cancel(e.getMessage())) throw e;
                awaitDoneForwardingCancellation();
            }
        }
        return result();
    }

    /** Waits until done; a further cancellation of the waiting task is passed on to this future. */
    private void awaitDoneForwardingCancellation() {
        while (state == PENDING) {
            try {
                suspendUntilDone();
            } catch (CancelledException again) {
                cancel(again.getMessage());
            }
        }
    }

    /** Suspends the current task until this future is done or something is thrown into it. */
    private void suspendUntilDone() {
        Waiter w = rt.newWaiter();
        Runnable hook = () -> rt.resolve(w, null);
        addHook(hook);
        try {
            rt.suspend(w);
        } finally {
            removeHook(hook);
        }
    }

    /** Waits until done without looking at the outcome; exceptions thrown into the waiter propagate. */
    void awaitDone() {
        while (state == PENDING) suspendUntilDone();
    }

    /** Waits until done, ignoring cancellation; gives up on a deadlock (used at shutdown). */
    void awaitQuietly() {
        while (state == PENDING) {
            try {
                awaitDone();
            } catch (io.github.concurrent4j.coroutine.LoopExitException e) {
                return;
            } catch (RuntimeException ignored) {
                // shutting down: only completion matters
            }
        }
    }

    @Override
    public boolean done() {
        return state != PENDING;
    }

    @Override
    public boolean cancelled() {
        return state == CANCELLED;
    }

    @Override
    public T result() {
        switch (state) {
            case PENDING -> throw new InvalidStateException("Result is not set.");
            case CANCELLED -> throw cancelledError();
            default -> {
                retrieved = true;
                Throwable e = error;
                if (e == null) return value;
                if (e instanceof RuntimeException r) throw r;
                if (e instanceof Error r) throw r;
                throw new CompletionException(e);
            }
        }
    }

    @Override
    public Optional<Throwable> exception() {
        if (state == PENDING) throw new InvalidStateException("Exception is not set.");
        if (state == CANCELLED) throw cancelledError();
        retrieved = true;
        return Optional.ofNullable(error);
    }

    /** The exception or null, without the checks of {@link #exception()} (done futures only). */
    Throwable rawException() {
        return error;
    }

    /**
     * The exception that awaiting or {@code result()} of a cancelled future raises: the first
     * time, the very exception the task's coroutine raised, if it raised one (asyncio's
     * {@code _make_cancelled_error}); afterwards a new one with the cancel message.
     */
    CancelledException cancelledError() {
        CancelledException e = cancelledException;
        if (e != null) {
            cancelledException = null;
            return e;
        }
        return new CancelledException(cancelMessage == null ? "" : cancelMessage);
    }

    @Override
    public boolean cancel() {
        return cancel(null);
    }

    @Override
    public boolean cancel(String message) {
        if (state != PENDING) return false;
        state = CANCELLED;
        cancelMessage = message;
        completed();
        return true;
    }

    @Override
    public void setResult(T v) {
        if (state != PENDING) throw new InvalidStateException("invalid state: " + stateName());
        value = v;
        state = FINISHED;
        completed();
    }

    @Override
    public void setException(Throwable e) {
        Objects.requireNonNull(e, "exception");
        if (e instanceof CancelledException) throw new IllegalArgumentException("CancelledException cannot be set as an exception; cancel() instead");
        if (state != PENDING) throw new InvalidStateException("invalid state: " + stateName());
        error = e;
        state = FINISHED;
        completed();
    }

    /** Sets any exception, including a {@link CancelledException} (gather, as_completed). */
    void setExceptionInternal(Throwable e) {
        if (state != PENDING) throw new InvalidStateException("invalid state: " + stateName());
        error = e;
        state = FINISHED;
        completed();
    }

    /** Completes this future with {@code src}'s outcome (which must be done). */
    @SuppressWarnings("unchecked")
    void copyFrom(FutureImpl<?> src) {
        if (src.state == CANCELLED) {
            setExceptionInternal(src.cancelledError());
        } else if (src.error != null) {
            src.retrieved = true;
            setExceptionInternal(src.error);
        } else {
            setResult((T) src.value);
        }
    }

    private void completed() {
        if (hooks != null) {
            List<Runnable> hs = hooks;
            hooks = null;
            for (Runnable h : hs) h.run();
        }
        if (callbacks != null) {
            List<Consumer<? super Future<T>>> cbs = callbacks;
            callbacks = null;
            for (Consumer<? super Future<T>> cb : cbs) rt.callSoon(() -> cb.accept(this));
        }
    }

    /** Runs {@code hook} synchronously at completion (at once if already done). */
    void addHook(Runnable hook) {
        if (state != PENDING) {
            hook.run();
            return;
        }
        if (hooks == null) hooks = new ArrayList<>(2);
        hooks.add(hook);
    }

    void removeHook(Runnable hook) {
        if (hooks != null) hooks.remove(hook);
    }

    @Override
    public void addDoneCallback(Consumer<? super Future<T>> callback) {
        Objects.requireNonNull(callback, "callback");
        if (state != PENDING) {
            rt.callSoon(() -> callback.accept(this));
            return;
        }
        if (callbacks == null) callbacks = new ArrayList<>(2);
        callbacks.add(callback);
    }

    @Override
    public int removeDoneCallback(Consumer<? super Future<T>> callback) {
        if (callbacks == null) return 0;
        int before = callbacks.size();
        callbacks.removeIf(c -> c == callback || c.equals(callback));
        return before - callbacks.size();
    }

    @Override
    public EventLoop getLoop() {
        return loop;
    }

    String stateName() {
        return switch (state) {
            case PENDING -> "pending";
            case CANCELLED -> "cancelled";
            default -> "finished";
        };
    }

    @Override
    public String toString() {
        String s = "<Future " + stateName();
        if (state == FINISHED) s += error != null ? " exception=" + error : " result=" + value;
        return s + ">";
    }
}
