package io.github.concurrent4j.transport;

import io.github.concurrent4j.transport.internal.PickleCodecs;

/**
 * The equivalent of the {@code pickle} that Python's {@code multiprocessing.connection} uses for
 * {@code send}/{@code recv}, restricted to plain data: a {@link Codec} a {@code Listener} or
 * {@code Client} connection can be opened with to exchange objects with a CPython process.
 *
 * <pre>
 *   Python                      Java, received              Java, sent
 *   None                        null                        null
 *   bool                        Boolean                     Boolean
 *   int (any size)              Integer, Long or BigInteger Integer, Long, Short, Byte, BigInteger
 *                               (the smallest that holds it)
 *   float                       Double                      Double, Float
 *   str                         String                      String, Character
 *   bytes, bytearray            byte[]                      byte[] (as bytes)
 *   list                        ArrayList                   any List
 *   tuple                       unmodifiable List           Object[] (or a received tuple)
 *   dict                        LinkedHashMap (ordered)     any Map
 *   set, frozenset              LinkedHashSet, unmodifiable Set   any Set (as set)
 * </pre>
 *
 * Nothing else crosses: decoding refuses every pickle opcode that names or calls a Python
 * object ({@code GLOBAL}, {@code REDUCE}, {@code BUILD}, ...) before it takes effect, so no
 * class is ever looked up or constructed from a pickle; encoding refuses any Java type outside
 * the table. The limits are the Kryo codec's: the frame limit, no announced length beyond the
 * bytes left in the message, tuples and frozensets (and, when sending, any value) nested at
 * most {@code -Dc4j.serial.maxDepth} deep, and no unhashable dict key or set member (as in
 * Python). Decoding is iterative, so no input can overflow the stack. A {@code byte[]} or a
 * tuple used as a map key compares by identity ({@code byte[]}) or by value (tuples) in Java.
 *
 * <p>Stateless and thread-safe; {@link #INSTANCE} is the one to use.
 */
public final class PickleCodec implements Codec {
    /** The codec. */
    public static final PickleCodec INSTANCE = new PickleCodec();

    /** For {@link Serialization#setCodec}'s by-name construction; use {@link #INSTANCE}. */
    public PickleCodec() {}

    @Override
    public void encode(Object value, ByteSink out) {
        byte[] b = PickleCodecs.encode(value);
        out.write(b, 0, b.length);
    }

    @Override
    public Object decode(byte[] buf, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
        try {
            return PickleCodecs.decode(buf, off, len);
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializationException("not a valid pickle: " + e, e);
        }
    }
}
