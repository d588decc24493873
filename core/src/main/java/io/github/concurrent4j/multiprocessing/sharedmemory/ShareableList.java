package io.github.concurrent4j.multiprocessing.sharedmemory;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

import io.github.concurrent4j.transport.SerializationException;
import io.github.concurrent4j.transport.Transferable;

/**
 * The equivalent of Python's {@code multiprocessing.shared_memory.ShareableList}: a
 * fixed-length list of {@code Long}/{@code Integer} (stored as 64-bit), {@code Double},
 * {@code Boolean}, {@code String}, {@code byte[]} and {@code null} items in a
 * {@link SharedMemory} block, that every process of the family can open by name or receive.
 *
 * <pre>
 *  block offset     content
 *  0                count    i64
 *  8 + 16 i         item i:  kind i32 (0 None, 1 int, 2 float, 3 bool, 4 str, 5 bytes) | capacity i32 | length i32 | 0
 *  8 + 16 n + …     item i's bytes (capacity bytes, a multiple of 8; offsets are the running sum of capacities)
 * </pre>
 *
 * <p>As in Python, each item's storage is fixed when the list is made: 8 bytes for a number, a
 * boolean or {@code None}, a string's or bytes' UTF-8 length rounded up to 8; a later value of
 * any type may take its place if it fits, else {@link IllegalArgumentException} ("exceeds
 * available storage", Python's {@code ValueError}). Like Python's, the list is not synchronized:
 * guard concurrent writers with a lock. {@code set} on a {@link List} view follows Java's
 * contract (returns the previous item); the size never changes ({@code add}/{@code remove}
 * throw {@link UnsupportedOperationException}).
 *
 * <p>Not thread-safe without external synchronization (as Python's).
 */
public final class ShareableList extends AbstractList<Object> implements RandomAccess, Transferable {
    private static final int NONE = 0, INT = 1, FLOAT = 2, BOOL = 3, STR = 4, BYTES = 5;
    private final SharedMemory shm;
    private final int count;
    private final long[] offsets;

    private ShareableList(SharedMemory shm) {
        this.shm = shm;
        MemorySegment m = shm.buf();
        long n = m.get(JAVA_LONG, 0);
        if (n < 0 || 8 + 16 * n > m.byteSize()) throw new SerializationException("'" + shm.name() + "' is not a ShareableList");
        this.count = (int) n;
        this.offsets = new long[count];
        long at = 8 + 16L * count;
        for (int i = 0; i < count; i++) {
            offsets[i] = at;
            at += m.get(JAVA_INT, 8 + 16L * i + 4);
        }
        if (at > m.byteSize()) throw new SerializationException("'" + shm.name() + "' is not a ShareableList");
    }

    /** Python's {@code ShareableList(sequence)}: a new list in a new block with a random name. */
    public static ShareableList of(List<?> items) {
        return create(items, null);
    }

    /** Python's {@code ShareableList(sequence, name=name)}. */
    public static ShareableList create(List<?> items, String name) {
        Objects.requireNonNull(items, "items");
        int[] caps = new int[items.size()];
        long total = 8 + 16L * items.size();
        for (int i = 0; i < caps.length; i++) {
            caps[i] = capacityOf(items.get(i));
            total += caps[i];
        }
        SharedMemory shm = new SharedMemory(name, true, Math.max(8, total));
        MemorySegment m = shm.buf();
        m.set(JAVA_LONG, 0, items.size());
        for (int i = 0; i < caps.length; i++) m.set(JAVA_INT, 8 + 16L * i + 4, caps[i]);
        ShareableList l = new ShareableList(shm);
        for (int i = 0; i < caps.length; i++) l.set(i, items.get(i));
        return l;
    }

    /** Python's {@code ShareableList(name=name)}: the existing list. */
    public static ShareableList open(String name) {
        return new ShareableList(SharedMemory.open(name));
    }

    private static int capacityOf(Object v) {
        return switch (v) {
            case null -> 8;
            case String s -> roundUp(s.getBytes(StandardCharsets.UTF_8).length);
            case byte[] b -> roundUp(b.length);
            case Long _, Integer _, Short _, Byte _, Double _, Float _, Boolean _ -> 8;
            default -> throw new IllegalArgumentException("a ShareableList holds numbers, booleans, strings, byte[] and null, not "
                    + v.getClass().getName());
        };
    }

    private static int roundUp(int n) {
        return Math.max(8, (n + 7) & ~7);
    }

