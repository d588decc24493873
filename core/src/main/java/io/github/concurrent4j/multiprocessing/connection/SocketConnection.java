package io.github.concurrent4j.multiprocessing.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

import io.github.concurrent4j.transport.BrokenPipeException;
import io.github.concurrent4j.transport.ByteSink;
import io.github.concurrent4j.transport.Codec;
import io.github.concurrent4j.transport.internal.FramedChannel;
import io.github.concurrent4j.transport.SerializationException;
import io.github.concurrent4j.transport.Serialization;
import io.github.concurrent4j.transport.Transferable;

/**
 * A {@link Connection} over an authenticated stream socket ({@link Listener}/{@link Client}).
 * It cannot be sent to another process: the JVM offers no way to pass a socket descriptor
 * (Python uses {@code SCM_RIGHTS}); send the address and connect from there instead.
 */
final class SocketConnection implements Connection, Transferable {
    private final FramedChannel channel;
    private final Codec codec; // null: the process-wide codec, as it is at each call
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ByteSink sink = new ByteSink(256);

    SocketConnection(FramedChannel channel, Codec codec) {
        this.channel = channel;
        this.codec = codec;
    }

    private Codec codec() {
        return codec != null ? codec : Serialization.codec();
    }

    @Override
    public void send(Object obj) {
        checkOpen();
        sendLock.lock();
        try {
            sink.clear();
            codec().encode(obj, sink);
            write(sink.array(), 0, sink.length());
        } finally {
            sendLock.unlock();
        }
    }

    @Override
    public void sendBytes(byte[] buf, int offset, int size) {
        Objects.checkFromIndexSize(offset, size, buf.length);
        checkOpen();
        write(buf, offset, size);
    }

    private void write(byte[] buf, int off, int len) {
        try {
            channel.write(buf, off, len);
        } catch (IOException e) {
            throw new BrokenPipeException("cannot send: " + e.getMessage());
        }
    }

    /** Decodes with this connection's codec (which may not be the process-wide one). */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T recv() {
        byte[] frame = recvBytes();
        return (T) codec().decode(frame, 0, frame.length);
    }

    @Override
    public byte[] recvBytes() {
        checkOpen();
        try {
            return channel.read();
        } catch (java.io.EOFException e) {
            throw new EOFException("the other end closed the connection and nothing is left to receive");
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public byte[] recvBytes(int maxLength) {
        if (maxLength < 0) throw new IllegalArgumentException("negative maxLength " + maxLength);
        byte[] b = recvBytes();
        if (b.length > maxLength) {
            close();
            throw new UncheckedIOException(new IOException("bad message length: " + b.length + " > " + maxLength));
        }
        return b;
    }

    @Override
    public int recvBytesInto(byte[] buf, int offset) {
        Objects.checkIndex(offset, buf.length + 1);
        checkOpen();
        byte[][] overflow = new byte[1][];
        try {
            int n = channel.readInto(buf, offset, overflow);
            if (n < 0) throw new BufferTooShortException(overflow[0], buf.length - offset);
            return n;
        } catch (java.io.EOFException e) {
            throw new EOFException("the other end closed the connection and nothing is left to receive");
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public boolean poll(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        checkOpen();
        try {
            return channel.poll(timeout);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /** Readiness for {@code Connections.wait}: the socket is watched by the wait selector thread. */
    @Override
    public io.github.concurrent4j.multiprocessing.Waiter.Registration register(io.github.concurrent4j.multiprocessing.Waiter waiter) {
        checkOpen();
        return SocketReadiness.watch(channel.channel(), waiter);
    }

    private RuntimeException translate(IOException e) {
        if (e instanceof ClosedChannelException) return new IllegalStateException("connection is closed", e);
        return new UncheckedIOException(e);
    }

    @Override
    public Transferable.Form transferOut() {
        throw new SerializationException("a socket connection cannot be sent to another process (the JVM cannot pass"
                + " socket descriptors); send the listener's address and connect from there");
    }

    private void checkOpen() {
        if (!channel.isOpen()) throw new IllegalStateException("connection is closed");
    }

    @Override
    public boolean isClosed() {
        return !channel.isOpen();
    }

    @Override
    public boolean isReadable() {
        return true;
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return "SocketConnection[" + (isClosed() ? "closed]" : "open]");
    }


}
