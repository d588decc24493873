package io.github.concurrent4j.futures;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import io.github.concurrent4j.InterruptedRuntimeException;

/**
 * The equivalent of Python's {@code concurrent.futures.Future}: the result of a computation
 * that an {@link Executor} runs, or will run. It shadows {@link java.util.concurrent.Future},
 * which it also is, so that code written for either API can use it; it is a
 * {@link CompletionStage} too.
 *
 * <pre>{@code
 * Future<Integer> f = executor.submit(() -> 6 * 7);
 * f.addDoneCallback(done -> System.out.println("finished: " + done.result()));
 * System.out.println(f.result());                       // 42, waiting if needed
 * f.result(Duration.ofSeconds(1));                      // FuturesTimeoutException if not done in time
 * }</pre>
 *
 * <p><b>States</b>, as Python's: <i>pending</i> (queued), <i>running</i>, then <i>done</i> —
 * finished with a result, finished with an exception, or cancelled. {@link #cancel()} succeeds
 * only while the future is pending: a running computation is never interrupted, and
 * {@link #cancel(boolean) cancel(true)} means the same as {@code cancel()}.
 *
 * <p><b>Results and exceptions.</b> {@link #result()} returns the value or throws what the
 * computation threw: an unchecked exception or an {@link Error} is rethrown as it is (so
 * {@code catch (ArithmeticException e)} works as Python's {@code except ZeroDivisionError}),
 * a checked exception is wrapped in a {@link CompletionException}; a cancelled future throws
 * {@link CancelledException}, a timed-out wait {@link FuturesTimeoutException}. The JDK's
 * {@link #get()} keeps its own contract ({@code ExecutionException},
 * {@code InterruptedException}, {@code java.util.concurrent.TimeoutException}).
 *
 * <p><b>Callbacks</b> ({@link #addDoneCallback}) run once the future is done, in the thread
 * that completed or cancelled it, in the order they were added; a callback added to a future
 * that is already done runs at once in the calling thread. A callback that throws is
 * reported (logged at {@code ERROR} on the {@code System.Logger} named
 * {@code io.github.concurrent4j.futures}, as Python logs "exception calling callback for
 * &lt;Future&gt;") and never stops the other callbacks or the executor.
 *
 * <p><b>Waiting</b> is interruptible: an interrupted wait throws the unchecked
 * {@link InterruptedRuntimeException}.
 *
 * <p>Thread-safe. Memory consistency effects: actions of the computation
 * <i>happen-before</i> the return of {@link #result()}, {@link #exception()} or {@code get()}
 * in another thread, and before its done callbacks run.
 *
 * @param <V> the type of the result
 */
public interface Future<V> extends java.util.concurrent.Future<V>, CompletionStage<V> {

    /**
     * The result, waiting for the computation to finish (Python's {@code result()}).
     *
     * @throws CancelledException if the future was cancelled
     * @throws CompletionException wrapping a checked exception the computation threw
     * @throws InterruptedRuntimeException if interrupted while waiting
     */
    V result();

    /**
     * The result, waiting at most {@code timeout} (Python's {@code result(timeout)};
     * {@link Duration#ZERO} does not wait).
     *
     * @throws FuturesTimeoutException if the future is not done in time
     * @throws CancelledException if the future was cancelled
     */
    V result(Duration timeout);

    /**
     * The exception the computation threw, or empty if it returned normally, waiting for it to
     * finish (Python's {@code exception()}, which returns {@code None} on success).
     *
     * @throws CancelledException if the future was cancelled
     */
    Optional<Throwable> exception();

    /**
     * Like {@link #exception()}, waiting at most {@code timeout}.
     *
     * @throws FuturesTimeoutException if the future is not done in time
     */
    Optional<Throwable> exception(Duration timeout);

    /**
     * Cancels the computation if it has not started (Python's {@code cancel()}).
     *
     * @return false if it is running or finished; true if it is cancelled now (also when it
     *         was cancelled before)
     */
    boolean cancel();

    /** Same as {@link #cancel()}: a running computation is never interrupted. */
    @Override
    default boolean cancel(boolean mayInterruptIfRunning) {
        return cancel();
    }

    /** Whether the future was cancelled (Python's {@code cancelled()}). */
    boolean cancelled();

    /** Whether the computation is running now and cannot be cancelled (Python's {@code running()}). */
    boolean running();

    /** Whether the future was cancelled or finished (Python's {@code done()}). */
    boolean done();

    @Override
    default boolean isDone() {
        return done();
    }

    @Override
    default boolean isCancelled() {
        return cancelled();
    }

    /**
     * Calls {@code fn} with this future once it is done (Python's {@code add_done_callback}):
     * at once, in this thread, if it is done already; otherwise in the thread that completes
     * or cancels it. Callbacks run in the order they were added; one that throws is reported,
     * not propagated.
     */
    void addDoneCallback(Consumer<? super Future<V>> fn);
}
