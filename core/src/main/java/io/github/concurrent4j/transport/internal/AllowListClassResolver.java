package io.github.concurrent4j.transport.internal;

import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultClassResolver;

import java.util.function.Supplier;

import io.github.concurrent4j.transport.AllowList;
import io.github.concurrent4j.transport.ClassNotAllowedException;
import io.github.concurrent4j.transport.Transferable;

/**
 * Kryo's name-based class resolution with the allow-list in front of it. Classes that are not
 * registered with a fixed id travel by name; on reading, a name is checked against
 * the allow-list before {@code Class.forName} sees it, so a refused class is
 * never loaded, let alone instantiated. Writing checks too, so the sender learns first.
 */
final class AllowListClassResolver extends DefaultClassResolver {
    private final Supplier<AllowList> allowList;

    AllowListClassResolver(Supplier<AllowList> allowList) {
        this.allowList = allowList;
    }

    @Override
    protected Class<?> getTypeByName(String className) {
        if (!allowList.get().allows(className)) throw new ClassNotAllowedException(className);
        return super.getTypeByName(className);
    }

    /**
     * Kryo builds a serializer for a class (reflecting on its fields) before it writes the name,
     * so the sender's check must come here: a JDK class that is not allowed (a
     * {@code StringWriter}) is refused with the allow-list's message, not with the module
     * system's {@code InaccessibleObjectException}.
     */
    @Override
    public Registration registerImplicit(Class type) {
        if (!type.isPrimitive() && !isTransferableProxy(type) && !allowList.get().allows(type.getName())) {
            throw new ClassNotAllowedException(type.getName());
        }
        return super.registerImplicit(type);
    }

    @Override
    protected void writeName(Output output, Class type, Registration registration) {
        if (isTransferableProxy(type)) {
            // A JDK dynamic proxy's class exists only in this process: it travels as the
            // interface Transferable, whose serializer sends and rebuilds the proxy's form.
            super.writeName(output, Transferable.class, registration);
            return;
        }
        if (!allowList.get().allows(type.getName())) throw new ClassNotAllowedException(type.getName());
        super.writeName(output, type, registration);
    }

    /** A dynamic proxy that is {@link Transferable} (a manager's proxy of a registered interface). */
    private static boolean isTransferableProxy(Class<?> type) {
        return Transferable.class.isAssignableFrom(type) && java.lang.reflect.Proxy.isProxyClass(type);
    }
}
