package io.github.concurrent4j.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.concurrent4j.function.SerializableCallable;
import io.github.concurrent4j.function.SerializableFunction;
import io.github.concurrent4j.transport.internal.KryoCodec;

@Tag("unit")
class CodecTest {
    private final Codec codec = Serialization.codec();

    record Point(int x, int y) {}

    static final class Node {
        String name;
        Node next;
    }

    /** Counts every construction, so a test can prove that decoding never built one. */
    public static final class Gadget {
        static final AtomicInteger CONSTRUCTED = new AtomicInteger();
        int payload = 7;

        public Gadget() {
            CONSTRUCTED.incrementAndGet();
        }
    }

    static Stream<Object> values() {
        return Stream.of(null, 0, -1, Integer.MAX_VALUE, Long.MIN_VALUE, 3.25, true, false, "", "héllo ✓",
                new byte[0], new byte[] {1, 2, 3}, List.of(1, "two", 3L), new ArrayList<>(List.of(1, 2)),
                Map.of("a", 1), new HashMap<>(Map.of("k", List.of(1))), new int[] {4, 5}, new String[] {"x", null},
                java.time.Duration.ofMillis(1500), new java.math.BigInteger("123456789012345678901234567890"));
    }

    @ParameterizedTest
    @MethodSource("values")
    void roundTripsJdkValues(Object value) {
        Object back = codec.decode(codec.encode(value));
        assertThat(back).usingRecursiveComparison().isEqualTo(value);
    }

    @Test
    void roundTripsRandomStringsAndLongs() {
        Random r = new Random(42);
        for (int i = 0; i < 2000; i++) {
            long l = r.nextLong();
            String s = r.ints(r.nextInt(40), 0, 0x2FFF).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                    StringBuilder::append).toString();
            assertThat(codec.decode(codec.encode(l))).isEqualTo(l);
            assertThat(codec.decode(codec.encode(s))).isEqualTo(s);
        }
    }

    @Test
    void allowedRecordsAndCyclesRoundTrip() {
        Serialization.allow(Point.class, Node.class);
        assertThat(codec.decode(codec.encode(new Point(1, 2)))).isEqualTo(new Point(1, 2));
        Node a = new Node(), b = new Node();
        a.name = "a"; b.name = "b"; a.next = b; b.next = a;
        Node back = (Node) codec.decode(codec.encode(a));
        assertThat(back.next.next).isSameAs(back);
        assertThat(back.next.name).isEqualTo("b");
    }

    @Test
    void lambdasRoundTripWithTheirCapturedValues() throws Exception {
        int base = 40;
        String suffix = "!";
        SerializableCallable<String> task = () -> (base + 2) + suffix;
        @SuppressWarnings("unchecked")
        SerializableCallable<String> back = (SerializableCallable<String>) codec.decode(codec.encode(task));
        assertThat(back.call()).isEqualTo("42!");
        SerializableFunction<Integer, Integer> twice = x -> x * 2;
        @SuppressWarnings("unchecked")
        SerializableFunction<Integer, Integer> f = (SerializableFunction<Integer, Integer>) codec.decode(codec.encode(twice));
        assertThat(f.apply(21)).isEqualTo(42);
    }

    @Test
    void aLambdaThatIsNotSerializableIsRefusedWithAHint() {
        Runnable plain = () -> {};
        assertThatThrownBy(() -> codec.encode(plain))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not serializable").hasMessageContaining("SerializableRunnable");
    }

    @Test
    void aClassNotOnTheAllowListIsRefusedWhenEncoding() {
        assertThatThrownBy(() -> codec.encode(new Gadget()))
                .isInstanceOf(ClassNotAllowedException.class)
                .hasMessageContaining(Gadget.class.getName()).hasMessageContaining("Serialization.allow");
    }

    @Test
    void aClassNotOnTheAllowListIsRefusedBeforeItIsInstantiated() {
        // A hostile peer: it encodes with an allow-list that has everything.
        Codec hostile = new KryoCodec(() -> AllowList.of(List.of("java.**", "io.**")));
        byte[] bytes = hostile.encode(new LinkedHashMap<>(Map.of("x", new Gadget())));
        int before = Gadget.CONSTRUCTED.get();
        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOfSatisfying(ClassNotAllowedException.class,
                        e -> assertThat(e.className()).isEqualTo(Gadget.class.getName()));
        assertThat(Gadget.CONSTRUCTED.get()).isEqualTo(before);
    }

    @Test
    void corruptInputGetsAClearError() {
        byte[] ok = codec.encode(List.of(1, 2, 3));
        assertThatThrownBy(() -> codec.decode(new byte[0])).isInstanceOf(SerializationException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> codec.decode(new byte[] {99})).isInstanceOf(SerializationException.class).hasMessageContaining("tag 99");
        assertThatThrownBy(() -> codec.decode(new byte[] {1, 0, 0})).isInstanceOf(SerializationException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> codec.decode(ok, 0, ok.length - 1)).isInstanceOf(SerializationException.class);
        byte[] longer = java.util.Arrays.copyOf(ok, ok.length + 2);
        assertThatThrownBy(() -> codec.decode(longer)).isInstanceOf(SerializationException.class).hasMessageContaining("trailing");
    }

    @Test
    void randomGarbageNeverEscapesAsAnythingButSerializationException() {
        Random r = new Random(7);
        for (int i = 0; i < 3000; i++) {
            byte[] junk = new byte[1 + r.nextInt(64)];
            r.nextBytes(junk);
            junk[0] = (byte) KryoCodecTags.KRYO;
            try {
                codec.decode(junk);
            } catch (SerializationException expected) {
                // fine: refused
            }
        }
    }

    @Test
    void allowListEntriesAreValidatedAndMatchAsDocumented() {
        AllowList l = AllowList.of(List.of("com.acme.Order", "com.acme.model.*", "org.tree.**"));
        assertThat(l.allows("com.acme.Order")).isTrue();
        assertThat(l.allows("[Lcom.acme.Order;")).isTrue();
        assertThat(l.allows("[[I")).isTrue();
        assertThat(l.allows("com.acme.model.Item")).isTrue();
        assertThat(l.allows("com.acme.model.sub.Item")).isFalse();
        assertThat(l.allows("org.tree.a.b.C")).isTrue();
        assertThat(l.allows("com.acme.Other")).isFalse();
        assertThatThrownBy(() -> AllowList.of(List.of("com..x"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("com..x");
        assertThatThrownBy(() -> AllowList.of(List.of("*"))).isInstanceOf(IllegalArgumentException.class);
    }

    /** The tag constants, visible to this test. */
    static final class KryoCodecTags {
        static final int KRYO = 9;
    }
}
