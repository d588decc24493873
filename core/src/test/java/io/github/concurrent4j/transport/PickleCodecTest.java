package io.github.concurrent4j.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The pickle codec's table and limits, on pickles written by hand as CPython 3.12 writes them
 * ({@code pickle.dumps(x, 4)}); the real interpreter is in PythonInteropTest.
 */
@Tag("unit")
class PickleCodecTest {
    private final Codec codec = PickleCodec.INSTANCE;

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    @Test
    void readsWhatCPythonWrites() {
        // pickle.dumps({'a': (1, None), 'b': {2}, 'c': [b'x', 1.5, True, 2**70]}, 4)
        byte[] p = hex("80 04 95 39 00 00 00 00 00 00 00 7d 94 28 8c 01 61 94 4b 01 4e 86 94 8c 01 62 94 8f 94 28 4b 02 90"
                + " 8c 01 63 94 5d 94 28 43 01 78 94 47 3f f8 00 00 00 00 00 00 88 8a 09 00 00 00 00 00 00 00 00 40 65 75 2e");
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) codec.decode(p);
        assertThat(m).isInstanceOf(LinkedHashMap.class).containsOnlyKeys("a", "b", "c");
        assertThat(m.get("a")).isEqualTo(java.util.Arrays.asList(1, null));
        assertThat(m.get("b")).isEqualTo(Set.of(2));
        @SuppressWarnings("unchecked")
        List<Object> c = (List<Object>) m.get("c");
        assertThat((byte[]) c.get(0)).containsExactly('x');
        assertThat(c.subList(1, 4)).containsExactly(1.5, true, BigInteger.TWO.pow(70));
    }

    @Test
    void javaValuesRoundTripThroughTheTable() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("none", null);
        m.put("ints", new ArrayList<>(List.of(1, 1L << 40, BigInteger.TEN.pow(30), -5)));
        m.put("tuple", new Object[] {1, "two"});
        m.put("set", new LinkedHashSet<>(List.of("x", "y")));
        m.put(new Object[] {1, 2}, "tuple key");
        m.put("bytes", new byte[300]);
        @SuppressWarnings("unchecked")
        Map<Object, Object> back = (Map<Object, Object>) codec.decode(codec.encode(m));
        assertThat(back.get("ints")).isEqualTo(List.of(1, 1L << 40, BigInteger.TEN.pow(30), -5));
        assertThat(back.get("tuple")).isEqualTo(List.of(1, "two"));
        assertThat(back.get(List.of(1, 2))).isEqualTo("tuple key");
        assertThat(back.get("set")).isEqualTo(Set.of("x", "y"));
        assertThat((byte[]) back.get("bytes")).hasSize(300);
        assertThat(codec.decode(codec.encode(back.get("tuple")))).as("a received tuple goes back as a tuple")
                .isEqualTo(List.of(1, "two")).isNotInstanceOf(ArrayList.class);
    }

    @Test
    void anythingBeyondTheTableIsRefusedWhenSending() {
        assertThatThrownBy(() -> codec.encode(new java.util.Date())).isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.util.Date").hasMessageContaining("no Python equivalent");
        assertThatThrownBy(() -> codec.encode(Map.of(List.of(1), 2))).isInstanceOf(SerializationException.class)
                .hasMessageContaining("unhashable");
        Object deep = null;
        for (int i = 0; i < 1000; i++) deep = new ArrayList<>(java.util.Collections.singletonList(deep));
        Object tooDeep = deep;
        assertThatThrownBy(() -> codec.encode(tooDeep)).isInstanceOf(SerializationException.class).hasMessageContaining("deeper");
    }

    @Test
    void opcodesThatNameOrCallAnythingAreRefused() {
        // pickle.dumps(os.system) and a REDUCE of it: the classic pickle exploit
        byte[] exploit = hex("80 02 63 6f 73 0a 73 79 73 74 65 6d 0a 58 02 00 00 00 69 64 85 52 2e");
        assertThatThrownBy(() -> codec.decode(exploit)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("'c'").hasMessageContaining("never a class");
        byte[] stackGlobal = hex("80 04 8c 02 6f 73 8c 06 73 79 73 74 65 6d 93 2e");
        assertThatThrownBy(() -> codec.decode(stackGlobal)).isInstanceOf(SerializationException.class).hasMessageContaining("0x93");
    }

    @Test
    void lengthsBeyondTheMessageAreRefusedBeforeAllocating() {
        // BINUNICODE8 announcing 2^40 bytes; BINBYTES announcing 2^31-1; LONG4 announcing 2^31-1 bytes
        for (String h : List.of("80 04 8d 00 00 00 00 00 01 00 00 2e", "80 04 42 ff ff ff 7f 2e", "80 04 8b ff ff ff 7f 2e",
                "80 04 95 ff ff ff ff ff ff ff 7f 2e")) {
            assertThatThrownBy(() -> codec.decode(hex(h))).isInstanceOf(SerializationException.class);
        }
        assertThatThrownBy(() -> codec.decode(hex("80 04 42 ff ff ff 7f 2e"))).hasMessageContaining("refused before allocating");
    }

    @Test
    void unhashableKeysAndDeepTuplesAreRefused() {
        // a list that contains itself, then a set with that list as a member: hashing it would recurse forever
        byte[] selfHash = hex("80 04 5d 94 28 68 00 65 8f 28 68 00 90 2e");
        assertThatThrownBy(() -> codec.decode(selfHash)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("unhashable type: 'list'");
        StringBuilder deep = new StringBuilder("80 04 29");
        for (int i = 0; i < 300; i++) deep.append(" 85");
        deep.append(" 2e");
        assertThatThrownBy(() -> codec.decode(hex(deep.toString()))).isInstanceOf(SerializationException.class)
                .hasMessageContaining("deeper");
    }

    @Test
    void randomBytesGetOnlySerializationException() {
        Random r = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[1 + r.nextInt(40)];
            r.nextBytes(b);
            try {
                codec.decode(b);
            } catch (SerializationException expected) {
                // refused
            }
        }
    }
}
