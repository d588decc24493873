package io.github.concurrent4j.asyncio;

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
    private Error baseError;
    private FutureImpl<Boolean> onCompleted;

    private TaskGroup(EventLoop loop, TaskImpl<?> parent) {
        this.loop = loop;
        this.parent = parent;
    }

    /**
     * Runs {@code body} with a new group and waits for every task it created there.
     *
     * @throws ExceptionGroupException if tasks of the group (or the body) failed
     * @throws CancelledException       if the calling task was cancelled from outside
     * @throws IllegalStateException    if no task calls it (a loop callback, plain code):
     *                                  "cannot determine the parent task"
     */
    public static void run(Consumer<TaskGroup> body) {
        Objects.requireNonNull(body, "body");
        EventLoop loop = EventLoop.running();
        TaskImpl<?> parent = Asyncio.currentTask().map(t -> (TaskImpl<?>) t).orElse(null);
        if (parent == null || parent.loop != loop) {
            throw new IllegalStateException("TaskGroup cannot determine the parent task: run it in a task"
                    + " (not in a loop callback)");
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
     * @throws IllegalStateException if the group has finished or is shutting down
     */
    public <T> Task<T> createTask(Callable<T> coro) {
        return createTask(coro, null);
    }

    /** Like {@link #createTask(Callable)}, with a name. */
    public <T> Task<T> createTask(Callable<T> coro, String name) {
        if (!entered) throw new IllegalStateException("TaskGroup " + this + " has not been entered");
        if (exiting && tasks.isEmpty()) throw new IllegalStateException("TaskGroup " + this + " is finished");
        if (aborting) throw new IllegalStateException("TaskGroup " + this + " is shutting down");
        TaskImpl<T> t = new TaskImpl<>(loop, coro, name);
        tasks.add(t);
        t.addDoneCallback(f -> onTaskDone(t));
        return t;
    }

    /** How many of the group's tasks are not done yet (Python's tests read {@code tg._tasks}). */
    int taskCount() {
        return tasks.size();
    }

    // CPython 3.13's TaskGroup, statement for statement (Lib/asyncio/taskgroups.py)

    private void exit(Throwable exc) {
        exiting = true;
        if (exc instanceof Error e && baseError == null) baseError = e;
        CancelledException propagateCancellation = exc instanceof CancelledException c ? c : null;
        if (exc != null && !aborting) {
            // the parent is being cancelled, or the body failed: cancel the tasks
            abort();
        }
        // a loop: the wait can be cancelled several times when the parent is cancelled
        // repeatedly (or once more while our own cancellation is under way)
        while (!tasks.isEmpty()) {
            if (onCompleted == null) onCompleted = new FutureImpl<>(loop);
            try {
                onCompleted.await();
            } catch (CancelledException ex) {
                if (!aborting) {
                    // the parent task is cancelled while the group's tasks still run
                    propagateCancellation = ex;
                    abort();
                }
            }
            onCompleted = null;
        }
        if (baseError != null) throw baseError;
        if (parentCancelRequested) {
            // we cancelled the parent ourselves: take that request back; with none left, the
            // CancelledException is ours and does not propagate
            if (parent.uncancel() == 0) propagateCancellation = null;
        }
        // a CancelledException propagates, except when there are other errors: they win
        if (propagateCancellation != null && errors.isEmpty()) throw propagateCancellation;
        if (exc != null && !(exc instanceof CancelledException)) errors.add(exc);
        if (!errors.isEmpty()) {
            // the parent is being cancelled from outside: un-cancel and re-cancel it, so that
            // the outside cancellation is not lost to the group's errors (gh-116720)
            if (parent.cancelling() > 0) {
                parent.uncancel();
                parent.cancel();
            }
            throw new ExceptionGroupException("unhandled errors in a TaskGroup", errors);
        }
    }

    private void abort() {
        aborting = true;
        for (TaskImpl<?> t : List.copyOf(tasks)) if (!t.done()) t.cancel();
    }

    private void onTaskDone(TaskImpl<?> t) {
        tasks.remove(t);
        if (onCompleted != null && tasks.isEmpty() && !onCompleted.done()) onCompleted.setResult(true);
        if (t.cancelled()) return;
        Throwable e = t.rawException();
        if (e == null) return;
        t.retrieved = true;
        errors.add(e);
        if (e instanceof Error err && baseError == null) baseError = err;
        if (parent.done()) {
            loop.rt.reportException("task " + t + " of a TaskGroup failed after its parent task " + parent
                    + " finished", e);
            return;
        }
        if (!aborting && !parentCancelRequested) {
            // the parent is not being cancelled: cancel it to stop what the body is doing, and
            // mark it "not cancelled" again on exit
            abort();
            parentCancelRequested = true;
            parent.cancel();
        }
    }

    /** {@code <TaskGroup tasks=2 errors=1 cancelling>}, as Python's repr. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<TaskGroup");
        if (!tasks.isEmpty()) sb.append(" tasks=").append(tasks.size());
        if (!errors.isEmpty()) sb.append(" errors=").append(errors.size());
        if (aborting) sb.append(" cancelling");
        else if (entered) sb.append(" entered");
        return sb.append('>').toString();
    }
}
