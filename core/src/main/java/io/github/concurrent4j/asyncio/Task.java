package io.github.concurrent4j.asyncio;

/**
 * The equivalent of Python's {@code asyncio.Task}: a coroutine (here a {@code Callable}
 * running on a virtual thread of the loop) scheduled on an event loop, and the
 * {@link Future} of its result.
 *
 * <p>Exactly one task of a loop runs at a time; a task gives the loop away only at a
 * suspension point — awaiting a future, {@link Asyncio#sleep}, a queue, lock, event or stream
 * operation. {@link #cancel()} raises {@link CancelledException} in the task at its next
 * suspension point (at once if it is suspended); a task cancelled before it started never
 * runs. The loop holds every task strongly until it is done: a task nobody references still
 * runs to the end (Python's "task garbage-collected while pending" trap does not exist).
 *
 * <p><b>Differences from Python.</b> {@code set_result}/{@code set_exception} throw
 * {@link UnsupportedOperationException} (Python raises {@code RuntimeError}).
 *
 * <p><b>Thread safety and memory consistency effects.</b> As for {@link Future}.
 *
 * @param <T> the result type
 */
public interface Task<T> extends Future<T> {
    /** The task's name ({@code get_name()}; "Task-N" by default). */
    String getName();

    /** Renames the task ({@code set_name}). */
    void setName(String name);

    /** The number of pending cancellation requests ({@code cancelling()}). */
    int cancelling();

    /**
     * Decrements the number of cancellation requests and returns it ({@code uncancel()}); at
     * zero, a cancellation not yet delivered is withdrawn.
     */
    int uncancel();
}
