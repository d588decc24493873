package io.github.concurrent4j;

/**
 * Thrown by a blocking call of concurrent4j (a {@code join}, {@code get}, {@code acquire},
 * {@code recv}...) when the waiting thread is interrupted.
 *
 * <p>Python's blocking calls raise nothing comparable, and forcing a checked
 * {@link InterruptedException} on every {@code queue.get()} would make task lambdas
 * unreadable, so concurrent4j reports interruption unchecked. Before it is thrown the
 * thread's interrupt status is set again, so code further up still sees the interrupt.
 */
public class InterruptedRuntimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InterruptedRuntimeException(InterruptedException cause) {
        super("interrupted while waiting", cause);
        Thread.currentThread().interrupt();
    }

    public InterruptedRuntimeException(String message) {
        super(message);
        Thread.currentThread().interrupt();
    }
}
