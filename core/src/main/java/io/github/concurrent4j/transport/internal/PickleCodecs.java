package io.github.concurrent4j.transport.internal;

/** The pickle codec's entry points for {@link io.github.concurrent4j.transport.PickleCodec}. */
public final class PickleCodecs {
    private PickleCodecs() {}

    public static byte[] encode(Object value) {
        return PickleEncoder.encode(value, Limits.maxDepth());
    }

    public static Object decode(byte[] buf, int off, int len) {
        return PickleDecoder.decode(buf, off, len, Limits.maxDepth());
    }
}
