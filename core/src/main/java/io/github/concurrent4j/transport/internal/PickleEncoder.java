package io.github.concurrent4j.transport.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Pickler;

import io.github.concurrent4j.transport.SerializationException;

/**
 * Java values to a pickle that CPython's {@code pickle.loads} (and so
 * {@code Connection.recv}) reads: the library's {@link Pickler}, after a walk that refuses
 * every type outside the codec's table (the library would otherwise pickle any Java bean as a
 * dict, a {@code BigDecimal} as a {@code decimal.Decimal}, and so on), with three
 * corrections: {@code byte[]} becomes {@code bytes} (the library writes {@code bytearray}),
 * a {@code Set} becomes a {@code set} with protocol-4 opcodes (no {@code GLOBAL}), and a
 * {@link PyTuple} becomes a {@code tuple} again.
 */
final class PickleEncoder extends Pickler {
    private PickleEncoder() {
        super(true, false); // memo by identity: shared and cyclic lists and dicts stay shared
    }

    static byte[] encode(Object value, int maxDepth) {
        check(value, maxDepth, 0, new IdentityHashMap<>(), false);
        try {
            return new PickleEncoder().dumps(value);
        } catch (IOException | PickleException e) {
            throw new SerializationException("cannot pickle " + value.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    /** Refuses what the table does not hold, nesting beyond the limit, and unhashable keys. */
    private static void check(Object o, int maxDepth, int depth, IdentityHashMap<Object, Boolean> seen, boolean asKey) {
        if (depth > maxDepth) {
            throw new SerializationException("value nests deeper than the limit of " + maxDepth + " (-Dc4j.serial.maxDepth)");
        }
        if (o == null || o instanceof Boolean || o instanceof Integer || o instanceof Long || o instanceof Short
                || o instanceof Byte || o instanceof BigInteger || o instanceof Double || o instanceof Float
                || o instanceof String || o instanceof Character || o instanceof byte[]) {
            return;
        }
        boolean tuple = o instanceof Object[] || o instanceof PyTuple;
        if (asKey && !tuple) {
            throw new SerializationException("a " + o.getClass().getName() + " cannot be a dict key or set member in"
                    + " Python (unhashable); use a tuple (Object[]) or a frozen value");
        }
        if (seen.put(o, Boolean.TRUE) != null) return; // shared or cyclic: pickled once, through the memo
        switch (o) {
            case Object[] a -> { for (Object x : a) check(x, maxDepth, depth + 1, seen, asKey); }
            case Map<?, ?> m -> m.forEach((k, v) -> {
                check(k, maxDepth, depth + 1, seen, true);
                check(v, maxDepth, depth + 1, seen, false);
            });
            case Set<?> s -> { for (Object x : s) check(x, maxDepth, depth + 1, seen, true); }
            case Collection<?> c when c instanceof List<?> -> { for (Object x : c) check(x, maxDepth, depth + 1, seen, asKey); }
            default -> throw new SerializationException("class " + o.getClass().getName() + " has no Python equivalent in"
                    + " concurrent4j's pickle codec, which carries None, bool, int, float, str, bytes, list, tuple, dict"
                    + " and set only (null, Boolean, Integer/Long/BigInteger, Double, String, byte[], List, Object[],"
                    + " Map, Set); send its fields as one of those");
        }
    }

    @Override
    public void save(Object o) throws PickleException, IOException {
        switch (o) {
            case byte[] b -> {
                if (b.length < 256) {
                    out.write(Opcodes.SHORT_BINBYTES);
                    out.write(b.length);
                } else {
                    out.write(Opcodes.BINBYTES);
                    writeInt32(b.length);
                }
                out.write(b);
            }
            case PyTuple t -> super.save(t.toArray());
            case Set<?> s -> {
                out.write(Opcodes.EMPTY_SET);
                if (!s.isEmpty()) {
                    out.write(Opcodes.MARK);
                    for (Object x : s) save(x);
                    out.write(Opcodes.ADDITEMS);
                }
            }
            case null, default -> super.save(o);
        }
    }

    private void writeInt32(int v) throws IOException {
        for (int i = 0; i < 4; i++) out.write(v >>> (8 * i));
    }
}
