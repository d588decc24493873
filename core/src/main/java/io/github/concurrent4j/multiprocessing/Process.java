package io.github.concurrent4j.multiprocessing;

import io.github.concurrent4j.Timeouts;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import io.github.concurrent4j.function.SerializableRunnable;
import io.github.concurrent4j.multiprocessing.internal.Jvm;
import io.github.concurrent4j.multiprocessing.internal.JvmSource;
import io.github.concurrent4j.multiprocessing.internal.ProcessStartException;
import io.github.concurrent4j.multiprocessing.internal.StartRequest;
import io.github.concurrent4j.multiprocessing.internal.ThisProcess;
import io.github.concurrent4j.transport.SerializationException;
import io.github.concurrent4j.transport.Serialization;

/**
 * The equivalent of Python's {@code multiprocessing.Process}: a task that runs in a child
 * JVM. It shadows {@code java.lang.Process}, which is the OS-level handle this class manages
 * for you; import this one and write {@code java.lang.Process} for the other.
 *
 * <pre>{@code
 * Process p = new Process(() -> work(42));   // a serializable lambda...
 * p.start();
 * p.join();
 * System.out.println(p.exitCode());          // OptionalInt[0]
 *
 * class Worker extends Process {             // ...or a subclass overriding run()
 *     final int n;
 *     Worker(int n) { this.n = n; }
 *     @Override public void run() { work(n); }
 * }
 * }</pre>
 *
 * <p><b>What crosses to the child.</b> {@link #start()} encodes this object — the target
 * lambda with its captured values, or the subclass with its fields — and the child decodes
 * it and calls {@link #run()}. Statics are per process: a static changed in the child is
 * unchanged in the parent. The parent's {@code main} never runs in the child. Values
 * captured or held in fields must be allowed by {@link Serialization}; a subclass itself is
 * allowed by starting it.
 *
 * <p><b>Exit codes</b> ({@link #exitCode()}) are Python's: empty while running, 0 after
 * {@code run()} returns, 1 after it throws (the stack trace is printed on the child's stderr,
 * after a line {@code Process <name>:}), {@code n} after {@code System.exit(n)}, -15 after
 * {@link #terminate()}, -9 after {@link #kill()} (generally {@code -N} after death by
 * signal N; a child's own {@code System.exit(128+N)} cannot be told apart and also reads
 * {@code -N}).
 *
 * <p><b>Lifetime.</b> Children's stdout and stderr are forwarded to this process's
 * {@code System.out} / {@code System.err} line by line; their stdin is at end-of-file. When
 * this process exits normally, daemonic children are terminated and the others are joined.
 * A child whose parent dies, even by SIGKILL, exits within a second. A daemonic process may
 * not start children.
 *
 * <p><b>Thread safety.</b> A {@code Process} may be started, joined, polled and terminated
 * from any thread; {@code join} may be called by several threads at once. Memory consistency
 * effects: actions in a thread before {@code start()} happen-before the child sees its task;
 * the child's exit happens-before {@code join()} returns in any thread, and everything the
 * child printed before exiting has been forwarded by then.
 */
public class Process implements SerializableRunnable, AutoCloseable {
    /** Dropped in the parent once the process has started (as Python does), so the target can be collected. */
    private SerializableRunnable target;
    private String name;
    private boolean daemon;
    private int[] identity;
    private final long creatorPid;
    // Parent-side state, never sent to the child (decoding leaves these null).
    private transient volatile Jvm jvm;
    private transient volatile Sentinel sentinel; // one exit listener, however often it is waited on
    private transient volatile StartMethod startMethod;
    private transient volatile boolean closed;

    /** A process that will run {@code target} (a serializable lambda) in a child JVM. */
    public Process(SerializableRunnable target) {
        this(Objects.requireNonNull(target, "target"), null);
    }

    /** A process with a name of your choice ({@code null}: the default {@code Process-N}). */
    public Process(SerializableRunnable target, String name) {
        this(Objects.requireNonNull(target, "target"), name, ThisProcess.nextChildIdentity());
    }

    /** For subclasses that override {@link #run()}. */
    protected Process() {
        this((String) null);
    }

    /** For subclasses that override {@link #run()}, with a name ({@code null}: the default). */
    protected Process(String name) {
        this(null, name, ThisProcess.nextChildIdentity());
    }

