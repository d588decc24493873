package io.github.concurrent4j.transport;

/**
 * An object could not be encoded or decoded for another process: the equivalent of Python's
 * {@code pickle.PicklingError} / {@code UnpicklingError}. The message names the class or the
 * field that failed.
 */
public class SerializationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SerializationException(String message) {
        super(message);
    }

    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
