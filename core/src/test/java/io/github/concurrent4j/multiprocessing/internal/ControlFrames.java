package io.github.concurrent4j.multiprocessing.internal;

import java.util.List;
import java.util.Map;

/** The control protocol's decoders and a valid RUN frame, for the fuzz target in {@code fuzz/}. */
public final class ControlFrames {
    private ControlFrames() {}

    /** Decodes a RUN frame: a header, or {@link IllegalStateException}. */
    public static Object decodeRun(byte[] frame) {
        return Control.Run.decode(frame);
    }

    /** Decodes a HELLO frame, then an EXIT frame: each a value or {@link IllegalStateException}. */
    public static Object decodeHelloOrExit(byte[] frame) {
        return frame.length > 0 && frame[0] == Control.EXIT ? Control.readExit(frame) : Control.readHello(frame);
    }

    /** A RUN frame as a parent sends it. */
    public static byte[] sampleRun() {
        return new Control.Run("Process-1", new int[] {1}, false, "MainProcess", 4242L, List.of("java.**", "lambda:x.Main"),
                "io.github.concurrent4j.transport.internal.KryoCodec", Map.of("c4j.standbys", "2"), 123L, new byte[] {9, 1, 2, 3})
                .encode();
    }
}
