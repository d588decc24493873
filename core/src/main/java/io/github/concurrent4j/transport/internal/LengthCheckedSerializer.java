package io.github.concurrent4j.transport.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers.BooleanArraySerializer;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers.ObjectArraySerializer;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers.StringArraySerializer;
import com.esotericsoftware.kryo.serializers.MapSerializer;

/**
 * Wraps one of Kryo's sized serializers (collections, maps, object arrays, and boolean arrays,
 * the one primitive array Kryo does not read through {@link BoundedInput}), whose {@code read}
 * starts with the element count and then allocates for it, so that {@link BoundedInput} checks
 * that count before the allocation. Every such serializer Kryo picks is wrapped
 * ({@link #wrap}, called from the codec's Kryo for every default serializer), so the check
 * covers Kryo's own subclasses (tree, priority-queue, immutable and {@code Arrays.asList}
 * collections and maps) without naming them.
 */
final class LengthCheckedSerializer<T> extends Serializer<T> {
    private final Serializer<T> inner;
    private final String what;
    private final int minBytes;
    private final boolean mayBeFree;

    private LengthCheckedSerializer(Serializer<T> inner, String what, int minBytes, boolean mayBeFree) {
        super(inner.getAcceptsNull(), inner.isImmutable());
        this.inner = inner;
        this.what = what;
        this.minBytes = minBytes;
        this.mayBeFree = mayBeFree;
    }

    /** {@code s} wrapped if it reads a length and allocates for it; {@code s} itself otherwise. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Serializer wrap(Serializer s, Class<?> type) {
        if (s instanceof CollectionSerializer) return new LengthCheckedSerializer(s, type.getName(), 1, true);
        if (s instanceof MapSerializer) return new LengthCheckedSerializer(s, type.getName(), 2, false);
        if (s instanceof ObjectArraySerializer || s instanceof StringArraySerializer || s instanceof BooleanArraySerializer) {
            return new LengthCheckedSerializer(s, type.getComponentType().getName() + "[]", 1, false);
        }
        return s;
    }

    @Override
    public void write(Kryo kryo, Output output, T object) {
        inner.write(kryo, output, object);
    }

    @Override
    public T read(Kryo kryo, Input input, Class<? extends T> type) {
        if (!(input instanceof BoundedInput bounded)) return inner.read(kryo, input, type);
        bounded.expectLength(what, minBytes, mayBeFree);
        try {
            return inner.read(kryo, input, type);
        } finally {
            bounded.disarm();
        }
    }

    @Override
    public T copy(Kryo kryo, T original) {
        return inner.copy(kryo, original);
    }
}
