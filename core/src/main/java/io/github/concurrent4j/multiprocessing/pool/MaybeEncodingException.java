package io.github.concurrent4j.multiprocessing.pool;

import io.github.concurrent4j.transport.SerializationException;

/**
 * The equivalent of Python's {@code multiprocessing.pool.MaybeEncodingError}: a worker process
 * ran the task, but its result could not be encoded to travel back. The task's result raises
 * this (its message names the result and the reason; its cause is the encoding error); the
 * worker lives on.
 */
public class MaybeEncodingException extends SerializationException {
    private static final long serialVersionUID = 1L;

    public MaybeEncodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
