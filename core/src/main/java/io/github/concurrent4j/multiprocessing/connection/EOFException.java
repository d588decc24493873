package io.github.concurrent4j.multiprocessing.connection;

/**
 * Nothing is left to receive and the other end is closed: the equivalent of Python's
 * {@code EOFError} from {@code Connection.recv()}. It shadows {@code java.io.EOFException}
 * (checked, and never thrown by this API): the compiler tells you if you import the wrong one.
 */
public final class EOFException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EOFException(String message) {
        super(message);
    }
}
