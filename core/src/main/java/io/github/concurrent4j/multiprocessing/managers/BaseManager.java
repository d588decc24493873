package io.github.concurrent4j.multiprocessing.managers;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.concurrent4j.internal.Config;
import io.github.concurrent4j.internal.Lifecycle;
import io.github.concurrent4j.lifecycle.Service;
import io.github.concurrent4j.multiprocessing.Multiprocessing;
import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.connection.Address;
import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.multiprocessing.connection.EOFException;
import io.github.concurrent4j.multiprocessing.connection.Pipe;
import io.github.concurrent4j.transport.Serialization;

/**
 * The equivalent of Python's {@code multiprocessing.managers.BaseManager}: a server process
 * holding shared objects, and proxies to them. {@link Builder#register} registers a type (a
 * Java interface and a factory, Python's {@code register(typeid, callable)}); {@link Builder#start}
 * starts the server in a child JVM, {@link Builder#connect} connects to a running one (on this
 * machine over a Unix socket, or another machine over TCP), {@link #create} makes an object
 * on the server and returns its proxy. {@link Manager} is the {@code SyncManager} of the
 * built-in types.
 *
 * <pre>{@code
 * interface Counter { int next(); }
 * try (BaseManager m = BaseManager.builder()
 *         .address(Address.tcp("0.0.0.0", 50000)).authkey(key)
 *         .register("Counter", Counter.class, args -> new CounterImpl())
 *         .start()) {
 *     Counter c = m.create("Counter");      // a proxy: c.next() runs on the server
 * }
 * }</pre>
 *
 * <p>Differences from Python. Only the methods of the registered interface are exposed (the
 * server dispatches through a table built from it, never by a name looked up on the wire);
 * {@code exposed=} is the interface itself. Objects live until the manager shuts down (Python
 * counts references to them). A client with a wrong key is refused and the server goes on
 * serving. A proxy can be passed to a child process as any captured value; the receiving
 * process must allow the registered interface (registering allows it here, and children
 * inherit that).
 *
 * <p>Thread-safe. Memory consistency effects: see each proxy; {@link #shutdown()}
 * happens-before every later call failing with {@link ManagerException}.
 */
public final class BaseManager implements Service, AutoCloseable {
    /** Makes a registered type's object on the server from the arguments of {@link #create}; Python's {@code callable}. */
    @FunctionalInterface
    public interface Factory<T> extends Serializable {
        T create(Object... args);
    }

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final java.util.Set<String> BUILT_IN = java.util.Set.of("dict", "list", "namespace", "value", "array",
            "lock", "rlock", "semaphore", "boundedSemaphore", "condition", "event", "barrier", "queue", "joinableQueue");

    private final Lifecycle life = new Lifecycle("manager");
    private final Calls.Endpoint endpoint;
    private final Map<String, Class<?>> interfaces;
    private final Process process; // null when connected
    private final Duration shutdownTimeout;

