package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.coroutine.internal.Fiber;
import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.Waiter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The equivalent of Python's {@code asyncio.TaskGroup} (structured concurrency): tasks
 * created in the group are all done when {@link #run} returns.
 *
 * <pre>{@code
 * TaskGroup.run(tg -> {
 *     Task<String> a = tg.createTask(() -> fetch("a"));
 *     Task<String> b = tg.createTask(() -> fetch("b"));
 * });   // both done here; if one failed, the other was cancelled and this threw
 * }</pre>
 *
 * <p>When a task of the group fails (with anything but {@link CancelledException}), the
 * group cancels its other tasks and the body (the calling task is cancelled at its next
 * suspension point), waits for them all, and throws an {@link ExceptionGroupException} of
 * the failures. If the body itself throws, the tasks are cancelled the same way and the body's
 * exception joins the group. A cancellation of the calling task from outside propagates as a
 * {@link CancelledException} after the tasks are cancelled and done.
 *
 * <p><b>Differences from Python.</b> {@code async with TaskGroup() as tg:} is
 * {@code TaskGroup.run(tg -> ...)}: a {@code try}-with-resources {@code close()} cannot see
 * or replace the exception of its block, which this needs.
 *
 * <p><b>Thread safety.</b> Used from the task that runs it and the tasks of its loop.
 *
 * <p><b>Memory consistency effects.</b> Everything the group's tasks did happens-before
 * {@link #run} returns or throws.
 */
public final class TaskGroup {
    private final EventLoop loop;
    private final TaskImpl<?> parent;
    private final Set<TaskImpl<?>> tasks = new LinkedHashSet<>();
    private final List<Throwable> errors = new ArrayList<>();
    private boolean entered, exiting, aborting, parentCancelRequested;
    private Waiter onCompleted;

    private TaskGroup(EventLoop loop, TaskImpl<?> parent) {
        this.loop = loop;
        this.parent = parent;
    }

    /**
     * Runs {@code body} with a new group and waits for every task it created there.
     *
     * @throws ExceptionGroupException if tasks of the group (or the body) failed
     * @throws CancelledException       if the calling task was cancelled from outside
     */
    public static void run(Consumer<TaskGroup> body) {
        Objects.requireNonNull(body, "body");
        EventLoop loop = EventLoop.running();
        Fiber f = loop.rt.current();
        if (!(f.owner() instanceof TaskImpl<?> parent)) {
            throw new IllegalStateException("TaskGroup must be used inside a task");
        }
        TaskGroup tg = new TaskGroup(loop, parent);
        tg.entered = true;
        Throwable bodyError = null;
        try {
            body.accept(tg);
        } catch (Throwable t) {
            bodyError = t;
        }
        tg.exit(bodyError);
    }

    /**
     * Creates a task in the group ({@code tg.create_task(coro)}).
     *
     * @throws IllegalStateException if the group is finishing or aborting
     */
    public <T> Task<T> createTask(Callable<T> coro) {
        return createTask(coro, null);
    }

    /** Like {@link #createTask(Callable)}, with a name. */
    public <T> Task<T> createTask(Callable<T> coro, String name) {
        if (!entered) throw new IllegalStateException("TaskGroup has not been entered");
        if (exiting && tasks.isEmpty()) throw new IllegalStateException("TaskGroup is finished");
        if (aborting) throw new IllegalStateException("TaskGroup is shutting down");
        TaskImpl<T> t = new TaskImpl<>(loop, coro, name);
        tasks.add(t);
        t.addHook(() -> onTaskDone(t));
        return t;
    }

    private void onTaskDone(TaskImpl<?> t) {
        tasks.remove(t);
        if (exiting && tasks.isEmpty() && onCompleted != null) loop.rt.resolve(onCompleted, null);
        if (t.cancelled()) return;
        Throwable e = t.rawException();
        if (e == null) return;
        t.retrieved = true;
        errors.add(e);
        if (parent.done()) {
            loop.rt.reportException("task " + t + " of a TaskGroup failed after its parent task finished", e);
            return;
        }
        if (!aborting && !parentCancelRequested) {
            // cancel the siblings, and the body (the parent is cancelled at its suspension point)
            abort();
            parentCancelRequested = true;
            parent.cancel();
        }
    }

    private void abort() {
        aborting = true;
        for (TaskImpl<?> t : List.copyOf(tasks)) if (!t.done()) t.cancel();
    }

    private void exit(Throwable bodyError) {
        exiting = true;
        Throwable propagateCancellation = bodyError instanceof CancelledException ? bodyError : null;
        if (bodyError != null && !aborting) abort();
        Loop rt = loop.rt;
        while (!tasks.isEmpty()) {
            onCompleted = rt.newWaiter();
            try {
                rt.suspend(onCompleted);
            } catch (CancelledException e) {
                if (!aborting) {
                    propagateCancellation = e;   // the parent is cancelled from outside
                    abort();
                }
            } finally {
                onCompleted = null;
            }
        }
        if (parentCancelRequested && parent.uncancel() == 0) {
            propagateCancellation = null;   // that cancellation was ours, not the caller's
        }
        if (propagateCancellation != null && errors.isEmpty()) throw (CancelledException) propagateCancellation;
        if (bodyError != null && !(bodyError instanceof CancelledException)) errors.add(bodyError);
        if (!errors.isEmpty()) throw new ExceptionGroupException("unhandled errors in a TaskGroup", errors);
    }

    @Override
    public String toString() {
        return "<TaskGroup tasks=" + tasks.size() + (aborting ? " cancelling" : "") + ">";
    }
}
