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
import io.github.concurrent4j.internal.Config;
import io.github.concurrent4j.multiprocessing.connection.Address;
import io.github.concurrent4j.multiprocessing.connection.Client;
import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.multiprocessing.connection.EOFException;
import io.github.concurrent4j.multiprocessing.connection.Pipe;
import io.github.concurrent4j.multiprocessing.internal.ExitHooks;
import io.github.concurrent4j.transport.AllowList;
import io.github.concurrent4j.transport.AuthenticationException;
import io.github.concurrent4j.transport.BrokenPipeException;
import io.github.concurrent4j.transport.Lending;
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
 *
 * <p><b>Rings.</b> A client of a manager on this machine (a Unix-socket address) moves each
 * of its connections onto a duplex {@link Pipe} in shared memory once the socket has
 * authenticated it: a socket round trip costs two system calls and two thread wake-ups each way
 * (~20 µs here), a pipe round trip between two spinning threads half a microsecond. The client
 * makes the pipe and sends the server its end over the authenticated socket:
 *
 * <pre>
 *  client thread                                   server session thread
 *  Pipe.open() -> end 1 (kept), end 2 (lent)
 *  socket: Request(SERVER, "ring", [end 2])   ->   decoding attaches end 2 (the loan ends)
 *                                             <-   socket: "ring"; the socket is closed
 *  the socket is closed; every later call     <->  every later call on the pipe
 *  goes over the pipe
 * </pre>
 *
 * Until the server has attached its end, the loan is recorded under this process, and taken
 * back if the server refuses (then the socket simply stays in use). Once both hold their
 * ends, each side's death reads as end-of-file at the other within a pipe's peer recheck
 * (50 ms), as a closed socket did. {@code -Dc4j.manager.rings=false} keeps every call on the
 * socket.
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

    /** Bytes each of a client's two rings holds: a call or reply larger than this streams through. */
    static final int RING_BYTES = 64 * 1024;
    private static final long PID = ProcessHandle.current().pid();
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
        if (e.address() instanceof Address.Unix && Config.flag(Config.Setting.MANAGER_RINGS, true)) c = toRing(c, e);
        mine.put(e, c);
        ALL.put(c, new Owner(new WeakReference<>(Thread.currentThread()), e));
        addExitHook();
        return c;
    }

    /**
     * Moves an authenticated local connection onto a pipe in shared memory (see the class
     * comment): returns the pipe's end, or {@code socket} itself if no pipe can be made here or
     * the server refuses it.
     */
    private static Connection toRing(Connection socket, Endpoint e) {
        Pipe pipe;
        try {
            pipe = Pipe.open(true, RING_BYTES);
        } catch (UnsupportedOperationException | UncheckedIOException noShm) {
            return socket; // no futexes on this platform, or /dev/shm is full: the socket still works
        }
        Lending loan = Lending.to(PID);
        Object reply;
        try {
            loan.run(() -> {
                socket.send(new Wire.Request(Wire.SERVER, "ring", new Object[] {pipe.conn2()}));
                return null;
            });
            pipe.conn2().close(); // the server's end is now the loan it takes over
            reply = socket.recv();
        } catch (RuntimeException x) {
            loan.cancel();
            pipe.conn1().close();
            pipe.conn2().close();
            socket.close();
            if (x instanceof InterruptedRuntimeException) throw x;
            throw new ManagerException("the manager at " + e + " went away while this client connected to it: "
                    + x.getMessage(), x);
        }
        if (!"ring".equals(reply)) {
            loan.cancel(); // the server did not take its end (it could not map it): stay on the socket
            pipe.conn1().close();
            return socket;
        }
        socket.close();
        return pipe.conn1();
    }

    /** This thread's open connection to {@code e}, if any (for tests: a socket, or a pipe). */
    static java.util.Optional<Connection> current(Endpoint e) {
        return java.util.Optional.ofNullable(MINE.get().get(e)).filter(c -> !c.isClosed());
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