    private BaseManager(Calls.Endpoint endpoint, Map<String, Class<?>> interfaces, Process process, Duration shutdownTimeout) {
        this.endpoint = endpoint;
        this.interfaces = Map.copyOf(interfaces);
        this.process = process;
        this.shutdownTimeout = shutdownTimeout;
        life.running();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A manager's address, key and registered types; {@link #start()} or {@link #connect()} makes it. Not thread-safe. */
    public static final class Builder {
        private Address address;
        private byte[] authkey;
        private final Map<String, Class<?>> interfaces = new LinkedHashMap<>();
        private final List<Types.Registration> registrations = new ArrayList<>();
        private Duration startTimeout = Duration.ofSeconds(Config.intValue(Config.Setting.MANAGER_START_TIMEOUT_SECONDS, 60, 1));
        private Duration shutdownTimeout = Duration.ofSeconds(1);

        private Builder() {}

        /** Where the server listens (default: a fresh Unix socket in the family's private directory). */
        public Builder address(Address a) {
            address = Objects.requireNonNull(a, "address");
            return this;
        }

        /** The key clients must hold (default: the current process's {@code authkey}). */
        public Builder authkey(byte[] key) {
            if (key == null || key.length == 0) throw new IllegalArgumentException("authkey must be a non-empty byte array");
            authkey = key.clone();
            return this;
        }

        /**
         * Registers type {@code typeid}: its objects are made on the server by {@code factory}
         * (a serializable lambda: it travels to the server's process) and reached through
         * proxies that implement {@code iface}, whose public methods are what the server
         * exposes. {@code iface} is added to the allow-list (children inherit it).
         */
        public <T> Builder register(String typeid, Class<T> iface, Factory<? extends T> factory) {
            register(typeid, iface);
            // Encoded once now: a factory that cannot travel fails here, and the codec records its
            // lambda's class, so the server's process (started later) may decode it.
            Serialization.codec().encode(Objects.requireNonNull(factory, "factory"), new io.github.concurrent4j.transport.ByteSink());
            registrations.add(new Types.Registration(typeid, iface.getName(), Objects.requireNonNull(factory, "factory")));
            return this;
        }

        /** Registers {@code typeid} for a client that connects to a server that has it (Python's {@code register(typeid)} without a callable). */
        public <T> Builder register(String typeid, Class<T> iface) {
            Objects.requireNonNull(typeid, "typeid");
            if (BUILT_IN.contains(typeid)) throw new IllegalArgumentException("typeid '" + typeid + "' is a built-in type's");
            if (!iface.isInterface()) throw new IllegalArgumentException(iface.getName() + " is not an interface: register an interface and a factory");
            Types.table(iface); // refuses an interface whose methods cannot be called
            if (interfaces.putIfAbsent(typeid, iface) != null) throw new IllegalArgumentException("typeid '" + typeid + "' is already registered");
            Serialization.allow(iface);
            return this;
        }

        /** How long {@link #start()} waits for the server's process (default 60 s, {@code c4j.manager.startTimeoutSeconds}). */
        public Builder startTimeout(Duration t) {
            startTimeout = positive(t);
            return this;
        }

        /** How long {@link BaseManager#shutdown()} waits for the server to exit before it terminates it (default 1 s). */
        public Builder shutdownTimeout(Duration t) {
            shutdownTimeout = positive(t);
            return this;
        }

        private static Duration positive(Duration t) {
            if (t.isNegative() || t.isZero()) throw new IllegalArgumentException("timeout must be positive: " + t);
            return t;
        }

        private byte[] key() {
            return authkey != null ? authkey : Multiprocessing.currentProcess().authkey();
        }

        /** Starts the server in a child JVM and returns once it accepts clients: Python's {@code start()}. */
        public BaseManager start() {
            byte[] key = key();
            ServerConfig cfg = new ServerConfig(address, key, registrations);
            Pipe pipe = Pipe.open(false);
            Connection reader = pipe.conn1(), writer = pipe.conn2();
            Process p = new Process(() -> Server.run(cfg, writer), "Manager-" + COUNTER.incrementAndGet());
            p.setDaemon(true); // a manager never outlives the process that started it
            try {
                p.start();
                writer.close();
                if (!reader.poll(startTimeout)) {
                    p.kill();
                    p.join();
                    throw new ManagerException("the manager's process did not start within " + startTimeout);
                }
                Object r = reader.recv();
                if (r instanceof Wire.Failure f) {
                    p.join();
                    throw new ManagerException("the manager could not start: " + f.type() + ": " + f.message());
                }
                return new BaseManager(Calls.Endpoint.of((Address) r, key), interfaces, p, shutdownTimeout);
            } catch (EOFException e) {
                p.join();
                throw new ManagerException("the manager's process ended before it served (exit code " + p.exitCode() + ")", e);
            } finally {
                reader.close();
                writer.close();
            }
        }

        /** Connects to a running server at {@link #address}: Python's {@code connect()}. */
        public BaseManager connect() {
            if (address == null) throw new IllegalStateException("connect() needs the server's address: call address(...) first");
            Calls.Endpoint e = Calls.Endpoint.of(address, key());
            Calls.call(e, Wire.SERVER, "ping"); // fails fast with a wrong key or no server, as Python's connect does
            return new BaseManager(e, interfaces, null, shutdownTimeout);
        }

        /**
         * Runs the server in this process until a client asks it to shut down: Python's
         * {@code get_server().serve_forever()}. {@code onReady} is told the address bound
         * (for TCP port 0, the port chosen).
         */
        public void serveForever(java.util.function.Consumer<Address> onReady) {
            Server s = new Server(Server.bind(address, key()), Types.load(registrations));
            onReady.accept(s.address());
            s.serveForever();
        }
    }

    /** Where the server listens: Python's {@code manager.address}. */
    public Address address() {
        return endpoint.address();
    }

    /** The key clients authenticate with: Python's {@code manager._authkey}. */
    public byte[] authkey() {
        return endpoint.authkey();
    }

    /**
     * Makes an object of registered type {@code typeid} on the server with {@code args} (passed to
     * its factory) and returns a proxy implementing the registered interface: Python's
     * {@code manager.typeid(*args)}.
     */
    @SuppressWarnings("unchecked")
    public <T> T create(String typeid, Object... args) {
        Class<?> iface = interfaces.get(typeid);
        if (iface == null) {
            throw new IllegalArgumentException("typeid '" + typeid + "' is not registered with this manager (registered: "
                    + interfaces.keySet() + ")");
        }
        return (T) Proxies.custom(iface, newObject(typeid, args), endpoint);
    }

    /** Makes a built-in object and returns its proxy. */
    @SuppressWarnings("unchecked")
    <T> T createBuiltin(String typeid, Object... args) {
        return (T) Proxies.builtin(newObject(typeid, args), endpoint);
    }

    private Wire.Token newObject(String typeid, Object[] args) {
        life.checkOpen();
        long id = (Long) Calls.call(endpoint, Wire.SERVER, "create", typeid, args);
        return new Wire.Token(typeid, endpoint.address(), id);
    }

    /** How many objects the server holds (Python's {@code _number_of_objects}). */
    int numberOfObjects() {
        return (Integer) Calls.call(endpoint, Wire.SERVER, "count");
    }

    Calls.Endpoint endpoint() {
        return endpoint;
    }

    /** The server's process, if this manager started it. */
    Optional<Process> process() {
        return Optional.ofNullable(process);
    }

    /**
     * Stops the server (a started manager) and waits for its process to exit, terminating it
     * after the shutdown timeout; every later call of every proxy fails with
     * {@link ManagerException}. Idempotent. A connected manager refuses: {@link #close()}
     * disconnects it.
     */
    public void shutdown() {
        if (process == null) {
            throw new IllegalStateException("this manager was connected, not started: close() disconnects it");
        }
        close();
    }

    /** Shuts a started manager down ({@link #shutdown()}); disconnects a connected one. */
    @Override
    public void close() {
        if (!life.stopping()) {
            life.awaitTerminated();
            return;
        }
        try {
            if (process != null) stopServer();
        } finally {
            Calls.forget(endpoint);
            life.terminated();
        }
    }

    private void stopServer() {
        boolean stopped = true;
        try {
            Calls.call(endpoint, Wire.SERVER, "shutdown");
        } catch (ManagerException gone) {
            stopped = false; // killed or crashed: nothing to ask
        }
        if (!process.join(shutdownTimeout)) {
            process.terminate();
            if (!process.join(Duration.ofSeconds(1))) process.kill();
            process.join();
        }
        // A server that was killed could not remove its socket file.
        if (!stopped && endpoint.address() instanceof Address.Unix u) {
            try {
                java.nio.file.Files.deleteIfExists(u.path());
            } catch (IOException ignored) {
                // the family's directory goes with the family anyway
            }
        }
    }

    @Override
    public State state() {
        return life.state();
    }

    @Override
    public void awaitRunning() {
        life.awaitRunning();
    }

    @Override
    public boolean awaitRunning(Duration timeout) {
        return life.awaitRunning(timeout);
    }

    @Override
    public void awaitTerminated() {
        life.awaitTerminated();
    }

    @Override
    public boolean awaitTerminated(Duration timeout) {
        return life.awaitTerminated(timeout);
    }

    @Override
    public Optional<Throwable> failureCause() {
        return life.failureCause();
    }

    @Override
    public String toString() {
        return "BaseManager[" + endpoint.address() + ", " + life.state() + "]";
    }
}
