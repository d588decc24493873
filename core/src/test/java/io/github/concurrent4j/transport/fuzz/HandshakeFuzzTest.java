package io.github.concurrent4j.transport.fuzz;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.github.concurrent4j.transport.AuthenticationException;
import io.github.concurrent4j.transport.internal.FramedChannel;
import io.github.concurrent4j.transport.internal.Handshake;

/**
 * Fuzzes the one authentication call in both roles: the peer sends the input (all of it, at
 * once, then hangs up) and reads whatever it is sent. The call must end with
 * {@link AuthenticationException} (no other exception, no {@code Error}, no hang: a 2 s
 * deadline backs every run), must never return a channel (the input cannot know the key, and
 * nothing is read as a message before the peer has proved it does), and must not allocate
 * beyond the handshake's 256-byte frames.
 */
@Tag("fuzz")
@ExtendWith(Jdk25Coverage.class)
class HandshakeFuzzTest {
    private static final Handshake.Options OPTIONS = Handshake.Options.of("fuzz key".getBytes())
            .withTimeout(Duration.ofSeconds(2)).withLegacyMd5(true);

    @FuzzTest(maxDuration = "10s")
    void server(byte[] peer) {
        run(peer, true);
    }

    @FuzzTest(maxDuration = "10s")
    void client(byte[] peer) {
        run(peer, false);
    }

    private static void run(byte[] peerBytes, boolean server) {
        SocketChannel[] p = FuzzSupport.pair();
        SocketChannel mine = p[0], peer = p[1];
        Thread talker = Thread.ofPlatform().daemon().start(() -> {
            try {
                peer.write(ByteBuffer.wrap(peerBytes));
                peer.shutdownOutput();
                ByteBuffer sink = ByteBuffer.allocate(512);
                while (peer.read(sink.clear()) >= 0) { /* read what we are sent until we hang up */ }
            } catch (Exception ignored) {
                // the handshake closed the socket: fine
            } finally {
                FuzzSupport.closeQuietly(peer);
            }
        });
        long before = FuzzSupport.allocated();
        try {
            FramedChannel ch = server ? Handshake.accept(mine, OPTIONS) : Handshake.connect(mine, OPTIONS);
            ch.close();
            throw new AssertionError("authenticated a peer that does not have the key");
        } catch (AuthenticationException expected) {
            // the only way this can end
        } finally {
            FuzzSupport.closeQuietly(mine);
        }
        FuzzSupport.checkAllocation(server ? "server" : "client", before, 4L << 20, peerBytes.length);
        try {
            talker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
