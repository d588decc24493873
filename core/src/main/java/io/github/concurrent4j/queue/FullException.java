package io.github.concurrent4j.queue;

/**
 * The equivalent of Python's {@code queue.Full}: thrown by {@code putNowait} when the queue is
 * full, and by a timed {@code put} when no slot became free in time.
 *
 * <p>Like Python code, Java code may use it for control flow ({@code try: put_nowait ...
 * except Full: pass}), so it is cheap: it carries no stack trace.
 */
public final class FullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FullException(String message) {
        super(message, null, false, false);
    }
}
