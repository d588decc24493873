package io.github.concurrent4j.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.concurrent4j.multiprocessing.connection.Address;
import io.github.concurrent4j.multiprocessing.connection.Listener;

import io.github.concurrent4j.transport.AuthenticationException;

/** Issue 13 point 4: a Unix-domain peer of another user is refused before the handshake, unless allowed. */
@Tag("integration")
@Timeout(60)
class PeerCredentialsTest {
    record User(String getName) implements UserPrincipal {}

    @TempDir
    Path dir;

    @Test
    void anotherUserIsRefusedUnlessAllowedAndAnUnknownUserIsRefused() {
        Optional<UserPrincipal> alice = Optional.of(new User("alice")), bob = Optional.of(new User("bob"));
        assertThatCode(() -> PeerCredentials.check(alice, alice, false)).doesNotThrowAnyException();
        assertThatThrownBy(() -> PeerCredentials.check(bob, alice, false)).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("peer runs as user bob, not alice").hasMessageContaining("allowOtherUsers(true)");
        assertThatCode(() -> PeerCredentials.check(bob, alice, true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> PeerCredentials.check(Optional.empty(), alice, false))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("SO_PEERCRED");
    }

    @Test
    void theKernelTellsTheUserOfARealPeer() throws Exception {
        Path sock = dir.resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(sock));
                 SocketChannel accepted = server.accept()) {
                Optional<UserPrincipal> peer = PeerCredentials.peerUser(accepted);
                assertThat(peer).isPresent();
                assertThat(peer).isEqualTo(PeerCredentials.localUser(accepted));
                assertThat(peer.get().getName()).isEqualTo(Files.getOwner(sock).getName());
                assertThat(client.isConnected()).isTrue();
            }
        }
    }

    /** End to end with a real process of another uid: possible only where the tests run as root. */
    @Test
    void aProcessOfAnotherUidIsRefusedBeforeTheHandshakeAndAcceptedWhenAllowed() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "needs root and setpriv to run a client as another user");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        byte[] key = "k".getBytes();
        for (boolean allowed : new boolean[] {false, true}) {
            Path sock = dir.resolve("l-" + allowed + ".sock");
            try (Listener l = Listener.builder().address(Address.unix(sock)).authkey(key).allowOtherUsers(allowed).open()) {
                Files.setPosixFilePermissions(sock, PosixFilePermissions.fromString("rw-rw-rw-"));
                Process nobody = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                        "/bin/sh", "-c", "python3 -c \"import socket,sys; s=socket.socket(socket.AF_UNIX);"
                        + " s.connect(sys.argv[1]); print(len(s.recv(256)))\" " + sock)
                        .redirectErrorStream(true).start();
                try {
                    if (allowed) {
                        // The handshake starts (this side speaks first); the client then hangs up: it has no key.
                        assertThatThrownBy(l::accept).isInstanceOf(AuthenticationException.class)
                                .hasMessageNotContaining("peer runs as user");
                    } else {
                        assertThatThrownBy(l::accept).isInstanceOf(AuthenticationException.class)
                                .hasMessageContaining("peer runs as user").hasMessageContaining("allowOtherUsers");
                    }
                    assertThat(nobody.waitFor(20, TimeUnit.SECONDS)).isTrue();
                    String out = new String(nobody.getInputStream().readAllBytes()).strip();
                    assertThat(out).as("bytes the other user's client received").isEqualTo(allowed ? "63" : "0");
                } finally {
                    nobody.destroyForcibly().waitFor();
                }
            }
        }
    }
}
