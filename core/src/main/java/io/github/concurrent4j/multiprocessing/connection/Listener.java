package io.github.concurrent4j.multiprocessing.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

import io.github.concurrent4j.multiprocessing.Multiprocessing;
import io.github.concurrent4j.multiprocessing.internal.RuntimeDirs;
import io.github.concurrent4j.transport.internal.HmacSha256;
import io.github.concurrent4j.transport.AuthenticationException;
import io.github.concurrent4j.transport.Codec;
import io.github.concurrent4j.transport.internal.FramedChannel;
import io.github.concurrent4j.transport.internal.Handshake;

/**
 * The equivalent of Python's {@code multiprocessing.connection.Listener}: accepts
 * authenticated {@link Connection}s on a Unix-domain or TCP address.
 *
 * <p>Every accepted connection passes the one authentication call ({@link Handshake#accept})
 * before {@link #accept()} returns it: on a Unix-domain socket the peer must run as the same
 * user (checked with {@code SO_PEERCRED}; {@link Builder#allowOtherUsers} lifts this for a
 * deliberate multi-user setup), then the mutual HMAC-SHA256 challenge with the
 * {@code authkey}, which is Python 3.12's byte for byte, so a CPython
 * {@code multiprocessing.connection.Client} can connect. Until then frames are limited to 256
 * bytes and nothing is decoded. A peer that fails (another user, wrong key, garbage, an
 * oversized frame, or silence beyond the handshake deadline) makes {@code accept()} throw
 * {@link AuthenticationException} with its connection closed; the listener itself keeps
 * serving, so the next {@code accept()} takes the next client.
 *
 * <p>Unlike Python, where {@code authkey=None} means no authentication, a listener always
 * authenticates: by default with the current process's key (shared by its process family).
 * Without an address, it listens on a fresh Unix socket in the family's private directory
 * (mode 0700); a socket file it created is removed on {@link #close()}. Python 3.11's legacy
 * HMAC-MD5 handshake is accepted only when {@link Builder#legacyMd5} asks for it. Objects
 * are encoded with the process-wide codec, or the one given to {@link Builder#codec} (e.g.
 * {@link io.github.concurrent4j.transport.PickleCodec} to talk to Python).
 *
 * <p>Thread-safe: several threads may {@code accept} at once.
 */
public final class Listener implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Address address;
    private final Path ownedSocket;
    private final Codec codec;
    private volatile Handshake.Options options;
    private volatile Address lastAccepted;

    private Listener(ServerSocketChannel server, Address address, Path ownedSocket, Handshake.Options options, Codec codec) {
        this.server = server;
        this.address = address;
        this.ownedSocket = ownedSocket;
        this.options = options;
        this.codec = codec;
    }

    /** A listener on a fresh private Unix socket, with the current process's authkey. */
    public static Listener open() {
        return builder().open();
    }

    /** A listener on {@code address}, with the current process's authkey. */
    public static Listener open(Address address) {
        return builder().address(address).open();
    }

    public static Listener open(Address address, byte[] authkey) {
        return builder().address(address).authkey(authkey).open();
    }

    /** A listener on {@code address} that authenticates clients with {@code authkey}. */
    public static Listener open(Address address, byte[] authkey, int backlog) {
        return builder().address(address).authkey(authkey).backlog(backlog).open();
    }

    /** Options beyond Python's {@code Listener(address, family, backlog, authkey)}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects a listener's options; {@link #open()} binds it. Not thread-safe. */
    public static final class Builder extends ConnectionOptions<Builder> {
        private Address address;
        private int backlog = 64;
        private boolean otherUsers;

        private Builder() {}

        /** Where to listen (default: a fresh Unix socket in the family's private directory). */
        public Builder address(Address a) {
            address = Objects.requireNonNull(a, "address");
            return this;
        }

        public Builder backlog(int n) {
            if (n < 1) throw new IllegalArgumentException("backlog must be >= 1: " + n);
            backlog = n;
            return this;
        }

        /**
         * Accept Unix-domain clients of other users (who must still hold the key). Off by default:
         * a client of another user is refused before the handshake.
         */
        public Builder allowOtherUsers(boolean on) {
            otherUsers = on;
            return this;
        }

        /** Binds the listener. */
        public Listener open() {
            Address a = address != null ? address : freshUnixAddress();
            return bind(a, backlog, handshake().withOtherUsers(otherUsers), codecOrNull());
        }
    }

    private static Address freshUnixAddress() {
        byte[] id = HmacSha256.randomBytes(8); // not SecureRandom: see HmacSha256
        return new Address.Unix(RuntimeDirs.runtimeDir().resolve("listener-" + HexFormat.of().formatHex(id) + ".sock"));
    }

    private static Listener bind(Address address, int backlog, Handshake.Options o, Codec codec) {
        try {
            return switch (address) {
                case Address.Unix u -> {
                    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                    s.bind(u.toSocketAddress(), backlog);
                    Files.setPosixFilePermissions(u.path(), PosixFilePermissions.fromString(o.otherUsers() ? "rw-rw-rw-" : "rw-------"));
                    yield new Listener(s, u, u.path(), o, codec);
                }
                case Address.Tcp t -> {
                    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.INET);
                    s.bind(t.toSocketAddress(), backlog);
                    InetSocketAddress bound = (InetSocketAddress) s.getLocalAddress();
                    yield new Listener(s, new Address.Tcp(t.host(), bound.getPort()), null, o, codec);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits for a client and authenticates it. Throws {@link AuthenticationException} if that
     * client fails (another user, or the handshake); the listener stays open for the next one.
     */
    public Connection accept() {
        SocketChannel ch;
        try {
            ch = server.accept();
        } catch (IOException e) {
            throw new UncheckedIOException("accept failed on " + address + ": " + e.getMessage(), e);
        }
        FramedChannel fc = Handshake.accept(ch, options);
        lastAccepted = remote(ch);
        return new SocketConnection(fc, codec);
    }

    private Address remote(SocketChannel ch) {
        try {
            return ch.getRemoteAddress() instanceof InetSocketAddress i
                    ? new Address.Tcp(i.getHostString(), i.getPort()) : address;
        } catch (IOException e) {
            return address;
        }
    }

    /** The address clients connect to (for TCP port 0: the port actually bound). */
    public Address address() {
        return address;
    }

    /** The address of the last client accepted. */
    public Optional<Address> lastAccepted() {
        return Optional.ofNullable(lastAccepted);
    }

    /** How long a client may take to complete the handshake (default 10 s). */
    public void setHandshakeTimeout(Duration timeout) {
        options = options.withTimeout(timeout);
    }

    @Override
    public void close() {
        try {
            server.close();
            if (ownedSocket != null) Files.deleteIfExists(ownedSocket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
