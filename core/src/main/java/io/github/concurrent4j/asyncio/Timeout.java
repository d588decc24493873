package io.github.concurrent4j.asyncio;

import java.util.OptionalDouble;

/**
 * The equivalent of Python's {@code asyncio.Timeout}, what {@code asyncio.timeout(delay)} and
 * {@code asyncio.timeout_at(when)} return: a deadline for the block of code it guards, which
 * the block can inspect and move while it runs.
 *
 * <pre>{@code
 * Asyncio.timeout(t -> {                       // async with asyncio.timeout(None) as t:
 *     t.reschedule(loop.time() + 10);          //     t.reschedule(loop.time() + 10)
 *     return longRunningTask();                //     await long_running_task()
 * });
 * }</pre>
 *
 * <p>When the deadline passes, the task running the block is cancelled; the resulting
 * {@link CancelledException} leaves the block as an {@link AsyncioTimeoutException} (a
 * cancellation from elsewhere stays a {@code CancelledException}; nested timeouts each convert
 * only their own). A deadline at or before {@link EventLoop#time()} expires at the loop's
 * next step. Obtained only through {@link Asyncio#timeout(Timeout.Body)},
 * {@link Asyncio#timeout(java.time.Duration, Timeout.Body)} and
 * {@link Asyncio#timeoutAt(double, Timeout.Body)}.
 *
 * <p><b>Differences from Python.</b> {@code async with ... as t:} is a lambda that receives
 * {@code t}: a Java {@code close()} cannot replace the block's exception, which this needs.
 * {@code when()} is an {@code OptionalDouble} (empty for Python's {@code None});
 * {@code reschedule(None)} is {@link #reschedule(OptionalDouble)} with an empty value. Errors
 * are {@link IllegalStateException} (Python's {@code RuntimeError}).
 *
 * <p><b>Thread safety.</b> Used from the task that runs the block.
 *
 * <p><b>Memory consistency effects.</b> None beyond those of the loop.
 */
public final class Timeout {
    /** The block a timeout guards: it receives the timeout ({@code async with timeout(...) as t:}). */
    @FunctionalInterface
    public interface Body<T> {
        /** Runs the block. */
        T run(Timeout timeout) throws Exception;
    }

    private enum State {
        CREATED("created"), ENTERED("active"), EXPIRING("expiring"), EXPIRED("expired"), EXITED("finished");

        final String value;

        State(String value) {
            this.value = value;
        }
    }

    private State state = State.CREATED;
    private TimerHandle handler;
    private TaskImpl<?> task;
    private boolean hasWhen;
    private double when;
    private int cancelling;

    Timeout(OptionalDouble when) {
        this.hasWhen = when.isPresent();
        this.when = when.orElse(0);
    }

    /** The deadline in {@link EventLoop#time()} seconds, or empty for none ({@code when()}). */
    public OptionalDouble when() {
        return hasWhen ? OptionalDouble.of(when) : OptionalDouble.empty();
    }

    /** Moves the deadline to {@code when} ({@link EventLoop#time()} seconds; {@code reschedule(when)}). */
    public void reschedule(double when) {
        reschedule(OptionalDouble.of(when));
    }

    /**
     * Moves the deadline, or removes it when {@code when} is empty ({@code reschedule(when)}).
     *
     * @throws IllegalStateException if the block has not started or has ended
     */
    public void reschedule(OptionalDouble when) {
        if (state != State.ENTERED) {
            if (state == State.CREATED) throw new IllegalStateException("Timeout has not been entered");
            throw new IllegalStateException("Cannot change state of " + state.value + " Timeout");
        }
        this.hasWhen = when.isPresent();
        this.when = when.orElse(0);
        if (handler != null) handler.cancel();
        if (!hasWhen) {
            handler = null;
        } else {
            EventLoop loop = EventLoop.running();
            handler = this.when <= loop.time() ? loop.callSoon(this::onTimeout) : loop.callAt(this.when, this::onTimeout);
        }
    }

    /** Whether the deadline passed while the block ran ({@code expired()}). */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    void enter() {
        if (state != State.CREATED) throw new IllegalStateException("Timeout has already been entered");
        task = Asyncio.currentTask().map(t -> (TaskImpl<?>) t)
                .orElseThrow(() -> new IllegalStateException("Timeout should be used inside a task"));
        state = State.ENTERED;
        cancelling = task.cancelling();
        reschedule(when());
    }

    /**
     * Ends the block, which ended with {@code error} (null: normally), and returns what should
     * leave it: {@code error} itself, or the {@link AsyncioTimeoutException} that replaces our
     * own cancellation.
     */
    Throwable exit(Throwable error) {
        if (handler != null) {
            handler.cancel();
            handler = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            if (task.uncancel() <= cancelling && error != null) {
                // no cancellation requested since the block began but ours: we handle it
                if (error instanceof CancelledException) {
                    return new AsyncioTimeoutException("timed out", error);
                }
                // another exception left the block while our cancellation was under way:
                // record the timeout on it (Python chains a TimeoutError into its context)
                error.addSuppressed(new AsyncioTimeoutException("timed out"));
            }
        } else if (state == State.ENTERED) {
            state = State.EXITED;
        }
        return error;
    }

    private void onTimeout() {
        task.cancel();
        state = State.EXPIRING;
        handler = null;   // drop the reference early
    }

    /** {@code <Timeout [active] when=12.345>}, as Python's repr. */
    @Override
    public String toString() {
        String info = "";
        if (state == State.ENTERED) info = " when=" + (hasWhen ? String.valueOf(Math.round(when * 1000) / 1000.0) : "None");
        return "<Timeout [" + state.value + "]" + info + ">";
    }
}
