package io.github.concurrent4j.multiprocessing.managers;

import io.github.concurrent4j.multiprocessing.Multiprocessing;
import io.github.concurrent4j.transport.Serialization;
import io.github.concurrent4j.transport.Transferable;

/**
 * What a proxy travels as (Python's {@code RebuildProxy} arguments): the token, the manager's
 * key when it is not the receiving family's own (null otherwise), and for a registered type the
 * name of its interface, which the receiver loads only if its allow-list allows it.
 */
record ProxyForm(Wire.Token token, byte[] authkey, String iface) implements Transferable.Form {
    static ProxyForm of(Wire.Token token, Calls.Endpoint e, String iface) {
        byte[] key = e.authkey();
        return new ProxyForm(token, AbstractProxy.isFamilyKey(key) ? null : key, iface);
    }

    @Override
    public Object transferIn() {
        byte[] key = authkey != null ? authkey : Multiprocessing.currentProcess().authkey();
        Calls.Endpoint e = Calls.Endpoint.of(token.address(), key);
        if (iface == null) return Proxies.builtin(token, e);
        if (!Serialization.isAllowed(iface)) {
            throw new io.github.concurrent4j.transport.ClassNotAllowedException(iface);
        }
        try {
            Class<?> c = Class.forName(iface, false, Thread.currentThread().getContextClassLoader());
            return Proxies.custom(c, token, e);
        } catch (ClassNotFoundException x) {
            throw new io.github.concurrent4j.transport.SerializationException("a proxy's interface " + iface
                    + " is not on this process's class path");
        }
    }
}
