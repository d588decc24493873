package io.github.concurrent4j.futures;

/**
 * The write side of a {@link Future}: the methods Python's {@code concurrent.futures.Future}
 * documents as "for use by Executor implementations and unit tests" —
 * {@code set_running_or_notify_cancel}, {@code set_result} and {@code set_exception}. An
 * executor creates a promise, hands it out as a {@code Future}, and completes it; code that
 * only holds the {@code Future} cannot complete it (Netty's split between {@code Future} and
 * {@code Promise}).
 *
 * <pre>{@code
 * Promise<String> p = Promise.create();
 * if (p.setRunningOrNotifyCancel()) {          // false if it was cancelled meanwhile
 *     try { p.setResult(work()); } catch (Throwable t) { p.setException(t); }
 * }
 * }</pre>
 *
 * <p>Thread-safe; a promise is completed at most once. Memory consistency effects: actions
 * before {@code setResult} or {@code setException} <i>happen-before</i> the return of a wait
 * for the result in another thread, and before the done callbacks run.
 *
 * @param <V> the type of the result
 */
public interface Promise<V> extends Future<V> {

    /** A new pending promise. */
    static <V> Promise<V> create() {
        return new FutureImpl<>(null);
    }

    /**
     * Marks the future running, unless it was cancelled (Python's
     * {@code set_running_or_notify_cancel}): an executor calls it just before it runs the
     * computation, and skips the computation if it returns false.
     *
     * @return true if the future is now running, false if it was cancelled
     * @throws IllegalStateException if the future is already running or finished
     */
    boolean setRunningOrNotifyCancel();

    /**
     * Finishes the future with {@code result} ({@code null} allowed, Python's {@code None}),
     * wakes its waiters and runs its callbacks.
     *
     * @throws InvalidStateException if it is already finished or cancelled
     */
    void setResult(V result);

    /**
     * Finishes the future with {@code exception}, which {@link #result()} will throw.
     *
     * @throws InvalidStateException if it is already finished or cancelled
     */
    void setException(Throwable exception);
}
