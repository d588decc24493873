package io.github.concurrent4j.multiprocessing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.concurrent4j.testing.NoLibraryThreadDies;
import io.github.concurrent4j.transport.internal.FramedChannel;
import io.github.concurrent4j.transport.internal.Handshake;

/** The control server's shutdown: connections that arrive while it closes (issue 14, the c4j-control-accept defect). */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ControlServerTest {
    @TempDir
    Path dir;

    @Test
    void aConnectionArrivingDuringShutdownIsClosedAndNoThreadDies() throws Exception {
        int mark = NoLibraryThreadDies.mark();
        byte[] key = Handshake.newAuthkey();
        int lateConnections = 0;
        for (int round = 0; round < 150; round++) {
            Path socket = dir.resolve("ctl-" + round + ".sock");
            ControlServer server = new ControlServer(socket, key, FramedChannel.MAX_FRAME);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                clients.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                            ch.connect(UnixDomainSocketAddress.of(socket));
                        } catch (IOException refused) {
                            // the server has closed: keep trying until told to stop
                        }
                    }
                }));
            }
            Thread.sleep(round % 5); // close at varying moments of the accept loop
            server.close();
            assertThat(server.isClosed()).isTrue();
            // A connection made now is refused or closed by the server; it is never left hanging.
            try (SocketChannel late = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                late.connect(UnixDomainSocketAddress.of(socket));
                lateConnections++;
            } catch (IOException refused) {
                // expected: the socket file is gone
            }
            stop.set(true);
            for (Thread t : clients) t.join();
            assertThat(Files.exists(socket)).as("the socket file is removed").isFalse();
        }
        assertThat(lateConnections).as("no connection succeeds after close").isZero();
        assertThat(NoLibraryThreadDies.deathsSince(mark)).as("library threads that died").isEmpty();
        // Every closed server's accept thread has ended (only the process's own server, if any, remains).
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("c4j-control-accept")).count() <= 1);
    }

    @Test
    void theServerFollowsTheOneLifecycle() throws Exception {
        ControlServer server = new ControlServer(dir.resolve("ctl.sock"), Handshake.newAuthkey(), FramedChannel.MAX_FRAME);
        assertThat(server.isClosed()).isFalse();
        var expected = server.expect(42);
        server.close();
        assertThat(server.isClosed()).isTrue();
        assertThat(expected).isCompletedExceptionally();
        assertThat(server.expect(43)).as("a launch after close fails at once").isCompletedExceptionally();
        server.close(); // idempotent
        assertThat(server.isClosed()).isTrue();
    }
}
