package io.github.concurrent4j.transport.internal;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import io.github.concurrent4j.transport.AuthenticationException;

/**
 * Who is at the other end of a Unix-domain socket: the kernel's {@code SO_PEERCRED}, which the
 * peer cannot forge. The accepting side of every Unix-domain connection refuses a peer of
 * another user unless asked not to, so that the authkey is not the only thing keeping other
 * users out (the socket file's mode is the other). TCP carries no credentials; there the
 * authkey alone decides.
 *
 * <p>"This user" is the owner of the socket file the connection was accepted on, which this
 * process created; both it and the peer's credentials are user principals made from a numeric
 * uid, so they compare by uid.
 */
public final class PeerCredentials {
    private PeerCredentials() {}

    /** The peer's user on a Unix-domain socket; empty for TCP or where the platform cannot tell. */
    public static Optional<UserPrincipal> peerUser(SocketChannel socket) {
        try {
            if (!(socket.getLocalAddress() instanceof UnixDomainSocketAddress)) return Optional.empty();
            if (!socket.supportedOptions().contains(ExtendedSocketOptions.SO_PEERCRED)) return Optional.empty();
            UnixDomainPrincipal p = socket.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return Optional.of(p.user());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** The owner of the socket file {@code socket} was accepted on; empty for TCP. */
    public static Optional<UserPrincipal> localUser(SocketChannel socket) {
        try {
            if (!(socket.getLocalAddress() instanceof UnixDomainSocketAddress u)) return Optional.empty();
            return Optional.of(Files.getOwner(u.getPath()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Refuses (with {@link AuthenticationException}) a Unix-domain peer of another user, unless
     * {@code otherUsersAllowed}. A Unix-domain peer whose user cannot be told is refused too.
     */
    static void check(SocketChannel socket, boolean otherUsersAllowed) {
        boolean unix;
        try {
            unix = socket.getLocalAddress() instanceof UnixDomainSocketAddress;
        } catch (IOException e) {
            throw new AuthenticationException("cannot tell the peer's address: " + e.getMessage(), e);
        }
        if (!unix || otherUsersAllowed) return;
        check(peerUser(socket), localUser(socket), false);
    }

    /** The decision, apart from the socket (unit-tested with made-up users). */
    static void check(Optional<UserPrincipal> peer, Optional<UserPrincipal> me, boolean otherUsersAllowed) {
        if (otherUsersAllowed) return;
        if (peer.isEmpty() || me.isEmpty()) {
            throw new AuthenticationException("cannot tell which user the peer runs as (SO_PEERCRED); refusing it."
                    + " To accept peers of any user on this listener, open it with allowOtherUsers(true)");
        }
        if (!peer.get().equals(me.get())) {
            throw new AuthenticationException("peer runs as user " + peer.get().getName() + ", not " + me.get().getName()
                    + ": refused before the handshake. For a deliberate multi-user setup, open the listener with"
                    + " Listener.builder().allowOtherUsers(true)");
        }
    }
}