    /** A new process of this family: the next identity, a default name, the creator's daemon flag (as in Python). */
    private Process(SerializableRunnable target, String name, int[] identity) {
        this.target = target;
        this.identity = identity;
        this.name = name != null ? name : defaultName(identity);
        this.daemon = ThisProcess.isDaemon();
        this.creatorPid = ProcessHandle.current().pid();
    }

    /** Constructor for the top-level process and the parent view (no identity of their own making). */
    Process(String name, int[] identity, boolean daemon, long pid) {
        this.target = null;
        this.name = name;
        this.identity = identity;
        this.daemon = daemon;
        this.creatorPid = pid;
    }

    private static String defaultName(int[] identity) {
        return "Process-" + Arrays.stream(identity).mapToObj(Integer::toString).collect(Collectors.joining(":"));
    }

    /**
     * The process's activity; runs in the child. Calls the target given to the constructor;
     * subclasses override it. Calling it directly runs it in the calling thread, as in Python.
     */
    @Override
    public void run() throws Exception {
        if (target != null) target.run();
    }

    /** Starts the process with the start method of {@link Multiprocessing#getStartMethod()}. */
    public void start() {
        StartMethod m = startMethod;
        start(m != null ? m : Multiprocessing.getStartMethod());
    }

    private synchronized void start(StartMethod method) {
        checkOpen();
        if (jvm != null || isCurrent()) throw new IllegalStateException("cannot start a process twice");
        if (creatorPid != ProcessHandle.current().pid()) {
            throw new IllegalStateException("can only start a process object created by the current process");
        }
        if (ThisProcess.isDaemon()) throw new IllegalStateException("daemonic processes are not allowed to have children");
        Children.active(); // reap finished children, as Python's start() does
        if (getClass() != Process.class && !getClass().isAnonymousClass() && !getClass().isHidden()) {
            Serialization.allow(getClass());
        }
        JvmSource source = method == StartMethod.WARM ? JvmSource.warm() : JvmSource.cold();
        try {
            jvm = source.start(new StartRequest(name, identity, daemon, this::encode, this, target, StandIn.BYTES));
        } catch (ProcessStartException e) {
            throw new ProcessException("cannot start " + name + ": " + e.getMessage(), e.getCause());
        }
        target = null;
        Children.add(this);
    }

    /** This object as the child receives it (called by the JVM source, once per JVM it tries). */
    private byte[] encode() {
        try {
            return Serialization.codec().encode(this);
        } catch (SerializationException e) {
            throw new ProcessException("cannot send " + name + " to a child process: " + e.getMessage(), e);
        }
    }

    /**
     * A process without a target, encoded once: the one stand-in for the shape of every task.
     * Standbys decode it while they wait, so that Kryo's serializer for this class is built
     * (~2 ms of reflection in a young JVM) before a real task arrives, and the child JVMs' AOT
     * cache is trained by running it. Decoding it has no effect (no constructor runs, nothing
     * starts) and running it does nothing.
     */
    private static final class StandIn {
        static final byte[] BYTES = Serialization.codec().encode(new Process("stand-in", new int[0], false, 0));
    }

    /** Waits until the process ends. */
    public void join() {
        while (!join(Duration.ofDays(1))) {
            // keep waiting: Python's join() has no timeout
        }
    }

    /**
     * Waits at most {@code timeout} for the process to end; returns whether it has ended (Python
     * returns {@code None} either way and leaves you to check {@link #exitCode()}).
     */
    public boolean join(Duration timeout) {
        Timeouts.toNanos(timeout);
        checkOpen();
        if (isCurrent()) throw new IllegalStateException("can only join a child process");
        Jvm j = jvm;
        if (j == null) throw new IllegalStateException("can only join a started process");
        if (!j.awaitExit(timeout)) return false;
        Children.remove(this);
        return true;
    }

    /** Whether the process has been started and has not ended. */
    public boolean isAlive() {
        checkOpen();
        if (isCurrent()) return true;
        Jvm j = jvm;
        if (j == null) return false;
        if (j.isAlive()) return true;
        Children.remove(this);
        return false;
    }

    /** Sends SIGTERM: the child halts at once (no finally blocks or exit hooks), exit code -15. */
    public void terminate() {
        started().terminate();
    }

