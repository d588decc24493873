package io.github.concurrent4j.transport.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;


import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ClosureSerializer;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import org.jctools.queues.atomic.MpmcAtomicArrayQueue;

import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.concurrent4j.transport.AllowList;
import io.github.concurrent4j.transport.ByteSink;
import io.github.concurrent4j.transport.Codec;
import io.github.concurrent4j.transport.Serialization;
import io.github.concurrent4j.transport.SerializationException;
import io.github.concurrent4j.transport.Transferable;

/**
 * The standard codec: a one-byte tag, then either a fast fixed encoding (null, boxed
 * primitives, String, byte[]: the bulk of queue and pipe traffic, which Kryo would frame
 * with class ids and reference bookkeeping) or a Kryo object graph.
 *
 * <pre>
 *  tag  0 null | 1 Integer (4 B) | 2 Long (8 B) | 3 String (UTF-8, rest) | 4 byte[] (rest)
 *       5 true | 6 false | 7 Double (8 B) | 9 Kryo graph (rest)        little-endian numbers
 * </pre>
 *
 * Kryo instances are not thread-safe and cost a few hundred microseconds to build, so they
 * are pooled rather than made per thread: a pool serves virtual threads as well as platform
 * ones. Kryo runs with references on (cyclic graphs work, as with pickle), a depth limit,
 * class names on the wire checked by {@link AllowListClassResolver}, and
 * {@link LambdaSerializer} for lambdas.
 */
public final class KryoCodec implements Codec {
    static {
        // Kryo probes sun.misc.Unsafe unless told not to, which JDK 25 warns about on stderr;
        // we use none of its Unsafe-based classes.
        if (System.getProperty("kryo.unsafe") == null) System.setProperty("kryo.unsafe", "false");
    }

    public static final KryoCodec INSTANCE = new KryoCodec();

