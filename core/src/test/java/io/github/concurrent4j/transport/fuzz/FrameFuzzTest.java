package io.github.concurrent4j.transport.fuzz;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.github.concurrent4j.transport.FrameTooLargeException;
import io.github.concurrent4j.transport.internal.FramedChannel;

/**
 * Fuzzes the frame decoder over a real Unix socket: the peer writes the input and hangs up;
 * the reader reads frames until the stream ends. Only {@link EOFException} (the stream ended,
 * possibly mid-frame) and {@link FrameTooLargeException} (a header beyond the limit) may end
 * it, and a header may not make the reader allocate beyond what arrived (point 3 of issue 13).
 */
@Tag("fuzz")
@ExtendWith(Jdk25Coverage.class)
class FrameFuzzTest {
    private static final int LIMIT = 1 << 20;

    @FuzzTest(maxDuration = "10s")
    void frames(byte[] stream) throws IOException {
        SocketChannel[] p = FuzzSupport.pair();
        try (FramedChannel reader = new FramedChannel(p[0], LIMIT)) {
            SocketChannel writer = p[1];
            writer.write(ByteBuffer.wrap(stream)); // a Unix socket's buffer takes a fuzz input whole
            writer.close();
            long before = FuzzSupport.allocated();
            int frames = 0;
            try {
                while (true) {
                    byte[] f = frames % 2 == 0 ? reader.read() : readInto(reader);
                    if (f.length > LIMIT) throw new AssertionError("a frame beyond the limit was returned: " + f.length);
                    frames++;
                }
            } catch (EOFException | FrameTooLargeException expected) {
                // the end of this stream
            }
            FuzzSupport.checkAllocation("frames", before, (4L << 20) + 4L * stream.length, stream.length);
        } finally {
            FuzzSupport.closeQuietly(p[1]);
        }
    }

    private static byte[] readInto(FramedChannel reader) throws IOException {
        byte[] buf = new byte[16];
        byte[][] overflow = new byte[1][];
        int n = reader.readInto(buf, 0, overflow);
        return n >= 0 ? java.util.Arrays.copyOf(buf, n) : overflow[0];
    }
}