    /** Sends SIGKILL: exit code -9. */
    public void kill() {
        started().kill();
    }

    /**
     * Releases the resources of a finished process. Afterwards every method that concerns the OS
     * process ({@code start}, {@code join}, {@code isAlive}, {@code terminate}, {@code kill},
     * {@code exitCode}, {@code pid}, {@code sentinel}) throws {@link IllegalStateException}, as
     * Python's raise {@code ValueError}; the name, daemon flag, identity and authkey remain
     * readable. Closing again does nothing. Throws {@link IllegalStateException} if the process is
     * still running (join or terminate first).
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        Jvm j = jvm;
        if (j != null) {
            if (j.isAlive()) {
                throw new IllegalStateException("cannot close a process while it is still running; join() or terminate() it first");
            }
            j.exitCode();
            j.close();
        }
        Children.remove(this);
        closed = true;
    }

    /** The exit code, Python style (see the class comment); empty until the process has ended. */
    public OptionalInt exitCode() {
        checkOpen();
        Jvm j = jvm;
        if (j == null) return OptionalInt.empty();
        Integer c = j.exitCode();
        return c == null ? OptionalInt.empty() : OptionalInt.of(c);
    }

    /** The OS process id. Throws {@link IllegalStateException} before {@link #start()} and after {@link #close()}. */
    public long pid() {
        checkOpen();
        if (isCurrent()) return ProcessHandle.current().pid();
        Jvm j = jvm;
        if (j == null) throw new IllegalStateException(name + " has no pid: it has not been started");
        return j.pid();
    }

    public String name() {
        return name;
    }

    /** Renames the process (before or after start; the child keeps the name it started with). */
    public void setName(String newName) {
        this.name = Objects.requireNonNull(newName, "name");
        if (isCurrent()) ThisProcess.rename(newName);
    }

    public boolean isDaemon() {
        return daemon;
    }

    /** Makes the process daemonic (terminated when its parent exits; no children of its own). Before start only. */
    public synchronized void setDaemon(boolean daemon) {
        if (jvm != null || isCurrent()) throw new IllegalStateException("process has already started");
        this.daemon = daemon;
    }

    /** Chooses this process's start method, overriding {@link Multiprocessing#getStartMethod()}. Before start only. */
    public synchronized void setStartMethod(StartMethod method) {
        if (jvm != null) throw new IllegalStateException("process has already started");
        this.startMethod = Objects.requireNonNull(method, "method");
    }

    /** The process's identity tuple: its index among its parent's children, prefixed by the parent's. */
    public int[] identity() {
        return identity.clone();
    }

    /** The family's authentication key (shared by a top-level process and all its descendants). */
    public byte[] authkey() {
        return ThisProcess.authkey().clone();
    }

    /**
     * A {@link Waitable} that is ready once this process has ended (Python's {@code sentinel});
     * {@code Connections.wait} is woken by the process's exit.
     *
     * @throws IllegalStateException if the process has not been started, or is closed (Python's {@code ValueError})
     */
    public Waitable sentinel() {
        Jvm j = started();
        Sentinel s = sentinel;
        if (s == null) sentinel = s = new Sentinel(j); // a racing second one is as good
        return s;
    }

    /** Whether this object stands for the process this code runs in (a child's task, or {@code MainProcess}). */
    private boolean isCurrent() {
        return ThisProcess.current() == this || Multiprocessing.isMainProcess(this);
    }

    private Jvm started() {
        checkOpen();
        Jvm j = jvm;
        if (j == null) throw new IllegalStateException(name + " has not been started");
        return j;
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("process object " + name + " is closed");
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<").append(getClass().getSimpleName().isEmpty() ? "Process" : getClass().getSimpleName())
                .append(" name='").append(name).append('\'');
        Jvm j = jvm;
        if (closed) s.append(" closed");
        else if (isCurrent()) s.append(" pid=").append(pid()).append(" started");
        else if (j != null) {
            s.append(" pid=").append(j.pid()).append(" parent=").append(creatorPid);
            Integer c = j.exitCode();
            s.append(c == null ? " started" : " stopped exitcode=" + c);
        } else s.append(" initial");
        if (daemon) s.append(" daemon");
        return s.append('>').toString();
    }
}
