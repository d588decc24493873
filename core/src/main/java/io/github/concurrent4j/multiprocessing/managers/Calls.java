package io.github.concurrent4j.multiprocessing.managers;

import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.multiprocessing.connection.Address;
import io.github.concurrent4j.multiprocessing.connection.Client;
import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.multiprocessing.connection.EOFException;
import io.github.concurrent4j.multiprocessing.internal.ExitHooks;
import io.github.concurrent4j.transport.AllowList;
import io.github.concurrent4j.transport.AuthenticationException;
import io.github.concurrent4j.transport.BrokenPipeException;
import io.github.concurrent4j.transport.Serialization;

/**
 * The client side of every proxy: one authenticated connection per (client thread, manager),
 * as Python's {@code BaseProxy} keeps in its thread-local {@code _tls}.
 *
 * <p>Why a connection per thread rather than one multiplexed connection per process: a call
 * is then a plain write and a blocking read on the caller's own thread (no hand-off to a reader
 * thread, which costs a wake-up each way), a blocking call (a lock, a queue {@code get}) holds
 * up no other thread, and the server's session thread for that connection <em>is</em> the
 * client thread's identity there, which is what makes a proxied {@code RLock} or
 * {@code Condition} owned per client thread, as in Python. A dead server closes every one of
 * them, so every pending call fails at once with {@link ManagerException}; later calls fail to
 * connect, just as fast.
 *
 * <p>A connection whose thread has ended is closed when this process next opens one; all of
 * them say goodbye when the process exits normally (so the server knows that the locks they
 * hold were left held on purpose, as Python's {@code Lock} may be) and none does when the
 * process is killed (so the server releases what it held).
 */
final class Calls {
    /** A manager as a client reaches it. */
    record Endpoint(Address address, String keyHex) {
        static Endpoint of(Address address, byte[] authkey) {
            return new Endpoint(address, HexFormat.of().formatHex(authkey));
        }

        byte[] authkey() {
            return HexFormat.of().parseHex(keyHex);
        }

        @Override
        public String toString() {
            return address.toString();
        }
    }

    private record Owner(WeakReference<Thread> thread, Endpoint endpoint) {}

    private static final ThreadLocal<Map<Endpoint, Connection>> MINE = ThreadLocal.withInitial(HashMap::new);
    private static final Map<Connection, Owner> ALL = new ConcurrentHashMap<>();
    private static volatile boolean hookAdded;

    private Calls() {}

    /** Calls {@code method} of object {@code object} on the server at {@code e}; returns its result. */
    static Object call(Endpoint e, long object, String method, Object... args) {
        Object r = roundTrip(e, new Wire.Request(object, method, args));
        if (r instanceof Wire.Failure f) {
            if (f.message().contains("lambda") && f.message().contains("not allowed")) {
                // A lambda class this process first sent after the server started: tell the
                // server the lambda owners this process (a key holder) sends, then try once more.
                roundTrip(e, new Wire.Request(Wire.SERVER, "adoptLambdas", new Object[] {lambdaEntries()}));
                r = roundTrip(e, new Wire.Request(object, method, args));
                if (!(r instanceof Wire.Failure f2)) return r;
                throw f2.toException();
            }
            throw f.toException();
        }
        return r;
    }

    private static ArrayList<String> lambdaEntries() {
        ArrayList<String> out = new ArrayList<>();
        for (String s : Serialization.allowList().entries()) if (s.startsWith(AllowList.LAMBDA_PREFIX)) out.add(s);
        return out;
    }

    private static Object roundTrip(Endpoint e, Wire.Request req) {
        Connection c = connection(e);
        boolean ok = false;
        try {
            c.send(req);
            Object r = c.recv();
            ok = true;
            return r;
        } catch (EOFException | BrokenPipeException | UncheckedIOException x) {
            throw new ManagerException("the manager at " + e + " is gone (its connection ended during '" + req.method()
                    + "'): the call may or may not have taken effect; start or connect to a manager again", x);
        } catch (IllegalStateException x) {
            throw new ManagerException("the connection to the manager at " + e + " was closed during '" + req.method() + "'", x);
        } catch (io.github.concurrent4j.transport.SerializationException x) {
            ok = true; // a frame that did not encode or decode was consumed whole: the connection stays in step
            throw x;
        } finally {
            if (!ok) drop(e, c); // interrupted, broken or out of step: never reuse it
        }
    }

    private static Connection connection(Endpoint e) {
        Map<Endpoint, Connection> mine = MINE.get();
        Connection c = mine.get(e);
        if (c != null && !c.isClosed()) return c;
        sweep();
        try {
            c = Client.connect(e.address(), e.authkey());
        } catch (UncheckedIOException x) {
            throw new ManagerException("cannot reach the manager at " + e + ": " + x.getMessage()
                    + " (is it running? a manager that was shut down or killed refuses every call)", x);
        } catch (AuthenticationException x) {
            throw new ManagerException("the manager at " + e + " refused this client (a wrong authkey, or the manager"
                    + " went away during the handshake): " + x.getMessage(), x);
        } catch (InterruptedRuntimeException x) {
            throw x;
        }
        mine.put(e, c);
        ALL.put(c, new Owner(new WeakReference<>(Thread.currentThread()), e));
        addExitHook();
        return c;
    }

    private static void drop(Endpoint e, Connection c) {
        MINE.get().remove(e, c);
        ALL.remove(c);
        c.close();
    }

    /** Closes (with a goodbye) the connections of threads that have ended. */
    private static void sweep() {
        for (Map.Entry<Connection, Owner> en : ALL.entrySet()) {
            Thread t = en.getValue().thread().get();
            if (t == null || !t.isAlive()) {
                if (ALL.remove(en.getKey()) != null) bye(en.getKey());
            }
        }
    }

    /** Closes every connection of this process to {@code e} (its manager was shut down). */
    static void forget(Endpoint e) {
        for (Map.Entry<Connection, Owner> en : ALL.entrySet()) {
            if (en.getValue().endpoint().equals(e) && ALL.remove(en.getKey()) != null) en.getKey().close();
        }
        MINE.get().remove(e);
    }

    private static void bye(Connection c) {
        try {
            c.send(new Wire.Request(Wire.SERVER, "bye", null));
        } catch (RuntimeException ignored) {
            // the server is gone already: nothing to tell it
        } finally {
            c.close();
        }
    }

    private static void addExitHook() {
        if (hookAdded) return;
        synchronized (Calls.class) {
            if (hookAdded) return;
            hookAdded = true;
            ExitHooks.add(ExitHooks.Phase.SERVICES, () -> {
                List<Connection> all = new ArrayList<>(ALL.keySet());
                ALL.clear();
                for (Connection c : all) bye(c);
            });
        }
    }
}
