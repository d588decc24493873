package io.github.concurrent4j.transport.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.concurrent4j.transport.SerializationException;

/**
 * A restricted unpickler: it understands only the opcodes that build plain data (protocols
 * 2 to 5: None, booleans, integers, floats, str, bytes, bytearray, list, tuple, dict, set,
 * frozenset, the memo and framing), and refuses every opcode that names or calls something
 * ({@code GLOBAL}, {@code STACK_GLOBAL}, {@code REDUCE}, {@code BUILD}, {@code INST},
 * {@code OBJ}, {@code NEWOBJ}, extensions, persistent ids, out-of-band buffers) before it has
 * any effect, so no class is ever looked up or constructed from a pickle.
 *
 * <p>Why not the library's {@code Unpickler}: it resolves {@code GLOBAL}s through registered
 * constructors and reads announced lengths into fresh arrays before checking them; this
 * loop checks every length against the bytes left in the message (a 4-byte header cannot
 * reserve 2 GiB), is iterative (no input can overflow the stack), refuses an unhashable dict
 * key or set member (a list, dict or set, as Python's {@code TypeError} would) so that no
 * hash recursion can be forced, and bounds the nesting of tuples and frozensets by the depth
 * limit.
 *
 * <p>Python to Java: None → null, bool → Boolean, int → Integer / Long / BigInteger (the
 * smallest that holds it), float → Double, str → String, bytes and bytearray → byte[], list →
 * ArrayList, tuple → {@link PyTuple} (an unmodifiable List), dict → LinkedHashMap (insertion
 * order kept), set → LinkedHashSet, frozenset → an unmodifiable Set.
 */
final class PickleDecoder {
    private static final Object MARK = new Object();

    private final byte[] buf;
    private final int end;
    private final int maxDepth;
    private int pos;
    private final ArrayList<Object> stack = new ArrayList<>();
    private final ArrayList<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private final Map<Object, Integer> frozenDepth = new IdentityHashMap<>();

