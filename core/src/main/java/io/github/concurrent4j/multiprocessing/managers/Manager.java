package io.github.concurrent4j.multiprocessing.managers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.concurrent4j.lifecycle.Service;
import io.github.concurrent4j.multiprocessing.connection.Address;

/**
 * The equivalent of Python's {@code multiprocessing.Manager()} (a started
 * {@code SyncManager}): a server process holding shared dicts, lists, namespaces, values,
 * arrays, locks, semaphores, conditions, events, barriers and queues, and the proxies that
 * reach them from any process.
 *
 * <pre>{@code
 * try (Manager m = Manager.start()) {
 *     DictProxy<String, Integer> d = m.dict(Map.of("count", 100));
 *     AcquirerProxy lock = m.lock();
 *     List<Process> ps = ...new Process(() -> { try (Held h = lock.hold()) { d.put("count", d.get("count") - 1); } })...
 *     // or, atomically and without the lock:  d.compute("count", (k, v) -> v - 1)
 * }
 * }</pre>
 *
 * <p>Python's {@code m.dict()}, {@code m.list()}, {@code m.Namespace()}, {@code m.Value()},
 * {@code m.Array()}, {@code m.Lock()}, {@code m.RLock()}, {@code m.Semaphore()},
 * {@code m.BoundedSemaphore()}, {@code m.Condition()}, {@code m.Event()}, {@code m.Barrier()},
 * {@code m.Queue()}, {@code m.JoinableQueue()} are the methods of the same names in camelCase.
 * Each proxy call is one atomic operation on the server; proxies can be passed to child
 * processes (captured by a {@code Process}'s lambda) and work there the same. The server is a
 * child JVM (from the warm standbys: a few milliseconds) reached over an authenticated Unix
 * socket; {@link #start(Address, byte[])} serves TCP for other machines, {@link #connect}
 * reaches such a server. Differences from Python are listed on {@link BaseManager} and on each
 * proxy interface; {@code m.Pool()} is not offered.
 *
 * <p>Thread-safe: any thread may create objects and call proxies. Memory consistency
 * effects: those of each proxy.
 */
public final class Manager implements Service, AutoCloseable {
    private final BaseManager base;

    private Manager(BaseManager base) {
        this.base = base;
    }

    /** Starts a manager on a fresh private Unix socket, with this process's key. */
    public static Manager start() {
        return new Manager(BaseManager.builder().start());
    }

    /** Starts a manager on {@code address} (TCP to serve other machines) with {@code authkey}. */
    public static Manager start(Address address, byte[] authkey) {
        return new Manager(BaseManager.builder().address(address).authkey(authkey).start());
    }

    /** Connects to a manager started elsewhere (another process, another machine). */
    public static Manager connect(Address address, byte[] authkey) {
        return new Manager(BaseManager.builder().address(address).authkey(authkey).connect());
    }

    /** The manager underneath (address, key, registered types). */
    public BaseManager base() {
        return base;
    }

    public Address address() {
        return base.address();
    }

    public byte[] authkey() {
        return base.authkey();
    }

    public <K, V> DictProxy<K, V> dict() {
        return base.createBuiltin("dict");
    }

    /** A shared dict holding a copy of {@code initial}: Python's {@code m.dict(initial)}. */
    public <K, V> DictProxy<K, V> dict(Map<? extends K, ? extends V> initial) {
        return base.createBuiltin("dict", new LinkedHashMap<>(initial));
    }

    public <E> ListProxy<E> list() {
        return base.createBuiltin("list");
    }

    /** A shared list holding a copy of {@code initial}. */
    public <E> ListProxy<E> list(Collection<? extends E> initial) {
        return base.createBuiltin("list", new ArrayList<>(initial));
    }

    public NamespaceProxy namespace() {
        return base.createBuiltin("namespace");
    }

