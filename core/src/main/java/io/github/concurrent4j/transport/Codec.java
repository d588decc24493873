package io.github.concurrent4j.transport;

/**
 * Turns objects into bytes and back for another process: the role {@code pickle} plays in
 * Python's {@code multiprocessing}.
 *
 * <p>A codec must refuse, while decoding, every class that {@link Serialization#isAllowed}
 * does not accept, before the class is loaded or instantiated; decoding bytes from an
 * authenticated peer must never run code other than the allowed classes' own deserialization
 * logic. The standard codec ({@link Serialization#codec()}) is Kryo 5 with that allow-list,
 * class names on the wire (so that both sides need not register classes in the same order),
 * a tagged fast path for {@code null}, boxed primitives, {@code String} and {@code byte[]},
 * and serializable lambdas.
 *
 * <p>Implementations are thread-safe.
 */
public interface Codec {
    /** Appends the encoding of {@code value} to {@code out}. */
    void encode(Object value, ByteSink out);

    /** Decodes one value from {@code buf[off, off + len)}. */
    Object decode(byte[] buf, int off, int len);

    /** Convenience: the encoding of {@code value} as a new array. */
    default byte[] encode(Object value) {
        ByteSink sink = new ByteSink(64);
        encode(value, sink);
        return sink.toByteArray();
    }

    /** Convenience: decodes a whole array. */
    default Object decode(byte[] buf) {
        return decode(buf, 0, buf.length);
    }
}
