package io.github.concurrent4j.multiprocessing.managers;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.concurrent4j.transport.Transferable;

/** Makes the proxy that stands for a token: a built-in one by its typeid, or one of a registered interface. */
final class Proxies {
    private Proxies() {}

    static Object builtin(Wire.Token t, Calls.Endpoint e) {
        return switch (t.typeid()) {
            case "dict" -> new DictProxyImpl<>(t, e);
            case "list" -> new ListProxyImpl<>(t, e);
            case "namespace" -> new ValueProxies.Ns(t, e);
            case "value" -> new ValueProxies.Val<>(t, e);
            case "array" -> new ValueProxies.Arr<>(t, e);
            case "lock", "rlock", "semaphore", "boundedSemaphore" -> new SyncProxies.Acquirer(t, e);
            case "condition" -> new SyncProxies.Cond(t, e);
            case "event" -> new SyncProxies.Evt(t, e);
            case "barrier" -> new SyncProxies.Bar(t, e);
            case "queue", "joinableQueue" -> new SyncProxies.Q<>(t, e);
            default -> throw new IllegalArgumentException("'" + t.typeid() + "' is not a built-in manager type");
        };
    }

    /** The wire keys of each registered interface's methods, computed once. */
    private static final Map<Class<?>, Map<Method, String>> KEYS = new ConcurrentHashMap<>();

    /**
     * A proxy of a registered interface: a JDK dynamic proxy that also implements
     * {@link Transferable} (the codec sends it as its form, never as its generated class).
     */
    static <T> T custom(Class<T> iface, Wire.Token t, Calls.Endpoint e) {
        Map<Method, String> keys = KEYS.computeIfAbsent(iface, i -> {
            Map<Method, String> m = new ConcurrentHashMap<>();
            for (Method method : i.getMethods()) m.put(method, Types.key(method));
            return m;
        });
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> args[0] != null && java.lang.reflect.Proxy.isProxyClass(args[0].getClass())
                            && java.lang.reflect.Proxy.getInvocationHandler(args[0]) instanceof Handler o && o.token.equals(t);
                    case "hashCode" -> t.hashCode();
                    default -> iface.getSimpleName() + "Proxy[" + t.typeid() + " #" + t.id() + " at " + t.address() + "]";
                };
            }
            if (method.getDeclaringClass() == Transferable.class) return ProxyForm.of(t, e, iface.getName());
            String key = keys.get(method);
            if (key == null) throw new UnsupportedOperationException(method + " is not a method of " + iface.getName());
            return Calls.call(e, t.id(), key, args == null ? new Object[0] : args);
        };
        Object p = java.lang.reflect.Proxy.newProxyInstance(iface.getClassLoader(),
                new Class<?>[] {iface, Transferable.class}, new Handler(t, h));
        return iface.cast(p);
    }

    /** The handler of a registered type's proxy, carrying its token (for equality). */
    private record Handler(Wire.Token token, InvocationHandler delegate) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            return delegate.invoke(proxy, method, args);
        }
    }
}
