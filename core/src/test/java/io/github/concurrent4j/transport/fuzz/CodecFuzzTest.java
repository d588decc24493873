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

    /**
     * Decodes once unmeasured (the first decode may load classes and build a Kryo), then
     * measures; an excess counts only if it repeats on two more decodes of the same input. The
     * fuzzing harness itself sometimes allocates on the fuzzed thread: the second finding of the
     * first 10-minute run (a 47-byte input "allocating" 112 MB) allocated 131 KB when replayed,
     * in the fuzzer and out of it.
     */
    private static void decode(Codec codec, byte[] message) {
        decodeOnce(codec, message);
        String target = codec.getClass().getName();
        for (int attempt = 0; ; attempt++) {
            long before = FuzzSupport.allocated();
            decodeOnce(codec, message);
            try {
                FuzzSupport.checkAllocation(target, before, SLACK + 64L * message.length, message.length);
                return;
            } catch (AssertionError excess) {
                if (attempt == 2) throw excess;
            }
        }
    }

    private static void decodeOnce(Codec codec, byte[] message) {
        try {
            codec.decode(message);
        } catch (SerializationException refused) {
            // the one exception a hostile message may cause
        }
    }
}
