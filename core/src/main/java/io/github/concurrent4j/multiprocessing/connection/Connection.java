package io.github.concurrent4j.multiprocessing.connection;

import java.time.Duration;

import io.github.concurrent4j.multiprocessing.Waitable;
import io.github.concurrent4j.transport.Serialization;

/**
 * The equivalent of Python's {@code multiprocessing.connection.Connection}: one end of a
 * message channel between processes (or threads), obtained from {@link Pipe#open()},
 * {@link Listener#accept()} or {@link Client#connect}.
 *
 * <p>{@link #send} encodes an object with the process-wide codec (only allowed classes
 * decode on the other side) and {@link #recv} returns the next one; {@link #sendBytes} and
 * {@link #recvBytes} move raw byte messages without encoding. Messages are delivered whole
 * and in order. {@link #recv} on an end whose peer has closed (in every process holding it)
 * and with nothing left to read throws {@link EOFException}. A one-way end refuses the
 * direction it does not have with {@link IllegalStateException}.
 *
 * <p>Thread safety: unlike Python's, a connection may be used by several threads (and, for
 * pipe ends, several processes) at once; each message is written and read whole. Memory
 * consistency effects: actions before {@code send} in one thread or process happen-before
 * the matching {@code recv} returns.
 *
 * <p>Blocking calls wait in bounded slices and throw
 * {@link io.github.concurrent4j.InterruptedRuntimeException} if the thread is interrupted.
 */
public interface Connection extends Waitable, AutoCloseable {
    /** Sends an object (encoded; see {@link io.github.concurrent4j.transport.Serialization}). */
    void send(Object obj);

    /**
     * Receives the next object. The result is cast to what the caller expects, as Python's
     * dynamic typing would have it; a wrong expectation fails with {@link ClassCastException}
     * at the call site.
     */
    @SuppressWarnings("unchecked")
    default <T> T recv() {
        byte[] frame = recvBytes();
        return (T) Serialization.codec().decode(frame, 0, frame.length);
    }

    /** Sends a byte message as it is. */
    default void sendBytes(byte[] buf) {
        sendBytes(buf, 0, buf.length);
    }

    /** Sends {@code buf[offset, offset + size)} as one byte message. */
    void sendBytes(byte[] buf, int offset, int size);

    /** Receives the next byte message. */
    byte[] recvBytes();

    /**
     * Receives the next byte message; if it is longer than {@code maxLength}, the connection is
     * closed and {@link java.io.UncheckedIOException} is thrown, as in Python.
     */
    byte[] recvBytes(int maxLength);

    /** Receives the next byte message into {@code buf}; returns its length. */
    default int recvBytesInto(byte[] buf) {
        return recvBytesInto(buf, 0);
    }

    /**
     * Receives the next byte message into {@code buf} at {@code offset}; returns its length. If it
     * does not fit, throws {@link BufferTooShortException}, which carries the whole message.
     */
    int recvBytesInto(byte[] buf, int offset);

    /** Whether there is something to read now (a message, or end-of-file). */
    default boolean poll() {
        return poll(Duration.ZERO);
    }

    /** Whether there is something to read within {@code timeout}. */
    boolean poll(Duration timeout);

    @Override
    default boolean isReady() {
        return poll();
    }

    boolean isClosed();

    boolean isReadable();

    boolean isWritable();

    /** Closes this end in this process (other processes' copies stay open). Idempotent. */
    @Override
    void close();
}