    static final int NULL = 0, INT = 1, LONG = 2, STRING = 3, BYTES = 4, TRUE = 5, FALSE = 6, DOUBLE = 7, KRYO = 9;
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Idle Kryo states. A lock-free array queue, not Kryo's own {@code Pool} (a
     * {@code LinkedBlockingQueue}): that took a lock twice per message, and its unlock's
     * {@code signalNext} was 7 % of a process pool's I/O thread in a profile of a
     * {@code map} of tiny tasks. At most {@link #POOLED} are kept; more are made when more
     * threads encode at once, and dropped afterwards.
     */
    private final MpmcAtomicArrayQueue<State> pool = new MpmcAtomicArrayQueue<>(POOLED);
    private static final int POOLED = 64;

    private State obtain() {
        State st = pool.poll();
        return st != null ? st : new State(newKryo());
    }

    private void free(State st) {
        pool.offer(st); // full: dropped
    }

    /** Kryo and its reusable buffers. */
    private record State(Kryo kryo, Output out, BoundedInput in) {
        State(Kryo kryo) {
            this(kryo, new Output(256, -1), new BoundedInput(Limits.maxLength()));
        }
    }

    private final Supplier<AllowList> allowList;
    private final Consumer<String> lambdaSent;

    /**
     * A codec that checks the process-wide allow-list of {@link Serialization} and records there
     * the declaring classes of the lambdas it encodes.
     */
    public KryoCodec() {
        this(Serialization::allowList, Serialization::lambdaSent);
    }

    /**
     * A codec that checks the given allow-list and records nothing (tests use it to stand in for
     * a hostile peer).
     */
    public KryoCodec(Supplier<AllowList> allowList) {
        this(allowList, owner -> { });
    }

    /** A codec that checks the given allow-list and tells {@code lambdaSent} each lambda's declaring class it encodes. */
    public KryoCodec(Supplier<AllowList> allowList, Consumer<String> lambdaSent) {
        this.allowList = java.util.Objects.requireNonNull(allowList, "allowList");
        this.lambdaSent = java.util.Objects.requireNonNull(lambdaSent, "lambdaSent");
    }

    @Override
    public void encode(Object value, ByteSink out) {
        switch (value) {
            case null -> out.write(NULL);
            case Integer i -> INTS.set(out.array(), reserveTagged(out, INT, 4), (int) i);
            case Long l -> LONGS.set(out.array(), reserveTagged(out, LONG, 8), (long) l);
            case Double d -> LONGS.set(out.array(), reserveTagged(out, DOUBLE, 8), Double.doubleToRawLongBits(d));
            case Boolean b -> out.write(b ? TRUE : FALSE);
            case String s -> {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                out.write(STRING);
                out.write(utf8, 0, utf8.length);
            }
            case byte[] bytes -> {
                out.write(BYTES);
                out.write(bytes, 0, bytes.length);
            }
            default -> encodeGraph(value, out);
        }
    }

    private static int reserveTagged(ByteSink out, int tag, int size) {
        int at = out.reserve(1 + size);
        out.array()[at] = (byte) tag;
        return at + 1;
    }

    private void encodeGraph(Object value, ByteSink out) {
        State st = obtain();
        try {
            Output o = st.out();
            o.reset();
            st.kryo().writeClassAndObject(o, value);
            out.write(KRYO);
            out.write(o.getBuffer(), 0, o.position());
        } catch (RuntimeException e) {
            throw translate("cannot encode " + value.getClass().getName(), e);
        } catch (StackOverflowError e) {
            throw new SerializationException("cannot encode " + value.getClass().getName()
                    + ": nested deeper than this thread's stack allows", e);
        } finally {
            st.kryo().reset();
            free(st);
        }
    }

    @Override
    public Object decode(byte[] buf, int off, int len) {
        if (len < 1) throw new SerializationException("empty message: nothing to decode");
        int tag = buf[off];
        int body = off + 1, n = len - 1;
        return switch (tag) {
            case NULL -> fixed(n, 0) ? null : null;
            case INT -> fixed(n, 4) ? (Object) (int) INTS.get(buf, body) : null;
            case LONG -> fixed(n, 8) ? (Object) (long) LONGS.get(buf, body) : null;
            case DOUBLE -> fixed(n, 8) ? (Object) Double.longBitsToDouble((long) LONGS.get(buf, body)) : null;
            case TRUE -> fixed(n, 0) ? Boolean.TRUE : null;
            case FALSE -> fixed(n, 0) ? Boolean.FALSE : null;
            case STRING -> new String(buf, body, n, StandardCharsets.UTF_8);
            case BYTES -> java.util.Arrays.copyOfRange(buf, body, body + n);
            case KRYO -> decodeGraph(buf, body, n);
            default -> throw new SerializationException("unknown encoding tag " + tag + ": not a concurrent4j message");
        };
    }

    /** Checks a fixed-size body's length before it is read; returns true or throws. */
    private static boolean fixed(int actual, int expected) {
        if (actual < expected) throw new SerializationException("truncated message: " + actual + " of " + expected + " bytes");
        if (actual > expected) throw new SerializationException("message has " + (actual - expected) + " trailing bytes");
        return true;
    }

    /**
     * Decodes a Kryo graph. Everything a hostile frame can make Kryo or a JDK class throw becomes
     * a {@link SerializationException}; a stack overflow (a graph nested deeper than this thread's
     * stack, below the depth limit) too, and then the Kryo instance is dropped rather than reused.
     */
    private Object decodeGraph(byte[] buf, int off, int len) {
        State st = obtain();
        boolean reusable = true;
        try {
            BoundedInput in = st.in();
            in.begin(buf, off, len);
            Object v = st.kryo().readClassAndObject(in);
            if (in.position() != off + len) {
                throw new SerializationException("message has " + (off + len - in.position()) + " trailing bytes");
            }
            return v;
        } catch (RuntimeException e) {
            throw translate("cannot decode message", e);
        } catch (StackOverflowError e) {
            reusable = false;
            throw new SerializationException("cannot decode message: nested deeper than this thread's stack allows"
                    + " (the depth limit is " + Limits.maxDepth() + ", -Dc4j.serial.maxDepth)", e);
        } finally {
            st.in().begin(EMPTY, 0, 0);
            st.kryo().reset();
            if (reusable) free(st);
        }
    }

    private static final byte[] EMPTY = new byte[0];

    /**
     * Surfaces our own exceptions (an allow-list refusal, a length refusal) from inside Kryo's
     * wrapping, and names the module problem when a JDK class is not open to reflection.
     */
    private static RuntimeException translate(String what, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SerializationException se) return se;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.lang.reflect.InaccessibleObjectException) {
                return new SerializationException(what + ": a class in it is allowed but its module does not open"
                        + " its fields to concurrent4j (" + t.getMessage() + "); send a plain value instead"
                        + " (a String, a record of allowed types)", e);
            }
        }
        return new SerializationException(what + ": " + e, e);
    }

    private static final int REFERENCE_TABLE = 32;

    private Kryo newKryo() {
        ClassLoader loader = contextLoader();
        // The reference table shrinks back to REFERENCE_TABLE after each message: Kryo's
        // default keeps up to 2 048 entries, and clearing it (Arrays.fill over its whole key
        // table, whenever a message held one reference: an Object[] does) was 9 % of a process
        // pool's I/O thread once one large graph had grown it.
        Kryo k = new Kryo(new AllowListClassResolver(allowList), new MapReferenceResolver(REFERENCE_TABLE)) {
            @Override
            @SuppressWarnings("rawtypes")
            public com.esotericsoftware.kryo.Serializer getDefaultSerializer(Class type) {
                return LengthCheckedSerializer.wrap(super.getDefaultSerializer(type), type);
            }
        };
        k.setClassLoader(loader);
        k.setRegistrationRequired(false); // names on the wire, checked by the allow-list
        k.setReferences(true);
        k.setMaxDepth(Limits.maxDepth());
        k.setInstantiatorStrategy(new DecodeInstantiators());
        ImmutableCollectionsSerializers.addDefaultSerializers(k);
        k.register(ClosureSerializer.Closure.class, new LambdaSerializer(loader, allowList, lambdaSent), 40);
        k.register(java.lang.reflect.InvocationHandler.class, new ProxySerializer(), 41);
        // The arrays every message is made of, by number rather than by name: an Object[] was
        // written as "[Ljava.lang.Object;" in each message and read back through a string and an
        // allow-list lookup (a pool's result, a queue's byte[] item). Serialized as before (the
        // default serializers, length-checked); a name-encoded array still decodes.
        k.register(Object[].class, 42);
        k.register(byte[].class, 43);
        k.register(int[].class, 44);
        k.register(long[].class, 45);
        k.register(double[].class, 46);
        k.register(String[].class, 47);
        k.addDefaultSerializer(Transferable.class, new TransferableSerializer());
        k.addDefaultSerializer(java.nio.file.Path.class, new PathSerializer());
        return k;
    }

    private static ClassLoader contextLoader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : KryoCodec.class.getClassLoader();
    }
}
