package io.github.concurrent4j.asyncio;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The equivalent of Python's {@code asyncio.Future}: the eventual result of an operation in
 * one event loop. {@link #await()} is Python's {@code await fut}: it suspends only the calling
 * task until the future is done, then returns the result or throws the exception.
 *
 * <p><b>Differences from Python.</b> Shadows {@link java.util.concurrent.Future} by name, on
 * purpose (it is the name asyncio users look for); it is not a
 * {@code java.util.concurrent.Future}, because its blocking is cooperative and bound to one
 * loop. {@link #exception()} returns an {@code Optional}. A checked exception set with
 * {@link #setException} is rethrown by {@link #result()} wrapped in
 * {@link java.util.concurrent.CompletionException}. Awaiting from a task that is cancelled
 * meanwhile cancels the awaited future too (as asyncio does) and returns once it is done.
 *
 * <p><b>Thread safety.</b> Used from tasks and callbacks of its own loop only; from another
 * thread, go through {@link EventLoop#callSoonThreadsafe}.
 *
 * <p><b>Memory consistency effects.</b> Actions before {@link #setResult} or
 * {@link #setException} happen-before the actions after {@link #await()} returns or a done
 * callback runs.
 *
 * @param <T> the result type
 */
public interface Future<T> {
    /** Suspends the calling task until done; returns the result or throws ({@code await fut}). */
    T await();

    /** Whether it is done: it has a result, an exception, or was cancelled. */
    boolean done();

    /** Whether it was cancelled. */
    boolean cancelled();

    /**
     * The result ({@code result()}).
     *
     * @throws InvalidStateException if it is not done
     * @throws CancelledException if it was cancelled
     */
    T result();

    /**
     * The exception it completed with, if any ({@code exception()}).
     *
     * @throws InvalidStateException if it is not done
     * @throws CancelledException if it was cancelled
     */
    Optional<Throwable> exception();

    /** Cancels it if it is not done; returns whether it did ({@code cancel()}). */
    boolean cancel();

    /** Cancels it with a message carried by the {@link CancelledException}. */
    boolean cancel(String message);

    /**
     * Completes it with {@code value} and schedules its callbacks.
     *
     * @throws InvalidStateException if it is already done
     */
    void setResult(T value);

    /**
     * Completes it with {@code error} and schedules its callbacks.
     *
     * @throws InvalidStateException if it is already done
     */
    void setException(Throwable error);

    /**
     * Calls {@code callback} when it is done, as a loop callback ({@code add_done_callback});
     * soon if it already is. Callbacks must not block.
     */
    void addDoneCallback(Consumer<? super Future<T>> callback);

    /** Removes every registration of {@code callback}; returns how many ({@code remove_done_callback}). */
    int removeDoneCallback(Consumer<? super Future<T>> callback);

    /** The loop it belongs to ({@code get_loop()}). */
    EventLoop getLoop();
}
