package io.github.concurrent4j.multiprocessing.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;

import io.github.concurrent4j.multiprocessing.Multiprocessing;
import io.github.concurrent4j.transport.AuthenticationException;
import io.github.concurrent4j.transport.Codec;
import io.github.concurrent4j.transport.Handshake;
import io.github.concurrent4j.transport.Serialization;

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
    public static final class Builder {
        private final Address address;
        private byte[] authkey;
        private Codec codec;
        private boolean legacyMd5;
        private Duration handshakeTimeout = Handshake.DEFAULT_TIMEOUT;

        private Builder(Address address) {
            this.address = Objects.requireNonNull(address, "address");
        }

        /** The shared secret (default: the current process's {@code authkey}). */
        public Builder authkey(byte[] key) {
            if (key == null || key.length == 0) throw new IllegalArgumentException("authkey must be a non-empty byte array");
            authkey = key.clone();
            return this;
        }

        /** The codec of {@code send}/{@code recv} (default: {@link Serialization#codec()}). */
        public Builder codec(Codec c) {
            codec = Objects.requireNonNull(c, "codec");
            return this;
        }

        /** Also answer Python 3.11's (and older) HMAC-MD5 handshake. Off by default. */
        public Builder legacyMd5(boolean on) {
            legacyMd5 = on;
            return this;
        }

        /** How long the listener may take to complete the handshake (default 10 s). */
        public Builder handshakeTimeout(Duration t) {
            if (t.isNegative() || t.isZero()) throw new IllegalArgumentException("handshake timeout must be positive");
            handshakeTimeout = t;
            return this;
        }

        /** Connects and authenticates. */
        public Connection connect() {
            byte[] key = authkey != null ? authkey : Multiprocessing.currentProcess().authkey();
            Handshake.Options o = Handshake.Options.of(key).withTimeout(handshakeTimeout).withLegacyMd5(legacyMd5);
            SocketChannel ch;
            try {
                ch = SocketChannel.open(address instanceof Address.Unix ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
                ch.connect(address.toSocketAddress());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot connect to " + address + ": " + e.getMessage(), e);
            }
            return new SocketConnection(Handshake.connect(ch, o), codec);
        }
    }
}
