package io.github.concurrent4j.green;

/**
 * The equivalent of Python's {@code gevent.queue.Full} (the same as {@code queue.Full}): a
 * non-blocking or timed {@code put} on a green {@link Queue} could not proceed.
 *
 * <p>Unchecked.
 */
public final class QueueFullException extends RuntimeException {
    /** Creates the exception with {@code message}. */
    public QueueFullException(String message) {
        super(message);
    }
}
