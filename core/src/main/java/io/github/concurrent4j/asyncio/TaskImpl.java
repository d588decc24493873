package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.coroutine.internal.Fiber;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/** {@link Task} implementation: a fiber of the loop that runs the coroutine and completes the future. */
final class TaskImpl<T> extends FutureImpl<T> implements Task<T> {
    private static final AtomicLong SEQ = new AtomicLong();

    final Fiber fiber;
    private final Callable<T> coro;
    private int cancelRequests;

    TaskImpl(EventLoop loop, Callable<T> coro, String name) {
        super(loop);
        this.coro = Objects.requireNonNull(coro, "coroutine");
        this.fiber = name != null ? rt.newFiber(name, this::step, this)
                : rt.newFiber("Task-", SEQ.incrementAndGet(), this::step, this);
        rt.schedule(fiber);
    }

    private void step() {
        RuntimeException pending = fiber.takePendingThrow();
        T v;
        try {
            if (pending != null) throw pending;   // cancelled before it started: it never runs
            v = coro.call();
        } catch (CancelledException e) {
            cancelledException = e;   // awaiting the task raises this very exception (once)
            super.cancel(e.getMessage());
            return;
        } catch (Throwable t) {
            super.setException(t);
            return;
        }
        // asyncio: a task cancelled while it ran, and that returned without suspending again,
        // is cancelled all the same. (The null test comes first, without a type test: this code
        // runs only after the task resumed, and when 100 000 tasks are suspended in this frame
        // before any resumes, the JIT compiles it unprofiled; an optimistic type test here was
        // deoptimized once per suspended task.)
        RuntimeException late = fiber.takePendingThrow();
        if (late == null) {
            super.setResult(v);
            return;
        }
        lateThrow(late);
    }

    private void lateThrow(RuntimeException late) {
        if (late instanceof CancelledException c) super.cancel(c.getMessage());
        else super.setException(late);
    }

    @Override
    public boolean cancel(String message) {
        if (done()) return false;
        cancelRequests++;
        rt.interrupt(fiber, new CancelledException(message == null ? "" : message));
        return true;
    }

    @Override
    public void setResult(T value) {
        throw new UnsupportedOperationException("Task does not support setResult()");
    }

    @Override
    public void setException(Throwable error) {
        throw new UnsupportedOperationException("Task does not support setException()");
    }

    @Override
    public String getName() {
        return fiber.name();
    }

    @Override
    public void setName(String name) {
        Objects.requireNonNull(name, "name");
        fiber.rename(name);
    }

    @Override
    public int cancelling() {
        return cancelRequests;
    }

    @Override
    public int uncancel() {
        if (cancelRequests > 0) cancelRequests--;
        if (cancelRequests == 0 && fiber.peekPendingThrow() instanceof CancelledException) fiber.takePendingThrow();
        return cancelRequests;
    }

    @Override
    public String toString() {
        String s = "<Task " + stateName() + " name='" + getName() + "'";
        if (state == FINISHED) {
            Throwable e = rawException();
            s += e != null ? " exception=" + e : "";
        }
        return s + ">";
    }
}