    /** A shared value: Python's {@code m.Value(typecode, value)} (the type is {@code value}'s). */
    public <T> ValueProxy<T> value(T value) {
        return base.createBuiltin("value", value);
    }

    /** A fixed-length shared array of {@code items}: Python's {@code m.Array(typecode, sequence)}. */
    public <T> ArrayProxy<T> array(List<T> items) {
        if (items.isEmpty()) throw new IllegalArgumentException("an array needs at least one element (its type is theirs)");
        return base.createBuiltin("array", new ArrayList<>(items));
    }

    @SafeVarargs
    public final <T> ArrayProxy<T> array(T... items) {
        return array(Arrays.asList(items));
    }

    public AcquirerProxy lock() {
        return base.createBuiltin("lock");
    }

    public AcquirerProxy rLock() {
        return base.createBuiltin("rlock");
    }

    public AcquirerProxy semaphore() {
        return semaphore(1);
    }

    public AcquirerProxy semaphore(int value) {
        if (value < 0) throw new IllegalArgumentException("semaphore initial value must be >= 0, not " + value);
        return base.createBuiltin("semaphore", value);
    }

    public AcquirerProxy boundedSemaphore() {
        return boundedSemaphore(1);
    }

    public AcquirerProxy boundedSemaphore(int value) {
        if (value < 0) throw new IllegalArgumentException("semaphore initial value must be >= 0, not " + value);
        return base.createBuiltin("boundedSemaphore", value);
    }

    /** A condition over its own {@code RLock} (Python's {@code m.Condition()}). */
    public ConditionProxy condition() {
        return base.createBuiltin("condition");
    }

    public EventProxy event() {
        return base.createBuiltin("event");
    }

    public BarrierProxy barrier(int parties) {
        if (parties < 1) throw new IllegalArgumentException("parties must be >= 1, not " + parties);
        return base.createBuiltin("barrier", parties, null);
    }

    /** A barrier whose waits time out (and break it) after {@code timeout} by default. */
    public BarrierProxy barrier(int parties, Duration timeout) {
        if (parties < 1) throw new IllegalArgumentException("parties must be >= 1, not " + parties);
        return base.createBuiltin("barrier", parties, SyncProxies.wire(timeout));
    }

    /** An unbounded queue: Python's {@code m.Queue()}. */
    public <E> QueueProxy<E> queue() {
        return queue(0);
    }

    /** A queue of at most {@code maxsize} items (0 or less: unbounded): Python's {@code m.Queue(maxsize)}. */
    public <E> QueueProxy<E> queue(int maxsize) {
        return base.createBuiltin("queue", maxsize);
    }

    public <E> QueueProxy<E> joinableQueue() {
        return joinableQueue(0);
    }

    /** Python's {@code m.JoinableQueue(maxsize)}: the same queue ({@code taskDone}/{@code join} work on both). */
    public <E> QueueProxy<E> joinableQueue(int maxsize) {
        return base.createBuiltin("joinableQueue", maxsize);
    }

    /** Stops the server; every later proxy call fails with {@link ManagerException}. Idempotent. */
    public void shutdown() {
        base.shutdown();
    }

    /** {@link #shutdown()} for a started manager, a disconnect for a connected one: Python's {@code with} exit. */
    @Override
    public void close() {
        base.close();
    }

    @Override
    public State state() {
        return base.state();
    }

    @Override
    public void awaitRunning() {
        base.awaitRunning();
    }

    @Override
    public boolean awaitRunning(Duration timeout) {
        return base.awaitRunning(timeout);
    }

    @Override
    public void awaitTerminated() {
        base.awaitTerminated();
    }

    @Override
    public boolean awaitTerminated(Duration timeout) {
        return base.awaitTerminated(timeout);
    }

    @Override
    public java.util.Optional<Throwable> failureCause() {
        return base.failureCause();
    }

    @Override
    public String toString() {
        return "Manager[" + address() + ", " + state() + "]";
    }
}
