package io.github.concurrent4j.multiprocessing.internal.fuzz;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.github.concurrent4j.multiprocessing.internal.ControlFrames;
import io.github.concurrent4j.transport.fuzz.FuzzSupport;
import io.github.concurrent4j.transport.fuzz.Jdk25Coverage;

/**
 * Fuzzes the decoders of the parent-child control link (a child decodes RUN, the parent HELLO
 * and EXIT): whatever the bytes, a decoder returns a value or throws
 * {@link IllegalStateException} ("control protocol error"), and allocates no more than its
 * frame can fill (anything else, an {@code Error} included, is a finding). The corpus is
 * seeded with a valid RUN frame and with counts and string lengths the frame cannot hold.
 */
@Tag("fuzz")
@ExtendWith(Jdk25Coverage.class)
class ControlFuzzTest {
    /** A frame may make a decoder allocate this much plus 16 bytes per byte it holds. */
    private static final long SLACK = 256L << 10;

    @FuzzTest(maxDuration = "10s")
    void run(byte[] frame) {
        long before = FuzzSupport.allocated();
        try {
            ControlFrames.decodeRun(frame);
        } catch (IllegalStateException refused) {
            // a protocol error: the child says so and halts
        }
        try {
            ControlFrames.decodeHelloOrExit(frame);
        } catch (IllegalStateException refused) {
            // likewise on the parent's side
        }
        FuzzSupport.checkAllocation("control", before, SLACK + 16L * frame.length, frame.length);
    }
}
