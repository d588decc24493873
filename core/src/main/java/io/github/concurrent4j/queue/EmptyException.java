package io.github.concurrent4j.queue;

/**
 * The equivalent of Python's {@code queue.Empty}: thrown by {@code getNowait} when the queue
 * is empty, and by a timed {@code get} when no item arrived in time.
 *
 * <p>Like Python code, Java code may use it for control flow, so it is cheap: it carries no
 * stack trace.
 */
public final class EmptyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EmptyException(String message) {
        super(message, null, false, false);
    }
}
