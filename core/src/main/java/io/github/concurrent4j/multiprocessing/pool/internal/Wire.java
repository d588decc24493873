package io.github.concurrent4j.multiprocessing.pool.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.github.concurrent4j.futures.internal.Outcomes.Failure;
import io.github.concurrent4j.transport.ByteSink;
import io.github.concurrent4j.transport.Serialization;
import io.github.concurrent4j.transport.SerializationException;

/**
 * The messages between the parent and a pool's worker process, over the worker's duplex pipe.
 * Each is one byte message: a fixed header, then (for some) a codec frame. The header keeps
 * the chunk id and item count outside the codec frame, so that a frame that cannot be decoded
 * still fails exactly its own chunk.
 *
 * <pre>
 *  parent → worker
 *   TASK    0: 1 | 1: chunk id (i64) | 9: items (i32) | 13: function slot (i32) | 17: flags (i8)
 *           18: [allow-list frame length (i32), allow-list frame: String[]]   if flags &amp; ALLOW
 *           then: codec frame of Object[]{function or null (flags &amp; FN), items (packed)}
 *   RETIRE  0: 2
 *
 *  worker → parent
 *   READY        0: 1
 *   INIT_FAILED  0: 2 | 1: codec frame of RemoteFailure
 *   DONE         0: 3 | 1: chunk id (i64) | 9: items (i32) | 13: codec frame of the outcomes (packed)
 * </pre>
 *
 * Packed ({@link #pack}): an array of only {@code Integer}s travels as an {@code int[]} (of only
 * {@code Long}s, {@code Double}s: {@code long[]}, {@code double[]}), any other as the
 * {@code Object[]} itself. The codec writes a primitive array as bare values, without a class
 * tag and a reference check per element: the parent's encoding and decoding of a
 * {@code map(x -> x * x, range(200_000))} chunk took about half of that map's time.
 *
 * A job's function is sent once per worker and slot: the parent decides which of
 * {@link #SLOTS} slots holds which function (its messages are read in the order sent), so the
 * worker only stores and looks up. An outcome that is a {@link Failure} travels as a
 * {@link RemoteFailure}, also one level inside an {@code Object[]} result (an executor's
 * chunked {@code map} returns its per-item outcomes as one result).
 */
final class Wire {
    private Wire() {}

    static final byte TASK = 1, RETIRE = 2;
    static final byte READY = 1, INIT_FAILED = 2, DONE = 3;
    static final byte FN = 1, ALLOW = 2;
    static final int TASK_HEADER = 18, DONE_HEADER = 13;
    /** Functions a worker keeps. */
    static final int SLOTS = 16;

    static ByteBuffer header(byte[] m) {
        return ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A DONE message for {@code outcomes} (already in their travelling form). */
    static ByteSink done(ByteSink sink, long chunkId, int items, Object[] wireOutcomes) {
        sink.clear();
        sink.reserve(DONE_HEADER);
        Serialization.codec().encode(pack(wireOutcomes), sink);
        ByteBuffer.wrap(sink.array(), 0, DONE_HEADER).order(ByteOrder.LITTLE_ENDIAN).put(DONE).putLong(chunkId).putInt(items);
        return sink;
    }

    /** Outcomes as they travel: each {@link Failure} (also inside an {@code Object[]} result) as a {@link RemoteFailure}. */
    static Object[] toWire(Object[] outcomes) {
        Object[] out = outcomes;
        for (int i = 0; i < outcomes.length; i++) {
            Object o = outcomes[i];
            Object w = o instanceof Failure f ? RemoteFailure.of(f.error()) : o instanceof Object[] a ? nestedToWire(a) : o;
            if (w != o) {
                if (out == outcomes) out = outcomes.clone();
                out[i] = w;
            }
        }
        return out;
    }

    private static Object nestedToWire(Object[] a) {
        if (a.getClass() != Object[].class) return a;
        Object[] out = a;
        for (int i = 0; i < a.length; i++) {
            if (a[i] instanceof Failure f) {
                if (out == a) out = a.clone();
                out[i] = RemoteFailure.of(f.error());
            }
        }
        return out;
    }

    /** The inverse of {@link #toWire}, in place. */
    static Object[] fromWire(Object[] outcomes) {
        for (int i = 0; i < outcomes.length; i++) {
            Object o = outcomes[i];
            if (o instanceof RemoteFailure r) outcomes[i] = new Failure(r.toThrowable());
            else if (o != null && o.getClass() == Object[].class) {
                Object[] a = (Object[]) o;
                for (int j = 0; j < a.length; j++) if (a[j] instanceof RemoteFailure r) a[j] = new Failure(r.toThrowable());
            }
        }
        return outcomes;
    }

    /** Items or outcomes as they travel: see the class comment. */
    static Object pack(Object[] a) {
        if (a.length == 0 || a.getClass() != Object[].class) return a;
        Class<?> k = a[0] == null ? null : a[0].getClass();
        if (k != Integer.class && k != Long.class && k != Double.class) return a;
        for (Object o : a) if (o == null || o.getClass() != k) return a;
        if (k == Integer.class) {
            int[] p = new int[a.length];
            for (int i = 0; i < p.length; i++) p[i] = (Integer) a[i];
            return p;
        }
        if (k == Long.class) {
            long[] p = new long[a.length];
            for (int i = 0; i < p.length; i++) p[i] = (Long) a[i];
            return p;
        }
        double[] p = new double[a.length];
        for (int i = 0; i < p.length; i++) p[i] = (Double) a[i];
        return p;
    }

    /** The inverse of {@link #pack}. */
    static Object[] unpack(Object packed) {
        return switch (packed) {
            case Object[] a -> a;
            case int[] p -> {
                Object[] a = new Object[p.length];
                for (int i = 0; i < p.length; i++) a[i] = p[i];
                yield a;
            }
            case long[] p -> {
                Object[] a = new Object[p.length];
                for (int i = 0; i < p.length; i++) a[i] = p[i];
                yield a;
            }
            case double[] p -> {
                Object[] a = new Object[p.length];
                for (int i = 0; i < p.length; i++) a[i] = p[i];
                yield a;
            }
            case null, default -> throw new SerializationException("not a packed array: "
                    + (packed == null ? "null" : packed.getClass().getName()));
        };
    }

    /** {@code n} failures with {@code t}. */
    static Object[] failures(int n, Throwable t) {
        Object[] out = new Object[n];
        Failure f = new Failure(t);
        java.util.Arrays.fill(out, f);
        return out;
    }
}
