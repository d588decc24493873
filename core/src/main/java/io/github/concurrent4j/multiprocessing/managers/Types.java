package io.github.concurrent4j.multiprocessing.managers;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The types a manager's server can create, each with its explicit table of exposed methods:
 * the built-in ones ({@link Containers}, {@link SyncTypes}) and those registered with
 * {@link BaseManager.Builder#register}. A registered type's table holds exactly the public
 * methods of its interface, keyed by name and descriptor, as method handles resolved once at
 * start-up: the wire only selects an entry, it never names something to look up.
 */
final class Types {
    /** One exposed method: runs on the server against the target. */
    @FunctionalInterface
    interface Op {
        Object apply(Object target, Object[] args, Session session) throws Exception;
    }

    /** How to create an object of a type, and its table. */
    record Type(Function<Object[], Object> factory, Map<String, Op> ops) {}

    /** A registered type as it travels to the server's process. */
    record Registration(String typeid, String iface, BaseManager.Factory<?> factory) {}

    private final Map<String, Type> types;

    private Types(Map<String, Type> types) {
        this.types = types;
    }

    /** The built-in types plus {@code regs} (their interfaces are loaded here, in the server). */
    static Types load(List<Registration> regs) {
        Map<String, Type> all = new HashMap<>(Containers.TYPES);
        all.putAll(SyncTypes.TYPES);
        for (Registration r : regs) {
            Class<?> iface;
            try {
                iface = Class.forName(r.iface(), false, Types.class.getClassLoader() == null
                        ? ClassLoader.getSystemClassLoader() : Thread.currentThread().getContextClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("registered interface " + r.iface() + " is not on the manager's class path", e);
            }
            BaseManager.Factory<?> f = r.factory();
            all.put(r.typeid(), new Type(args -> {
                Object o = f.create(args);
                if (!iface.isInstance(o)) {
                    throw new IllegalStateException("the factory of '" + r.typeid() + "' made a "
                            + (o == null ? "null" : o.getClass().getName()) + ", not a " + iface.getName());
                }
                return o;
            }, table(iface)));
        }
        return new Types(Map.copyOf(all));
    }

    Type get(String typeid) {
        Type t = types.get(typeid);
        if (t == null) {
            throw new IllegalArgumentException("unknown typeid '" + typeid + "' (this manager serves " + new TreeSet<>(types.keySet()) + ")");
        }
        return t;
    }

    /** The key a registered interface's method travels as: its name and descriptor. */
    static String key(Method m) {
        return m.getName() + MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
    }

    /** The table of an interface's public abstract and default methods. */
    static Map<String, Op> table(Class<?> iface) {
        if (!iface.isInterface()) throw new IllegalArgumentException(iface.getName() + " is not an interface");
        Map<String, Op> ops = new HashMap<>();
        for (Method m : iface.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) continue;
            MethodHandle mh;
            try {
                mh = MethodHandles.publicLookup().unreflect(m);
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("interface method " + m + " is not accessible: make the interface public", e);
            }
            MethodHandle spread = mh.asSpreader(1, Object[].class, m.getParameterCount());
            ops.put(key(m), (target, args, s) -> {
                try {
                    return spread.invoke(target, args);
                } catch (Exception e) {
                    throw e;
                } catch (Error e) {
                    throw new RuntimeException(e.toString(), e); // reported to the caller; the session goes on
                } catch (Throwable t) {
                    throw new RuntimeException(t);
                }
            });
        }
        return Map.copyOf(ops);
    }
}
