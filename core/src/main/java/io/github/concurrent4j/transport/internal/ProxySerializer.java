package io.github.concurrent4j.transport.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import io.github.concurrent4j.transport.SerializationException;
import io.github.concurrent4j.transport.Transferable;

/**
 * Sends a JDK dynamic proxy that is {@link Transferable} (a manager's proxy of a registered
 * interface) as its form. Kryo files every dynamic proxy class under the registration of
 * {@link java.lang.reflect.InvocationHandler} (a proxy's class exists only in the process that
 * generated it), so this serializer is registered for that interface with a fixed id: no class
 * name travels, and what is read is the form, whose class the allow-list checks. Any other
 * dynamic proxy is refused.
 */
final class ProxySerializer extends Serializer<Object> {
    @Override
    public void write(Kryo kryo, Output output, Object object) {
        if (!(object instanceof Transferable t) || !java.lang.reflect.Proxy.isProxyClass(object.getClass())) {
            throw new SerializationException("cannot send " + object.getClass().getName()
                    + ": a dynamic proxy (or invocation handler) crosses processes only as a manager's proxy");
        }
        kryo.writeClassAndObject(output, t.transferOut());
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> type) {
        Object form = kryo.readClassAndObject(input);
        if (!(form instanceof Transferable.Form f)) {
            throw new SerializationException("expected the transfer form of a proxy, got "
                    + (form == null ? "null" : form.getClass().getName()));
        }
        return f.transferIn();
    }
}
