package io.github.concurrent4j.multiprocessing.connection;

/**
 * A byte message did not fit the buffer given to {@code recvBytesInto}: the equivalent of
 * Python's {@code multiprocessing.BufferTooShort}. The whole message is in {@link #message()};
 * nothing is lost.
 */
public final class BufferTooShortException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient byte[] message;

    public BufferTooShortException(byte[] message, int room) {
        super("message of " + message.length + " bytes does not fit the " + room + " bytes left in the buffer");
        this.message = message;
    }

    /** The message that did not fit. */
    public byte[] message() {
        return message;
    }
}
