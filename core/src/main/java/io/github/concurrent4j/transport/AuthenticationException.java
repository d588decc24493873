package io.github.concurrent4j.transport;

/**
 * The peer failed the HMAC challenge (a wrong {@code authkey}), or sent something that is not
 * a handshake: the equivalent of Python's {@code multiprocessing.AuthenticationError}. The
 * connection is closed and nothing it sent has been decoded.
 */
public final class AuthenticationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
