package io.github.concurrent4j.transport.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.concurrent4j.transport.HostileMessages;

/**
 * Keeps the committed fuzz corpus seeded with issue 13's hostile messages: every seed below is
 * a file of its target's corpus ({@code src/test/resources/.../<Class>Inputs/<method>/}), which
 * the fuzz targets replay on every build. Run with {@code -Dc4j.fuzz.writeSeeds=true} to
 * (re)write them.
 */
@Tag("unit")
class FuzzCorpusTest {
    private static final Path ROOT = Path.of("src/test/resources/io/github/concurrent4j/transport/fuzz");

    static Map<String, byte[]> seeds() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        HostileMessages.oversizedLengths().forEach((name, m) -> s.put("CodecFuzzTestInputs/kryo/seed-" + slug(name), m));
        s.put("CodecFuzzTestInputs/kryo/seed-unlisted-lambda", HostileMessages.unlistedLambda());
        s.put("CodecFuzzTestInputs/kryo/seed-priority-queue-unlisted-comparator", HostileMessages.priorityQueueWithUnlistedComparator());
        s.put("CodecFuzzTestInputs/kryo/seed-proxy-registration-carrying-a-list", HostileMessages.proxyRegistrationCarrying(new java.util.ArrayList<>(List.of("not a form"))));
        s.put("CodecFuzzTestInputs/pickle/seed-os-system-reduce", hex("80 02 63 6f 73 0a 73 79 73 74 65 6d 0a 58 02 00 00 00 69 64 85 52 2e"));
        s.put("CodecFuzzTestInputs/pickle/seed-binbytes-2g", hex("80 04 42 ff ff ff 7f 2e"));
        s.put("CodecFuzzTestInputs/pickle/seed-self-containing-list-in-set", hex("80 04 5d 94 28 68 00 65 8f 28 68 00 90 2e"));
        s.put("CodecFuzzTestInputs/pickle/seed-plain-dict", hex("80 04 95 39 00 00 00 00 00 00 00 7d 94 28 8c 01 61 94 4b 01"
                + " 4e 86 94 8c 01 62 94 8f 94 28 4b 02 90 8c 01 63 94 5d 94 28 43 01 78 94 47 3f f8 00 00 00 00 00 00 88 8a 09"
                + " 00 00 00 00 00 00 00 00 40 65 75 2e"));
        s.put("FrameFuzzTestInputs/frames/seed-200mib-header-10-bytes", ByteBuffer.allocate(14).putInt(200 << 20).array());
        s.put("FrameFuzzTestInputs/frames/seed-two-frames", hex("00 00 00 02 68 69 00 00 00 00"));
        s.put("FrameFuzzTestInputs/frames/seed-negative-length", hex("ff ff ff ff 00"));
        for (String role : new String[] {"server", "client"}) {
            String dir = "HandshakeFuzzTestInputs/" + role + "/";
            s.put(dir + "seed-oversized-frame", hex("10 00 00 00"));
            s.put(dir + "seed-legacy-md5-length", frame(new byte[16]));
            s.put(dir + "seed-legacy-challenge", frame(concat(ascii("#CHALLENGE#"), new byte[20])));
            s.put(dir + "seed-sha256-challenge", frame(concat(ascii("#CHALLENGE#{sha256}"), new byte[40])));
            s.put(dir + "seed-wrong-sha256-digest", frame(concat(ascii("{sha256}"), new byte[32])));
        }
        return s;
    }

    @Test
    void everySeedIsInTheCommittedCorpus() throws IOException {
        boolean write = Boolean.getBoolean("c4j.fuzz.writeSeeds");
        for (Map.Entry<String, byte[]> e : seeds().entrySet()) {
            Path f = ROOT.resolve(e.getKey());
            if (write) {
                Files.createDirectories(f.getParent());
                Files.write(f, e.getValue());
            }
            assertThat(f).as("seed " + e.getKey()).exists();
            assertThat(Files.readAllBytes(f)).as("seed " + e.getKey()).isEqualTo(e.getValue());
        }
    }

    private static String slug(String s) {
        return s.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }
}
