package io.github.concurrent4j.multiprocessing.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.util.Objects;

import io.github.concurrent4j.multiprocessing.Multiprocessing;
import io.github.concurrent4j.transport.AuthenticationException;
import io.github.concurrent4j.transport.FramedChannel;
import io.github.concurrent4j.transport.Handshake;

/**
 * The equivalent of Python's {@code multiprocessing.connection.Client}: connects to a
 * {@link Listener} and authenticates both ways before returning the {@link Connection}.
 * A listener with a different key makes it throw {@link AuthenticationException}.
 */
public final class Client {
    private Client() {}

    /** Connects with the current process's authkey. */
    public static Connection connect(Address address) {
        return connect(address, Multiprocessing.currentProcess().authkey());
    }

    /** Connects and authenticates with {@code authkey}. */
    public static Connection connect(Address address, byte[] authkey) {
        Objects.requireNonNull(address, "address");
        if (authkey == null || authkey.length == 0) throw new IllegalArgumentException("authkey must be a non-empty byte array");
        SocketChannel ch;
        try {
            ch = SocketChannel.open(address instanceof Address.Unix ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
            ch.connect(address.toSocketAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + address + ": " + e.getMessage(), e);
        }
        try {
            FramedChannel fc = new FramedChannel(ch, Handshake.MAX_HANDSHAKE_FRAME);
            Handshake.asClient(fc, authkey, Handshake.DEFAULT_TIMEOUT);
            fc.setMaxFrame(FramedChannel.MAX_FRAME);
            return new SocketConnection(fc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
