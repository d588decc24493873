package io.github.concurrent4j.transport.internal;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import io.github.concurrent4j.transport.AllowList;
import io.github.concurrent4j.transport.ClassNotAllowedException;
import io.github.concurrent4j.transport.SerializationException;

/**
 * Encodes a serializable lambda as its {@link SerializedLambda} (implementation method plus
 * captured values) and decodes it by asking the declaring class to recreate it.
 *
 * <p>Why not Kryo's {@code ClosureSerializer}: it calls the private
 * {@code SerializedLambda.readResolve}, which JDK 17+ refuses without
 * {@code --add-opens java.base/java.lang.invoke}. We call what {@code readResolve} calls,
 * the capturing class's synthetic {@code $deserializeLambda$}, which lives in the
 * application's own (unnamed, hence open) module. That method only recreates lambdas the
 * class itself declares, after checking the implementation method and signatures, so a
 * peer cannot use it to build an arbitrary method reference. Still, it loads and initializes
 * the declaring class, so the declaring class's name is checked first
 * ({@link AllowList#allowsLambdasOf}): a refused lambda's class is never loaded and none of
 * its captured values is read. Reflection is unavoidable
 * here: both methods are private and synthetic, with no public API in front of them.
 *
 * <p><b>Lambdas that capture nothing</b> (a method reference such as {@code Integer::sum}, a
 * lambda using only its arguments) are the same on every call, and a manager's {@code merge}
 * or a pool's {@code map} sends one per message. So their {@link SerializedLambda} is kept per
 * lambda class on the sending side ({@code writeReplace} is called once), and the lambda made
 * on the receiving side is kept per description and handed out again, as Python's pickle
 * hands out the one function a name refers to. The allow-list is consulted on every decode,
 * cache or not, and a description only reaches the cache through {@code $deserializeLambda$}.
 */
