package io.github.concurrent4j.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 point 3: a frame's header reserves nothing; the payload is allocated as it arrives. */
@Tag("integration")
@Timeout(60)
class FramedChannelTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    private SocketChannel[] pair() throws Exception {
        Path sock = dir.resolve("p" + System.nanoTime() + ".sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(sock));
            return new SocketChannel[] {server.accept(), client};
        }
    }

    @Test
    void aHeaderAnnouncing200MibThenTenBytesAllocatesAFewMibAtMost() throws Exception {
        SocketChannel[] p = pair();
        try (FramedChannel reader = new FramedChannel(p[0], FramedChannel.MAX_FRAME); SocketChannel writer = p[1]) {
            ByteBuffer lie = ByteBuffer.allocate(14).putInt(200 << 20).put(new byte[10]).flip();
            while (lie.hasRemaining()) writer.write(lie);
            writer.close();
            long id = Thread.currentThread().threadId();
            long before = THREADS.getThreadAllocatedBytes(id);
            assertThatThrownBy(reader::read).isInstanceOf(EOFException.class).hasMessageContaining("middle of a frame");
            long allocated = THREADS.getThreadAllocatedBytes(id) - before;
            assertThat(allocated).as("bytes allocated for a 200 MiB header followed by 10 bytes").isLessThan(4L << 20);
        }
    }

    @Test
    void largeFramesStillArriveWholeAndIntact() throws Exception {
        SocketChannel[] p = pair();
        try (FramedChannel reader = new FramedChannel(p[0], FramedChannel.MAX_FRAME);
             FramedChannel writer = new FramedChannel(p[1], FramedChannel.MAX_FRAME)) {
            byte[] big = new byte[5 * FramedChannel.ALLOCATION_STEP + 12345];
            new Random(3).nextBytes(big);
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    writer.write(big);
                    writer.write(new byte[0]);
                    writer.write(big, 7, 100);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(reader.read()).isEqualTo(big);
            assertThat(reader.read()).isEmpty();
            byte[] small = new byte[100];
            byte[][] overflow = new byte[1][];
            assertThat(reader.readInto(small, 0, overflow)).isEqualTo(100);
            assertThat(small).isEqualTo(java.util.Arrays.copyOfRange(big, 7, 107));
            t.join();
        }
    }
}
