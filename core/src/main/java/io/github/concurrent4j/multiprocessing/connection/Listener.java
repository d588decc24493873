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
import io.github.concurrent4j.transport.HmacSha256;
import io.github.concurrent4j.transport.AuthenticationException;
import io.github.concurrent4j.transport.FramedChannel;
import io.github.concurrent4j.transport.Handshake;

/**
 * The equivalent of Python's {@code multiprocessing.connection.Listener}: accepts
 * authenticated {@link Connection}s on a Unix-domain or TCP address.
 *
 * <p>Every accepted connection passes the mutual HMAC-SHA256 challenge with the
 * {@code authkey} before {@link #accept()} returns it; until then frames are limited to 256
 * bytes and nothing is decoded. A peer that fails (wrong key, garbage, an oversized frame, or
 * silence beyond the handshake deadline) makes {@code accept()} throw
 * {@link AuthenticationException} with its connection closed; the listener itself keeps
 * serving, so the next {@code accept()} takes the next client.
 *
 * <p>Unlike Python, where {@code authkey=None} means no authentication, a listener always
 * authenticates: by default with the current process's key (shared by its process family).
 * Without an address, it listens on a fresh Unix socket in the family's private directory
 * (mode 0700); a socket file it created is removed on {@link #close()}.
 *
 * <p>Thread-safe: several threads may {@code accept} at once.
 */
public final class Listener implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Address address;
    private final byte[] authkey;
    private final Path ownedSocket;
    private volatile Duration handshakeTimeout = Handshake.DEFAULT_TIMEOUT;
    private volatile Address lastAccepted;

    private Listener(ServerSocketChannel server, Address address, byte[] authkey, Path ownedSocket) {
        this.server = server;
        this.address = address;
        this.authkey = authkey;
        this.ownedSocket = ownedSocket;
    }

    /** A listener on a fresh private Unix socket, with the current process's authkey. */
    public static Listener open() {
        byte[] id = HmacSha256.randomBytes(8); // not SecureRandom: see HmacSha256
        Path p = RuntimeDirs.runtimeDir().resolve("listener-" + HexFormat.of().formatHex(id) + ".sock");
        return open(new Address.Unix(p));
    }

    /** A listener on {@code address}, with the current process's authkey. */
    public static Listener open(Address address) {
        return open(address, Multiprocessing.currentProcess().authkey());
    }

    public static Listener open(Address address, byte[] authkey) {
        return open(address, authkey, 64);
    }

    /** A listener on {@code address} that authenticates clients with {@code authkey}. */
    public static Listener open(Address address, byte[] authkey, int backlog) {
        Objects.requireNonNull(address, "address");
        if (authkey == null || authkey.length == 0) throw new IllegalArgumentException("authkey must be a non-empty byte array");
        if (backlog < 1) throw new IllegalArgumentException("backlog must be >= 1: " + backlog);
        try {
            return switch (address) {
                case Address.Unix u -> {
                    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                    s.bind(u.toSocketAddress(), backlog);
                    Files.setPosixFilePermissions(u.path(), PosixFilePermissions.fromString("rw-------"));
                    yield new Listener(s, u, authkey.clone(), u.path());
                }
                case Address.Tcp t -> {
                    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.INET);
                    s.bind(t.toSocketAddress(), backlog);
                    InetSocketAddress bound = (InetSocketAddress) s.getLocalAddress();
                    yield new Listener(s, new Address.Tcp(t.host(), bound.getPort()), authkey.clone(), null);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits for a client and authenticates it. Throws {@link AuthenticationException} if that
     * client fails the handshake; the listener stays open for the next one.
     */
    public Connection accept() {
        SocketChannel ch;
        try {
            ch = server.accept();
        } catch (IOException e) {
            throw new UncheckedIOException("accept failed on " + address + ": " + e.getMessage(), e);
        }
        FramedChannel fc;
        try {
            fc = new FramedChannel(ch, Handshake.MAX_HANDSHAKE_FRAME);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException(e);
        }
        Handshake.asServer(fc, authkey, handshakeTimeout);
        fc.setMaxFrame(FramedChannel.MAX_FRAME);
        lastAccepted = remote(ch);
        return new SocketConnection(fc);
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
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("handshake timeout must be positive");
        handshakeTimeout = timeout;
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

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // already failing
        }
    }
}
