package io.github.concurrent4j.transport.internal;

import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The "shape" of a serializable lambda: everything about it except its captured values. A
 * JVM that has never seen a lambda spins a class for it on first deserialization (milliseconds
 * in a young JVM); a standby JVM that is shown the shape ahead of time pays that before the
 * task arrives. Captured values are replaced by zeros and nulls of the right types, so showing
 * a shape never decodes (or attaches to) anything the real task carries.
 *
 * <p>A shape is a plain list of strings and ints, which every codec can carry.
 */
public final class LambdaShapes {
    private LambdaShapes() {}

    /** The shape of {@code lambda}, or empty if it is not a serializable lambda. */
    public static Optional<List<Object>> shapeOf(Object lambda) {
        if (lambda == null || !lambda.getClass().isSynthetic() && !lambda.getClass().isHidden()) return Optional.empty();
        SerializedLambda s;
        try {
            s = LambdaSerializer.toSerializedLambda(lambda);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        List<Object> shape = new ArrayList<>();
        shape.add(s.getCapturingClass().replace('/', '.'));
        shape.add(s.getFunctionalInterfaceClass());
        shape.add(s.getFunctionalInterfaceMethodName());
        shape.add(s.getFunctionalInterfaceMethodSignature());
        shape.add(s.getImplMethodKind());
        shape.add(s.getImplClass());
        shape.add(s.getImplMethodName());
        shape.add(s.getImplMethodSignature());
        shape.add(s.getInstantiatedMethodType());
        shape.add(s.getCapturedArgCount());
        return Optional.of(List.copyOf(shape));
    }

    /** A key that identifies the lambda (its implementation method). */
    public static String key(List<Object> shape) {
        return shape.get(5) + "." + shape.get(6) + shape.get(7);
    }

    /** Recreates a lambda of this shape with placeholder captured values, spinning its class. */
    public static void prime(List<Object> shape, ClassLoader loader) throws ReflectiveOperationException {
        Class<?> owner = Class.forName((String) shape.get(0), false, loader);
        int kind = (Integer) shape.get(4);
        String implClass = (String) shape.get(5), implSig = (String) shape.get(7);
        int captured = (Integer) shape.get(9);
        Object[] args = placeholders(kind, implClass, implSig, captured, loader);
        SerializedLambda s = new SerializedLambda(owner, (String) shape.get(1), (String) shape.get(2), (String) shape.get(3),
                kind, implClass, (String) shape.get(6), implSig, (String) shape.get(8), args);
        Method deserialize = LambdaSerializer.deserializer(owner);
        if (deserialize == null) throw new NoSuchMethodException(owner.getName() + ".$deserializeLambda$");
        deserialize.invoke(null, s);
    }

    /** Zero or null for each captured value: the receiver first for instance methods, then leading parameters. */
    private static Object[] placeholders(int kind, String implClass, String implSig, int captured, ClassLoader loader) {
        MethodType type = MethodType.fromMethodDescriptorString(implSig, loader);
        List<Class<?>> types = new ArrayList<>();
        boolean receiver = kind == MethodHandleInfo.REF_invokeVirtual || kind == MethodHandleInfo.REF_invokeSpecial
                || kind == MethodHandleInfo.REF_invokeInterface;
        if (receiver) types.add(Object.class);
        types.addAll(type.parameterList());
        Object[] args = new Object[captured];
        for (int i = 0; i < captured && i < types.size(); i++) args[i] = zero(types.get(i));
        return args;
    }

    private static Object zero(Class<?> t) {
        if (!t.isPrimitive()) return null;
        if (t == boolean.class) return false;
        if (t == char.class) return '\0';
        if (t == byte.class) return (byte) 0;
        if (t == short.class) return (short) 0;
        if (t == int.class) return 0;
        if (t == long.class) return 0L;
        if (t == float.class) return 0f;
        return 0d;
    }
}
