package io.github.concurrent4j.multiprocessing.managers;

import java.util.Arrays;

import io.github.concurrent4j.multiprocessing.Multiprocessing;
import io.github.concurrent4j.transport.Transferable;

/**
 * What every built-in proxy shares (Python's {@code BaseProxy}): the token of the object it
 * stands for, the manager it reaches, and how it travels to another process (as a
 * {@link ProxyForm}: the token, plus the manager's key when it is not the family's).
 */
abstract class AbstractProxy implements Transferable {
    final Wire.Token token;
    final Calls.Endpoint endpoint;

    AbstractProxy(Wire.Token token, Calls.Endpoint endpoint) {
        this.token = token;
        this.endpoint = endpoint;
    }

    final Object call(String method, Object... args) {
        return Calls.call(endpoint, token.id(), method, args);
    }

    @SuppressWarnings("unchecked")
    final <T> T ask(String method, Object... args) {
        return (T) call(method, args);
    }

    @Override
    public final Transferable.Form transferOut() {
        return ProxyForm.of(token, endpoint, null);
    }

    /** The proxy's description, used when the manager cannot be asked. */
    final String describe() {
        return getClass().getSimpleName().replace("Impl", "") + "[" + token.typeid() + " #" + token.id() + " at " + token.address() + "]";
    }

    /** Asks the server for the object's text; falls back on the proxy's own description if it is gone. */
    final String remoteToString() {
        if (Server.hostsServer()) return describe(); // a server's threads must not call a server while holding an object
        try {
            return (String) call("toString");
        } catch (ManagerException e) {
            return describe() + " (manager unreachable)";
        }
    }

    /** Whether {@code o} is a proxy of the same shared object. */
    final boolean sameObject(Object o) {
        return o instanceof AbstractProxy p && p.token.equals(token);
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public boolean equals(Object o) {
        return sameObject(o);
    }

    @Override
    public int hashCode() {
        return token.hashCode();
    }

    /** Whether {@code key} is the key this process's family uses (a form then need not carry it). */
    static boolean isFamilyKey(byte[] key) {
        return Arrays.equals(key, Multiprocessing.currentProcess().authkey());
    }
}
