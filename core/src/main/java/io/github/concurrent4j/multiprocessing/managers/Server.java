package io.github.concurrent4j.multiprocessing.managers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.concurrent4j.multiprocessing.connection.Address;
import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.multiprocessing.connection.Listener;
import io.github.concurrent4j.threading.Lock;
import io.github.concurrent4j.transport.AllowList;
import io.github.concurrent4j.transport.AuthenticationException;
import io.github.concurrent4j.transport.Serialization;

/**
 * The manager's server (Python's {@code multiprocessing.managers.Server}): it holds the shared
 * objects and serves every client connection on a thread of its own ({@link Session}).
 *
 * <p>A call is dispatched through an explicit table: the object's type (a built-in one, or
 * a registered interface) maps each exposed method name to an operation; a name that is not in
 * the table is refused with {@link UnsupportedOperationException}. Nothing on the wire is
 * looked up by reflection. The built-in containers run each operation under the object's
 * monitor, so that every call is one atomic operation.
 *
 * <p>Runs in the manager's process ({@link #run}), or in the calling process for a server that
 * serves in the foreground.
 */
final class Server {
    /** What {@code shutdown} returns inside the server: the session replies, then stops the server. */
    static final Object STOPPED = new Object();
    private static final int ACCEPTORS = 2;

    /** One shared object and its type's table. */
    record Served(String typeid, Object target, Map<String, Types.Op> ops) {}

    private final Listener listener;
    private final Types types;
    private final Map<Long, Served> objects = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessionCount = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Which session's thread acquired each held {@code Lock} (released if that client is killed). */
    final Map<Lock, Session> lockHolders = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    /** Whether this process runs a server (its proxies then never call out for equals, hashCode, toString). */
    private static volatile boolean hostsServer;

    Server(Listener listener, Types types) {
        this.listener = listener;
        this.types = types;
    }

    static boolean hostsServer() {
        return hostsServer;
    }

    Address address() {
        return listener.address();
    }

    /**
     * The manager process's task: binds, reports the address (or the failure) on {@code ready},
     * serves until {@code shutdown}.
     */
    static void run(ServerConfig cfg, Connection ready) {
        hostsServer = true;
        Server server;
        try {
            server = new Server(bind(cfg.address(), cfg.authkey()), Types.load(cfg.registrations()));
        } catch (RuntimeException e) {
            ready.send(Wire.Failure.of(e));
            ready.close();
            return;
        }
        ready.send(server.address());
        ready.close();
        server.serveForever();
    }

    /**
     * Binds the listener; a Unix socket file left by a manager that was killed (nothing accepts
     * on it) is removed first, so a manager restarted on the same address works at once.
     */
    static Listener bind(Address address, byte[] authkey) {
        Listener.Builder b = Listener.builder().authkey(authkey).backlog(512);
        if (address == null) return b.open();
        if (address instanceof Address.Unix u && Files.exists(u.path()) && !accepting(u)) {
            try {
                Files.deleteIfExists(u.path());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the stale socket " + u.path(), e);
            }
        }
        return b.address(address).open();
    }

    private static boolean accepting(Address.Unix u) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(u.toSocketAddress());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Accepts and serves clients until {@link #stop()}. */
    void serveForever() {
        hostsServer = true;
        for (int i = 1; i < ACCEPTORS; i++) {
            Thread.ofPlatform().daemon(true).name("c4j-manager-accept-" + i).start(this::acceptLoop);
        }
        acceptLoop();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!stopping) {
            Connection c;
            try {
                c = listener.accept();
            } catch (AuthenticationException refused) {
                continue; // a wrong key, another user, or garbage: refused; keep serving the others
            } catch (RuntimeException e) {
                if (stopping) break;
                pause(); // a failing accept (out of descriptors, say) must not spin
                continue;
            }
            Session s = new Session(this, c);
            sessions.add(s);
            Thread.ofPlatform().daemon(true).name("c4j-manager-session-" + sessionCount.incrementAndGet()).start(s);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops serving: the listener closes (its socket file goes) and {@link #serveForever()} returns. */
    void stop() {
        if (stopping) return;
        stopping = true;
        try {
            listener.close();
        } catch (RuntimeException ignored) {
            // closed already
        }
        stopped.countDown();
    }

    void ended(Session s) {
        sessions.remove(s);
    }

    /** Runs one request. */
    Object dispatch(Session s, Wire.Request r) throws Exception {
        if (r.object() == Wire.SERVER) return serverCall(r);
        Served o = objects.get(r.object());
        if (o == null) {
            throw new IllegalArgumentException("no shared object with id " + r.object() + " on this manager");
        }
        Types.Op op = o.ops().get(r.method());
        if (op == null) {
            throw new UnsupportedOperationException("method '" + r.method() + "' of a '" + o.typeid()
                    + "' is not exposed (exposed: " + new java.util.TreeSet<>(o.ops().keySet()) + ")");
        }
        return op.apply(o.target(), r.args(), s);
    }

    private Object serverCall(Wire.Request r) {
        Object[] a = r.args();
        return switch (r.method()) {
            case "create" -> {
                String typeid = (String) a[0];
                Types.Type t = types.get(typeid);
                Object target = t.factory().apply((Object[]) a[1]);
                long id = nextId.getAndIncrement();
                objects.put(id, new Served(typeid, target, t.ops()));
                yield id;
            }
            case "count" -> objects.size();
            case "ping" -> "pong";
            case "shutdown" -> STOPPED;
            case "adoptLambdas" -> {
                // Only 'lambda:' entries: a key holder's own lambdas, as a child inherits them.
                List<String> entries = new ArrayList<>();
                for (Object e : (List<?>) a[0]) {
                    if (e instanceof String s && s.startsWith(AllowList.LAMBDA_PREFIX)) entries.add(s);
                }
                Serialization.inherit(entries);
                yield null;
            }
            default -> throw new UnsupportedOperationException("the manager's server has no method '" + r.method() + "'");
        };
    }
}
