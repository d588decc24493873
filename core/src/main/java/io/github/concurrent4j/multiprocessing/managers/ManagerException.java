package io.github.concurrent4j.multiprocessing.managers;

/**
 * A manager cannot be reached: it was shut down or killed, its connection broke during a call,
 * or it refused this client's key. Python raises {@code EOFError}, {@code BrokenPipeError} or
 * {@code ConnectionRefusedError} in these cases; the message says which, and at which address.
 * A call that was in progress when the connection ended may or may not have taken effect.
 */
public final class ManagerException extends RuntimeException {
    public ManagerException(String message, Throwable cause) {
        super(message, cause);
    }

    public ManagerException(String message) {
        super(message);
    }
}
