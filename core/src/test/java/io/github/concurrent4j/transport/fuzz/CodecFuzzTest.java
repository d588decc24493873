package io.github.concurrent4j.transport.fuzz;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.github.concurrent4j.transport.Codec;
import io.github.concurrent4j.transport.PickleCodec;
import io.github.concurrent4j.transport.Serialization;
import io.github.concurrent4j.transport.SerializationException;

/**
 * Fuzzes the codecs with the allow-list: whatever the bytes, decoding returns a value or throws
 * {@link SerializationException} (anything else, an {@code Error} included, is a finding), and
 * allocates no more than a few MiB plus a small multiple of the input. The corpus is seeded with
 * issue 13's hostile messages (lengths that lie, an unlisted lambda, a comparator lambda in a
 * PriorityQueue) and the classic pickle exploits.
 */
@Tag("fuzz")
@ExtendWith(Jdk25Coverage.class)
class CodecFuzzTest {
    private static final long SLACK = 8L << 20;

    @FuzzTest(maxDuration = "10s")
    void kryo(byte[] message) {
        decode(Serialization.codec(), message);
    }

    @FuzzTest(maxDuration = "10s")
    void pickle(byte[] message) {
        decode(PickleCodec.INSTANCE, message);
    }

    /** Decodes twice and measures the second (the first may load classes and build a Kryo). */
    private static void decode(Codec codec, byte[] message) {
        decodeOnce(codec, message);
        long before = FuzzSupport.allocated();
        decodeOnce(codec, message);
        FuzzSupport.checkAllocation(codec.getClass().getName(), before, SLACK + 64L * message.length, message.length);
    }

    private static void decodeOnce(Codec codec, byte[] message) {
        try {
            codec.decode(message);
        } catch (SerializationException refused) {
            // the one exception a hostile message may cause
        }
    }
}
