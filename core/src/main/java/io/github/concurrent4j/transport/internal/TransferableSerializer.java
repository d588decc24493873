package io.github.concurrent4j.transport.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import io.github.concurrent4j.transport.SerializationException;
import io.github.concurrent4j.transport.Transferable;

/** Sends a {@link Transferable} as its form and rebuilds it from the form on the other side. */
final class TransferableSerializer extends Serializer<Transferable> {
    @Override
    public void write(Kryo kryo, Output output, Transferable object) {
        kryo.writeClassAndObject(output, object.transferOut());
    }

    @Override
    public Transferable read(Kryo kryo, Input input, Class<? extends Transferable> type) {
        Object form = kryo.readClassAndObject(input);
        if (!(form instanceof Transferable.Form f)) {
            throw new SerializationException("expected the transfer form of a " + type.getName() + ", got "
                    + (form == null ? "null" : form.getClass().getName()));
        }
        Object rebuilt = f.transferIn();
        if (!type.isInstance(rebuilt)) {
            throw new SerializationException("transfer form rebuilt a " + rebuilt.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(rebuilt);
    }
}
