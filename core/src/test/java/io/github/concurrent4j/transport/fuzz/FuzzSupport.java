package io.github.concurrent4j.transport.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the fuzz targets share: an allocation meter and connected Unix-socket pairs. */
public final class FuzzSupport {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static ServerSocketChannel server;
    private static Path dir;

    private FuzzSupport() {}

    /** Bytes allocated by this thread so far. */
    public static long allocated() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().threadId());
    }

    /**
     * While fuzzing, Jazzer's comparison hooks allocate on every string comparison the code
     * under test makes (a 337-byte Kryo message with long class names measured 21 MB under
     * them, 7 KB without: they feed libFuzzer's dictionary), so the bound is looser there: 64 MiB
     * plus 1 KiB per input byte, still far below the 381-512 MiB of the allocation bugs it
     * exists to catch. Replaying the corpus (no hooks) and the unit tests keep the tight bound.
     */
    private static final boolean FUZZING = System.getenv("JAZZER_FUZZ") != null;
    private static final java.util.Set<String> WARMED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Fails if this thread allocated more than {@code limit} bytes since {@code before}; the
     * first run of each target in a JVM is not judged (it loads classes and starts threads).
     */
    public static void checkAllocation(String target, long before, long limit, int inputLength) {
        if (WARMED.add(target)) return;
        if (FUZZING) limit = Math.max(limit, (64L << 20) + 1024L * inputLength);
        long used = allocated() - before;
        if (used > limit) {
            throw new AssertionError("an input of " + inputLength + " bytes made the decoder allocate " + used + " bytes");
        }
    }

    /** A connected pair: [0] the accepted end, [1] the connecting end. */
    static synchronized SocketChannel[] pair() {
        try {
            if (server == null) {
                dir = Files.createTempDirectory("c4j-fuzz");
                dir.toFile().deleteOnExit();
                Path sock = dir.resolve("s.sock");
                server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                server.bind(UnixDomainSocketAddress.of(sock));
                sock.toFile().deleteOnExit();
            }
            SocketChannel client = SocketChannel.open(server.getLocalAddress());
            return new SocketChannel[] {server.accept(), client};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing after a run
        }
    }
}