    /** The block behind the list (Python's {@code sl.shm}). */
    public SharedMemory shm() {
        return shm;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public Object get(int i) {
        MemorySegment m = shm.buf();
        long h = header(i);
        int kind = m.get(JAVA_INT, h);
        long at = offsets[i];
        return switch (kind) {
            case NONE -> null;
            case INT -> m.get(JAVA_LONG, at);
            case FLOAT -> m.get(JAVA_DOUBLE, at);
            case BOOL -> m.get(JAVA_BYTE, at) != 0;
            case STR, BYTES -> {
                int len = Math.clamp(m.get(JAVA_INT, h + 8), 0, m.get(JAVA_INT, h + 4));
                byte[] b = new byte[len];
                MemorySegment.copy(m, JAVA_BYTE, at, b, 0, len);
                yield kind == STR ? new String(b, StandardCharsets.UTF_8) : b;
            }
            default -> throw new IllegalStateException("corrupt ShareableList item " + i + " (kind " + kind + ")");
        };
    }

    /** Replaces item {@code i}; returns the previous one. @throws IllegalArgumentException if it does not fit the item's storage */
    @Override
    public Object set(int i, Object v) {
        long h = header(i);
        MemorySegment m = shm.buf();
        int cap = m.get(JAVA_INT, h + 4);
        Object old = m.get(JAVA_INT, h) == NONE && m.get(JAVA_INT, h + 8) == 0 ? null : get(i);
        long at = offsets[i];
        switch (v) {
            case null -> put(m, h, NONE, 0);
            case Boolean b -> {
                m.set(JAVA_BYTE, at, (byte) (b ? 1 : 0));
                put(m, h, BOOL, 1);
            }
            case Double d -> {
                m.set(JAVA_DOUBLE, at, d);
                put(m, h, FLOAT, 8);
            }
            case Float f -> {
                m.set(JAVA_DOUBLE, at, f.doubleValue());
                put(m, h, FLOAT, 8);
            }
            case Long _, Integer _, Short _, Byte _ -> {
                m.set(JAVA_LONG, at, ((Number) v).longValue());
                put(m, h, INT, 8);
            }
            case String s -> putBytes(m, h, at, cap, STR, s.getBytes(StandardCharsets.UTF_8));
            case byte[] b -> putBytes(m, h, at, cap, BYTES, b);
            default -> throw new IllegalArgumentException("a ShareableList holds numbers, booleans, strings, byte[] and null, not "
                    + v.getClass().getName());
        }
        return old;
    }

    private static void put(MemorySegment m, long h, int kind, int len) {
        m.set(JAVA_INT, h + 8, len);
        m.set(JAVA_INT, h, kind);
    }

    private static void putBytes(MemorySegment m, long h, long at, int cap, int kind, byte[] b) {
        if (b.length > cap) throw new IllegalArgumentException("bytes/str item exceeds available storage (" + b.length + " > " + cap + ")");
        MemorySegment.copy(b, 0, m, JAVA_BYTE, at, b.length);
        put(m, h, kind, b.length);
    }

    private long header(int i) {
        Objects.checkIndex(i, count);
        return 8 + 16L * i;
    }

    /** Python's {@code count(value)} (byte arrays compare by content). */
    public int count(Object value) {
        int n = 0;
        for (int i = 0; i < count; i++) if (same(get(i), value)) n++;
        return n;
    }

    /** Python's {@code index(value)}. @throws IllegalArgumentException if absent (Python's {@code ValueError}) */
    public int index(Object value) {
        for (int i = 0; i < count; i++) if (same(get(i), value)) return i;
        throw new IllegalArgumentException(value + " not in this container");
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) return Arrays.equals(x, y);
        if (a instanceof Long x && b instanceof Integer y) return x == y.longValue();
        return Objects.equals(a, b);
    }

    /** What the list travels as: its block. */
    record Form(SharedMemory shm) implements Transferable.Form {
        @Override
        public Object transferIn() {
            return new ShareableList(shm);
        }
    }

    /** For the library's codec. */
    @Override
    public Transferable.Form transferOut() {
        return new Form(shm);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ShareableList(");
        sb.append(stream().map(o -> o instanceof byte[] b ? "b'" + new String(b, StandardCharsets.ISO_8859_1) + "'" : String.valueOf(o)).toList());
        return sb.append(", name='").append(shm.name()).append("')").toString();
    }
}