final class LambdaSerializer extends Serializer<Object> {
    private static final ClassValue<Method> WRITE_REPLACE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            try {
                Method m = type.getDeclaredMethod("writeReplace");
                m.setAccessible(true);
                return m;
            } catch (NoSuchMethodException e) {
                return null;
            } catch (RuntimeException e) { // InaccessibleObjectException: a lambda of a named, closed module
                throw new SerializationException("cannot serialize lambda " + type.getName()
                        + ": its module does not open its package to concurrent4j", e);
            }
        }
    };
    private static final ClassValue<Method> DESERIALIZE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            try {
                Method m = type.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
                m.setAccessible(true);
                return m;
            } catch (NoSuchMethodException e) {
                return null;
            } catch (RuntimeException e) {
                throw new SerializationException("cannot deserialize a lambda of " + type.getName()
                        + ": its module does not open its package to concurrent4j", e);
            }
        }
    };

    /**
     * The capturing class's {@code $deserializeLambda$}, made accessible, or null if it has none
     * (cached per class: priming fills the cache before the real task needs it).
     */
    static Method deserializer(Class<?> owner) {
        return DESERIALIZE.get(owner);
    }

    /** The SerializedLambda of each lambda class seen capturing nothing (null until then). */
    private static final ClassValue<AtomicReference<SerializedLambda>> NON_CAPTURING = new ClassValue<>() {
        @Override
        protected AtomicReference<SerializedLambda> computeValue(Class<?> type) {
            return new AtomicReference<>();
        }
    };
    /**
     * At most this many decoded lambdas are kept per serializer, i.e. per pooled Kryo (used by
     * one thread at a time); a peer's messages cannot raise the bound. Not a static map: that
     * would hold the class loaders of the lambdas' classes for ever.
     */
    static final int DECODED_MAX = 256;

    /** What a lambda without captured values is made from: equal descriptions, equal lambdas. */
    private record Description(String capturing, String fiClass, String fiName, String fiSig, int kind,
                               String implClass, String implName, String implSig, String instantiated) {}

    private final java.util.HashMap<Description, Object> decoded = new java.util.HashMap<>();
    /**
     * How many lambdas the calling thread has described through writeReplace [0] and made
     * through $deserializeLambda$ [1]: what the caches save, for the tests (slow paths only).
     */
    static final ThreadLocal<long[]> SLOW_PATHS = ThreadLocal.withInitial(() -> new long[2]);
    private final ClassLoader loader;
    private final Supplier<AllowList> allowList;
    private final Consumer<String> lambdaSent;

    /**
     * @param allowList  decides which declaring classes' lambdas may be decoded
     * @param lambdaSent told the declaring class of every lambda encoded (the "this family sent
     *                   it" record, see {@link io.github.concurrent4j.transport.Serialization})
     */
    LambdaSerializer(ClassLoader loader, Supplier<AllowList> allowList, Consumer<String> lambdaSent) {
        this.loader = loader;
        this.allowList = allowList;
        this.lambdaSent = lambdaSent;
    }

    @Override
    public void write(Kryo kryo, Output out, Object lambda) {
        AtomicReference<SerializedLambda> known = NON_CAPTURING.get(lambda.getClass());
        SerializedLambda s = known.get();
        if (s == null) {
            s = toSerializedLambda(lambda);
            SLOW_PATHS.get()[0]++;
            if (s.getCapturedArgCount() == 0) known.set(s);
        }
        String owner = s.getCapturingClass().replace('/', '.');
        lambdaSent.accept(owner);
        out.writeString(owner);
        out.writeString(s.getFunctionalInterfaceClass());
        out.writeString(s.getFunctionalInterfaceMethodName());
        out.writeString(s.getFunctionalInterfaceMethodSignature());
        out.writeVarInt(s.getImplMethodKind(), true);
        out.writeString(s.getImplClass());
        out.writeString(s.getImplMethodName());
        out.writeString(s.getImplMethodSignature());
        out.writeString(s.getInstantiatedMethodType());
        int n = s.getCapturedArgCount();
        out.writeVarInt(n, true);
        for (int i = 0; i < n; i++) kryo.writeClassAndObject(out, s.getCapturedArg(i));
    }

    @Override
    public Object read(Kryo kryo, Input in, Class<?> type) {
        String capturing = in.readString();
        // Before anything else of the lambda is read, and long before its class is loaded.
        if (capturing == null || !allowList.get().allowsLambdasOf(capturing)) {
            throw ClassNotAllowedException.lambdaOf(String.valueOf(capturing));
        }
        String fiClass = in.readString(), fiName = in.readString(), fiSig = in.readString();
        int kind = in.readVarInt(true);
        String implClass = in.readString(), implName = in.readString(), implSig = in.readString();
        String instantiated = in.readString();
        int n = in.readVarInt(true);
        if (n > 255) throw new SerializationException("lambda with " + n + " captured values: corrupt input");
        if (n == 0) {
            Description d = new Description(capturing, fiClass, fiName, fiSig, kind, implClass, implName, implSig,
                    instantiated);
            Object lambda = decoded.get(d);
            if (lambda == null) {
                lambda = recreate(capturing, fiClass, fiName, fiSig, kind, implClass, implName, implSig, instantiated,
                        new Object[0]);
                if (decoded.size() < DECODED_MAX) decoded.put(d, lambda);
            }
            return lambda;
        }
        Object[] captured = new Object[n];
        for (int i = 0; i < n; i++) captured[i] = kryo.readClassAndObject(in);
        return recreate(capturing, fiClass, fiName, fiSig, kind, implClass, implName, implSig, instantiated, captured);
    }

    private Object recreate(String capturing, String fiClass, String fiName, String fiSig, int kind, String implClass,
                            String implName, String implSig, String instantiated, Object[] captured) {
        SLOW_PATHS.get()[1]++;
        Class<?> owner = capturingClass(capturing);
        Method deserialize = deserializer(owner);
        if (deserialize == null) {
            throw new SerializationException("class " + capturing + " declares no serializable lambda");
        }
        SerializedLambda s = new SerializedLambda(owner, fiClass, fiName, fiSig, kind, implClass, implName, implSig,
                instantiated, captured);
        try {
            return deserialize.invoke(null, s);
        } catch (InvocationTargetException e) {
            throw new SerializationException("cannot recreate lambda " + implClass + "." + implName
                    + " declared in " + capturing + ": " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new SerializationException("cannot recreate lambda declared in " + capturing, e);
        }
    }

    private Class<?> capturingClass(String name) {
        if (name.isEmpty() || name.charAt(0) == '[') throw new SerializationException("bad lambda owner '" + name + "'");
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new SerializationException("lambda owner class " + name + " not found on this process's class path", e);
        }
    }

    static SerializedLambda toSerializedLambda(Object lambda) {
        Method writeReplace = WRITE_REPLACE.get(lambda.getClass());
        if (writeReplace == null) {
            throw new SerializationException("lambda " + lambda.getClass().getName() + " is not serializable: declare it"
                    + " as a SerializableRunnable, SerializableCallable, SerializableFunction... (io.github.concurrent4j.function)");
        }
        try {
            if (writeReplace.invoke(lambda) instanceof SerializedLambda s) return s;
            throw new SerializationException("lambda " + lambda.getClass().getName() + " did not yield a SerializedLambda");
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new SerializationException("cannot serialize lambda " + lambda.getClass().getName(), e);
        }
    }
}