    private PickleDecoder(byte[] buf, int off, int len, int maxDepth) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
        this.maxDepth = maxDepth;
    }

    static Object decode(byte[] buf, int off, int len, int maxDepth) {
        return new PickleDecoder(buf, off, len, maxDepth).run();
    }

    @SuppressWarnings("unchecked")
    private Object run() {
        while (true) {
            int op = u8();
            switch (op) {
                case 0x80 -> { // PROTO
                    int proto = u8();
                    if (proto > 5) throw bad("pickle protocol " + proto + " is newer than 5");
                }
                case 0x95 -> { // FRAME: a length hint; the frame's bytes follow inline
                    long n = uLong(8);
                    if (n > end - pos) throw bad("frame of " + n + " bytes but only " + (end - pos) + " left");
                }
                case '.' -> { // STOP
                    if (pos != end) throw bad((end - pos) + " trailing bytes after the pickle");
                    if (stack.size() != 1 || !marks.isEmpty()) throw bad("the pickle did not leave exactly one value");
                    return stack.get(0);
                }
                case '(' -> { marks.add(stack.size()); stack.add(MARK); }
                case '0' -> pop();
                case '1' -> popMark();
                case '2' -> push(peek());
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'J' -> push(narrow(BigInteger.valueOf(sLong(4))));
                case 'K' -> push(u8());
                case 'M' -> push((int) uLong(2));
                case 0x8a -> push(longN(u8()));
                case 0x8b -> push(longN(length(4, 1, "a long integer")));
                case 'G' -> push(Double.longBitsToDouble(beLong()));
                case 0x8c -> push(text(u8()));
                case 'X' -> push(text(length(4, 1, "a str")));
                case 0x8d -> push(text(length(8, 1, "a str")));
                case 'C' -> push(bytes(u8()));
                case 'B' -> push(bytes(length(4, 1, "a bytes")));
                case 0x8e, 0x96 -> push(bytes(length(8, 1, "a bytes")));
                case ']' -> push(new ArrayList<>());
                case 'l' -> push(new ArrayList<>(popMark()));
                case 'a' -> { Object v = pop(); list(peek()).add(v); }
                case 'e' -> { List<Object> items = popMark(); list(peek()).addAll(items); }
                case ')' -> push(tuple(new Object[0]));
                case 't' -> push(tuple(popMark().toArray()));
                case 0x85 -> push(tuple(popN(1)));
                case 0x86 -> push(tuple(popN(2)));
                case 0x87 -> push(tuple(popN(3)));
                case '}' -> push(new LinkedHashMap<>());
                case 'd' -> { Map<Object, Object> m = new LinkedHashMap<>(); putAll(m, popMark()); push(m); }
                case 's' -> { Object v = pop(); Object k = pop(); dict(peek()).put(key(k, "dict key"), v); }
                case 'u' -> { List<Object> kv = popMark(); putAll(dict(peek()), kv); }
                case 0x8f -> push(new LinkedHashSet<>());
                case 0x90 -> { List<Object> items = popMark(); Set<Object> s = set(peek()); for (Object o : items) s.add(key(o, "set member")); }
                case 0x91 -> push(frozenset(popMark()));
                case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
                case 'q' -> memo.put((long) u8(), peek());
                case 'r' -> memo.put(uLong(4), peek());
                case 'h' -> push(memoGet(u8()));
                case 'j' -> push(memoGet(uLong(4)));
                case 'c', 0x93, 'R', 'b', 'i', 'o', 0x81, 0x92, 0x82, 0x83, 0x84, 'P', 'Q', 0x97, 0x98 ->
                        throw new SerializationException("pickle opcode " + name(op) + " would look up or call a Python"
                                + " class or function; concurrent4j's pickle codec decodes plain data only (None, bool,"
                                + " int, float, str, bytes, list, tuple, dict, set), never a class");
                case 'I', 'L', 'F', 'S', 'T', 'U', 'V', 'p', 'g' ->
                        throw bad("protocol-0/1 text opcode " + name(op) + "; pickle with protocol 2 or later"
                                + " (multiprocessing's send() does)");
                default -> throw bad("unknown pickle opcode 0x" + Integer.toHexString(op));
            }
        }
    }

    // ---- reading -------------------------------------------------------------------------

    private int u8() {
        if (pos >= end) throw bad("truncated pickle (no STOP)");
        return buf[pos++] & 0xff;
    }

    /** An unsigned little-endian integer of {@code n} bytes. */
    private long uLong(int n) {
        need(n);
        long v = 0;
        for (int i = 0; i < n; i++) v |= (long) (buf[pos + i] & 0xff) << (8 * i);
        pos += n;
        return v;
    }

    private long sLong(int n) {
        long v = uLong(n);
        int shift = 64 - 8 * n;
        return (v << shift) >> shift;
    }

    private long beLong() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (buf[pos + i] & 0xff);
        pos += 8;
        return v;
    }

    /** A length of {@code n} bytes announcing items of at least {@code minBytes}, checked against what is left. */
    private int length(int n, int minBytes, String what) {
        long len = uLong(n);
        if (len < 0 || len * minBytes > end - pos) {
            throw new SerializationException("pickle announces " + Long.toUnsignedString(len) + " bytes of " + what
                    + " but only " + (end - pos) + " are left in the message; refused before allocating");
        }
        return (int) len;
    }

    private void need(int n) {
        if (end - pos < n) throw bad("truncated pickle");
    }

    private String text(int n) {
        need(n);
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    private byte[] bytes(int n) {
        need(n);
        byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    private Object longN(int n) {
        need(n);
        if (n == 0) return 0;
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) be[i] = buf[pos + n - 1 - i];
        pos += n;
        return narrow(new BigInteger(be));
    }

    static Object narrow(BigInteger v) {
        if (v.bitLength() < 32) return v.intValue();
        if (v.bitLength() < 64) return v.longValue();
        return v;
    }

    // ---- the stack -----------------------------------------------------------------------

    private void push(Object v) {
        stack.add(v);
    }

    private Object pop() {
        if (stack.isEmpty() || stack.getLast() == MARK) throw bad("stack underflow");
        return stack.removeLast();
    }

    private Object peek() {
        if (stack.isEmpty() || stack.getLast() == MARK) throw bad("stack underflow");
        return stack.getLast();
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) throw bad("no MARK on the stack");
        int at = marks.removeLast();
        List<Object> items = new ArrayList<>(stack.subList(at + 1, stack.size()));
        stack.subList(at, stack.size()).clear();
        return items;
    }

    private Object[] popN(int n) {
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) items[i] = pop();
        return items;
    }

    private Object memoGet(long index) {
        Object v = memo.get(index);
        if (v == null && !memo.containsKey(index)) throw bad("memo entry " + index + " was never stored");
        return v;
    }

    // ---- values --------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        if (o instanceof ArrayList<?> l) return (List<Object>) l;
        throw bad("APPEND to a " + kind(o) + ", not a list");
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object o) {
        if (o instanceof LinkedHashMap<?, ?> m) return (Map<Object, Object>) m;
        throw bad("SETITEM on a " + kind(o) + ", not a dict");
    }

    @SuppressWarnings("unchecked")
    private Set<Object> set(Object o) {
        if (o instanceof LinkedHashSet<?> s && !frozenDepth.containsKey(o)) return (Set<Object>) s;
        throw bad("ADDITEMS on a " + kind(o) + ", not a set");
    }

    private void putAll(Map<Object, Object> m, List<Object> kv) {
        if (kv.size() % 2 != 0) throw bad("odd number of items for a dict");
        for (int i = 0; i < kv.size(); i += 2) {
            m.put(key(kv.get(i), "dict key"), kv.get(i + 1));
        }
    }

    /** A value that may be hashed: as Python, lists, dicts and sets may not. */
    private Object key(Object o, String role) {
        if (!hashable(o)) throw new SerializationException("unhashable type: '" + kind(o) + "' as a " + role + " in a pickle");
        return o;
    }

    private boolean hashable(Object o) {
        return o == null || o instanceof Boolean || o instanceof Number || o instanceof String || o instanceof byte[]
                || o instanceof PyTuple t && t.hashable || frozenDepth.containsKey(o);
    }

    private PyTuple tuple(Object[] items) {
        boolean hashable = true;
        int depth = 1;
        for (Object o : items) {
            hashable &= hashable(o);
            depth = Math.max(depth, 1 + depthOf(o));
        }
        if (depth > maxDepth) throw depthExceeded();
        return new PyTuple(items, hashable, depth);
    }

    private Set<Object> frozenset(List<Object> items) {
        Set<Object> s = new LinkedHashSet<>();
        int depth = 1;
        for (Object o : items) {
            s.add(key(o, "frozenset member"));
            depth = Math.max(depth, 1 + depthOf(o));
        }
        if (depth > maxDepth) throw depthExceeded();
        Set<Object> frozen = Collections.unmodifiableSet(s);
        frozenDepth.put(frozen, depth);
        return frozen;
    }

    private int depthOf(Object o) {
        if (o instanceof PyTuple t) return t.depth;
        Integer d = frozenDepth.get(o);
        return d == null ? 0 : d;
    }

    private SerializationException depthExceeded() {
        return new SerializationException("pickle nests tuples or frozensets deeper than the limit of " + maxDepth
                + " (-Dc4j.serial.maxDepth)");
    }

    private static String kind(Object o) {
        if (o == null) return "NoneType";
        if (o instanceof ArrayList<?>) return "list";
        if (o instanceof Map<?, ?>) return "dict";
        if (o instanceof Set<?>) return "set";
        if (o instanceof PyTuple) return "tuple";
        return o.getClass().getSimpleName();
    }

    private static String name(int op) {
        return op >= 0x20 && op < 0x7f ? "'" + (char) op + "'" : "0x" + Integer.toHexString(op);
    }

    private static SerializationException bad(String why) {
        return new SerializationException("not a valid pickle: " + why);
    }
}
