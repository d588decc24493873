package io.github.concurrent4j.transport;

/**
 * The other end of a pipe is gone: closed by every process that held it, or its holders died.
 * The equivalent of Python's {@code BrokenPipeError}.
 */
public final class BrokenPipeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BrokenPipeException(String message) {
        super(message);
    }
}
