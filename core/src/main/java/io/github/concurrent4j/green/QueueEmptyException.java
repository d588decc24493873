package io.github.concurrent4j.green;

/**
 * The equivalent of Python's {@code gevent.queue.Empty} (the same as {@code queue.Empty}): a
 * non-blocking or timed {@code get} on a green {@link Queue} could not proceed.
 *
 * <p>Unchecked.
 */
public final class QueueEmptyException extends RuntimeException {
    /** Creates the exception with {@code message}. */
    public QueueEmptyException(String message) {
        super(message);
    }
}
