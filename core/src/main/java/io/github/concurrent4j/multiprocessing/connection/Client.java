package io.github.concurrent4j.multiprocessing.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.util.Objects;

import io.github.concurrent4j.transport.AuthenticationException;
import io.github.concurrent4j.transport.internal.Handshake;

/**
 * The equivalent of Python's {@code multiprocessing.connection.Client}: connects to a
 * {@link Listener} (or a CPython {@code multiprocessing.connection.Listener}) and
 * authenticates both ways ({@link Handshake#connect}) before returning the {@link Connection}.
 * A listener with a different key makes it throw {@link AuthenticationException}. Python
 * 3.11's legacy HMAC-MD5 handshake is answered only when {@link Builder#legacyMd5} asks for it.
 */
public final class Client {
    private Client() {}

    /** Connects with the current process's authkey. */
    public static Connection connect(Address address) {
        return builder(address).connect();
    }

    /** Connects and authenticates with {@code authkey}. */
    public static Connection connect(Address address, byte[] authkey) {
        return builder(address).authkey(authkey).connect();
    }

    /** Options beyond Python's {@code Client(address, family, authkey)}. */
    public static Builder builder(Address address) {
        return new Builder(address);
    }

    /** Collects a client's options; {@link #connect()} connects. Not thread-safe. */
    public static final class Builder extends ConnectionOptions<Builder> {
        private final Address address;

        private Builder(Address address) {
            this.address = Objects.requireNonNull(address, "address");
        }

        /** Connects and authenticates. */
        public Connection connect() {
            Handshake.Options o = handshake();
            SocketChannel ch;
            try {
                ch = SocketChannel.open(address instanceof Address.Unix ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
                ch.connect(address.toSocketAddress());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot connect to " + address + ": " + e.getMessage(), e);
            }
            return new SocketConnection(Handshake.connect(ch, o), codecOrNull());
        }
    }
}
