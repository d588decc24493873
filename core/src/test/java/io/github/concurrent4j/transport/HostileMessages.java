package io.github.concurrent4j.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

import com.esotericsoftware.kryo.io.Output;

import io.github.concurrent4j.transport.internal.KryoCodec;

/**
 * The hostile messages of issue 13, built as an authenticated but hostile peer would build
 * them: a legitimate encoding whose last length is replaced by a lie, or a legitimate lambda
 * whose declaring class is renamed. Shared by HostileMessagesTest and the fuzz corpus.
 */
public final class HostileMessages {
    /** An encoder that allows everything: what a hostile peer runs. */
    public static final Codec ANYTHING = new KryoCodec(() -> AllowList.of(List.of("java.**", "io.**")));

    private HostileMessages() {}

    /**
     * The encoding of {@code empty} (whose encoding ends with its zero length, one byte) with that
     * length replaced by what {@code lie} writes.
     */
    public static byte[] announcing(Object empty, Consumer<Output> lie) {
        return announcing(empty, 1, lie);
    }

    /** As above, for an encoding whose length is followed by {@code fromEnd - 1} more bytes (kept). */
    public static byte[] announcing(Object empty, int fromEnd, Consumer<Output> lie) {
        byte[] legit = ANYTHING.encode(empty);
        Output out = new Output(64, -1);
        out.writeBytes(legit, 0, legit.length - fromEnd);
        lie.accept(out);
        out.writeBytes(legit, legit.length - fromEnd + 1, fromEnd - 1);
        return out.toBytes();
    }

    /** A length as Kryo writes it (plus one: zero means null). */
    public static Consumer<Output> length(long n) {
        return out -> out.writeVarInt((int) (n + 1), true);
    }

    /** A collection's length: a flag bit (elements of one type) and the length plus one. */
    public static Consumer<Output> collectionLength(long n) {
        return out -> out.writeVarIntFlag(false, (int) (n + 1), true);
    }

    /** A UTF-8 string's length. */
    public static Consumer<Output> stringLength(long n) {
        return out -> out.writeVarIntFlag(true, (int) (n + 1), true);
    }

    /** Named hostile messages that announce far more elements than they carry. */
    public static Map<String, byte[]> oversizedLengths() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        long e8 = 100_000_000L;
        m.put("ArrayList of 10^8", announcing(new ArrayList<>(), collectionLength(e8)));
        m.put("HashMap of 10^8", announcing(new HashMap<>(), length(e8)));
        m.put("Object[] of 10^8", announcing(new Object[0], length(e8)));
        m.put("String[] of 10^8", announcing(new String[0], length(e8)));
        m.put("PriorityQueue of 10^8", announcing(new PriorityQueue<>(), 2, collectionLength(e8)));
        m.put("StringBuilder of 10^8 chars", announcing(new StringBuilder(), stringLength(e8)));
        m.put("int[] of 10^8", announcing(new int[0], length(e8)));
        m.put("int[] of 2^31-9", announcing(new int[0], length((1L << 31) - 9)));
        m.put("long[] of 2^31-9", announcing(new long[0], length((1L << 31) - 9)));
        m.put("double[] of 10^8", announcing(new double[0], length(e8)));
        m.put("float[] of 10^8", announcing(new float[0], length(e8)));
        m.put("short[] of 10^8", announcing(new short[0], length(e8)));
        m.put("char[] of 10^8", announcing(new char[0], length(e8)));
        m.put("boolean[] of 10^8", announcing(new boolean[0], length(e8)));
        m.put("byte[] in a list, of 2^31-9", announcing(List.of(new byte[0]), length((1L << 31) - 9)));
        m.put("BigInteger of 10^8 bytes", bigInteger(e8));
        m.put("BitSet of 10^8 words", announcing(new java.util.BitSet(), out -> out.writeVarInt((int) e8, true)));
        m.put("List of 10^8 nulls", announcing(new ArrayList<>(), collectionLength(e8)));
        return m;
    }

    private static byte[] bigInteger(long n) {
        byte[] legit = ANYTHING.encode(java.math.BigInteger.ZERO); // ... varint(len+1), bytes
        Output out = new Output(64, -1);
        out.writeBytes(legit, 0, legit.length - 2); // zero is one byte long: length 2, then 0x00
        out.writeVarInt((int) (n + 1), true);
        return out.toBytes();
    }

    /** {@code bytes} with every occurrence of {@code from} (same length as {@code to}) replaced, including Kryo's ASCII-final form. */
    public static byte[] rename(byte[] bytes, String from, String to) {
        if (from.length() != to.length()) throw new IllegalArgumentException("names must have the same length");
        byte[] out = bytes.clone();
        for (byte[][] pair : List.of(pair(from, to, false), pair(from, to, true))) {
            for (int i = 0; i + pair[0].length <= out.length; i++) {
                if (Arrays.equals(out, i, i + pair[0].length, pair[0], 0, pair[0].length)) {
                    System.arraycopy(pair[1], 0, out, i, pair[1].length);
                }
            }
        }
        return out;
    }

    private static byte[][] pair(String from, String to, boolean last) {
        byte[] f = from.getBytes(StandardCharsets.US_ASCII), t = to.getBytes(StandardCharsets.US_ASCII);
        if (last) { // Kryo ends an ASCII string with the high bit set on its last byte
            f[f.length - 1] |= (byte) 0x80;
            t[t.length - 1] |= (byte) 0x80;
        }
        return new byte[][] {f, t};
    }

    /** A message carrying LambdaOwnerB's comparator, which this process has never sent. */
    /**
     * A dynamic proxy's registration (Kryo id 41: manager proxies travel as their transfer form)
     * followed by {@code inside}'s encoding instead of a form ({@code inside} must be one the
     * codec encodes as a Kryo graph, not a plain string or number).
     */
    public static byte[] proxyRegistrationCarrying(Object inside) {
        byte[] tagged = ANYTHING.encode(inside); // the codec's tag byte, then Kryo's graph
        Output out = new Output(64, -1);
        out.writeByte(tagged[0]);
        out.writeVarInt(41 + 2, true); // Kryo writes a registered class's id plus 2,
        out.writeVarInt(1, true);      // then, with references on, "a new object" (NOT_NULL)
        out.writeBytes(tagged, 1, tagged.length - 1);
        return out.toBytes();
    }

    public static byte[] unlistedLambda() {
        return rename(ANYTHING.encode(LambdaOwnerA.comparator()), "LambdaOwnerA", "LambdaOwnerB");
    }

    /** A PriorityQueue of three integers ordered by LambdaOwnerB's comparator. */
    public static byte[] priorityQueueWithUnlistedComparator() {
        PriorityQueue<Integer> q = new PriorityQueue<>(LambdaOwnerA.comparator());
        q.addAll(List.of(3, 1, 2));
        return rename(ANYTHING.encode(q), "LambdaOwnerA", "LambdaOwnerB");
    }
}
