package io.github.concurrent4j.multiprocessing.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.concurrent4j.transport.FramedChannel;
import io.github.concurrent4j.transport.Handshake;

/**
 * This JVM's place in a process family: its identity (name, Python-style identity tuple,
 * daemon flag, parent), the family's {@code authkey}, the private directories for sockets and
 * shared memory, and the machinery to start child JVMs (control server, standby pool).
 *
 * <p>The top-level process (Python's {@code MainProcess}) creates the family lazily, on its
 * first child: a random authkey, {@code <tmp>/c4j-<pid>-<random>/} for sockets and
 * {@code /dev/shm/c4j-<pid>-<random>/} for shared memory, both mode 0700, removed at exit.
 * A child inherits all of it from its {@link Boot} record and its RUN message. Directories
 * left by a family whose top-level process was killed (no exit hooks ran) are removed by the
 * next family that starts on the machine, once their owner's pid is gone.
 *
 * <p>Exit hooks run once: from a JVM shutdown hook in the top-level process, and by
 * {@link ChildMain} before a child halts. The process layer registers there the Python
 * behaviour "terminate daemonic children, join the others".
 */
public final class Family {
    private static final Family INSTANCE = new Family();

    private final AtomicInteger childCounter = new AtomicInteger();
    private final List<Runnable> exitHooks = new ArrayList<>();
    private volatile byte[] authkey;
    private volatile boolean child;
    private volatile String name = "MainProcess";
    private volatile int[] identity = new int[0];
    private volatile boolean daemon;
    private volatile String parentName;
    private volatile long parentPid;
    private volatile Object current;
    private volatile Path runtimeDir;
    private volatile Path shmDir;
    private boolean ownsDirs;
    private ControlServer controlServer;
    private Standbys standbys;
    private final Priming priming = new Priming();
    private AotCache aotCache;
    private boolean hookInstalled;
    private boolean exited;

    private Family() {}

    public static Family get() {
        return INSTANCE;
    }

    // ---- identity -------------------------------------------------------------------------

    public boolean isChild() {
        return child;
    }

    public String name() {
        return name;
    }

    public int[] identity() {
        return identity.clone();
    }

    public boolean isDaemon() {
        return daemon;
    }

    /** The parent's name, or null in the top-level process. */
    public String parentName() {
        return parentName;
    }

    /** The parent's pid, or 0 in the top-level process. */
    public long parentPid() {
        return parentPid;
    }

    /** The object this process runs as (the decoded {@code Process} in a child), or null in the top-level process. */
    public Object current() {
        return current;
    }

    /** The identity of the next child created here: this process's identity plus a counter. */
    public int[] nextChildIdentity() {
        int[] id = Arrays.copyOf(identity, identity.length + 1);
        id[identity.length] = childCounter.incrementAndGet();
        return id;
    }

    public byte[] authkey() {
        byte[] k = authkey;
        if (k == null) {
            synchronized (this) {
                if (authkey == null) authkey = Handshake.newAuthkey();
                k = authkey;
            }
        }
        return k;
    }

    /** Sets this process's authkey (Python lets a process change its own). */
    public void setAuthkey(byte[] key) {
        if (key == null || key.length == 0) throw new IllegalArgumentException("authkey must be a non-empty byte array");
        authkey = key.clone();
    }

    /**
     * Called by {@link ChildMain} first thing: this JVM joins its parent's family (key and
     * directories, which it does not own and never removes).
     */
    synchronized void join(Boot boot) {
        child = true;
        authkey = boot.authkey().clone();
        runtimeDir = Path.of(boot.runtimeDir());
        shmDir = Path.of(boot.shmDir());
        ownsDirs = false;
    }

    /** Called by {@link ChildMain} once its task has arrived: this JVM becomes the process described by {@code run}. */
    void becomeChild(Control.Run run, Object process) {
        name = run.name();
        identity = run.identity().clone();
        daemon = run.daemon();
        parentName = run.parentName();
        parentPid = run.parentPid();
        current = process;
    }

    /** Renames this process (Python allows {@code current_process().name = ...}). */
    public void rename(String newName) {
        name = newName;
    }

    // ---- directories ----------------------------------------------------------------------

    public Path runtimeDir() {
        ensureDirs();
        return runtimeDir;
    }

    public Path shmDir() {
        ensureDirs();
        return shmDir;
    }

    private synchronized void ensureDirs() {
        if (runtimeDir != null) return;
        String stem = "c4j-" + ProcessHandle.current().pid() + "-";
        try {
            runtimeDir = Files.createTempDirectory(tempRoot(), stem, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Path shmRoot = Path.of("/dev/shm");
            shmDir = Files.isDirectory(shmRoot) && Files.isWritable(shmRoot)
                    ? Files.createTempDirectory(shmRoot, stem, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")))
                    : Files.createDirectory(runtimeDir.resolve("shm"));
        } catch (IOException e) {
            throw new ProcessStartException("cannot create concurrent4j's private directories: " + e.getMessage(), e);
        }
        ownsDirs = true;
        installHook();
        Thread sweeper = new Thread(Family::sweepStale, "c4j-sweep");
        sweeper.setDaemon(true);
        sweeper.start();
    }

    /** Unix sockets have a ~108-byte path limit: prefer a short temporary root. */
    private static Path tempRoot() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        return tmp.toString().length() <= 40 ? tmp : Path.of("/tmp");
    }

    /** Removes directories of families whose top-level process is gone (killed before its exit hooks). */
    private static void sweepStale() {
        for (Path root : List.of(tempRoot(), Path.of("/dev/shm"))) {
            try (Stream<Path> dirs = Files.list(root)) {
                dirs.filter(d -> d.getFileName().toString().startsWith("c4j-") && Files.isDirectory(d) && Files.isWritable(d))
                        .filter(d -> ownerGone(d.getFileName().toString()))
                        .forEach(Family::deleteTree);
            } catch (IOException | RuntimeException ignored) {
                // best effort: a later family tries again
            }
        }
    }

    private static boolean ownerGone(String dirName) {
        String[] parts = dirName.split("-");
        if (parts.length < 3) return false;
        try {
            return ProcessHandle.of(Long.parseLong(parts[1])).isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // already gone
        }
    }

    // ---- child JVMs -----------------------------------------------------------------------

    synchronized ControlServer controlServer() {
        if (controlServer == null) {
            try {
                controlServer = new ControlServer(runtimeDir().resolve("ctl-" + ProcessHandle.current().pid() + ".sock"),
                        authkey(), FramedChannel.MAX_FRAME);
            } catch (IOException e) {
                throw new ProcessStartException("cannot open the control socket: " + e.getMessage(), e);
            }
            installHook();
        }
        return controlServer;
    }

    private synchronized Standbys standbys() {
        if (standbys == null) standbys = new Standbys(this);
        return standbys;
    }

    /** A child JVM for one process: a warm standby, or a freshly started one. */
    public Jvm obtainJvm(boolean warm) {
        return warm ? standbys().take() : Launcher.launch(this, false);
    }

    /**
     * Shows waiting standbys what a just-started task needed (its class, or its lambda's shape),
     * so that the next such task starts without class loading; see {@link Priming}.
     */
    public void primeStandbys(Object task, Object target) {
        byte[] frame = priming.remember(task, target);
        Standbys s;
        synchronized (this) {
            s = standbys;
        }
        if (frame != null && s != null) s.prime(frame);
    }

    /** Shows waiting and future standbys an inert stand-in of a class every task carries (see {@link Priming}). */
    public void primeStandbysWithSample(String key, byte[] encoded) {
        byte[] frame = priming.rememberSample(key, encoded);
        Standbys s;
        synchronized (this) {
            s = standbys;
        }
        if (frame != null && s != null) s.prime(frame);
    }

    Priming priming() {
        return priming;
    }

    synchronized AotCache aotCache() {
        if (aotCache == null) aotCache = new AotCache(this, AotCache.classPathEntries(), Launcher.startupOptions());
        return aotCache;
    }

    /** Sets the standby pool's size and idle time. */
    public void configureStandbys(int count, Duration idle) {
        standbys().configure(count, idle);
    }

    public int standbyCount() {
        return standbys().size();
    }

    /** Starts the standby pool now and waits until it is full. */
    public void prestart(Duration timeout) {
        standbys().awaitFilled(timeout);
    }

    /** Waits until the child JVMs' AOT cache is trained (benchmarks); false if there is none to be had. */
    public boolean awaitAotCache(Duration timeout) {
        return aotCache().awaitReady(timeout);
    }

    /** Boots standbys until {@code count} are ready, without changing the pool's size. */
    public void reserveStandbys(int count, Duration timeout) {
        standbys().reserve(count, timeout);
    }

    /** Stops idle standbys now (they are started again on demand). */
    public void drainStandbys() {
        Standbys s;
        synchronized (this) {
            s = standbys;
        }
        if (s != null) s.drain();
    }

    private final java.util.Set<Long> owned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Records a helper JVM (the AOT training run) that is ours but serves no process. */
    void markOwned(long pid) {
        owned.add(pid);
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().thenRun(() -> owned.remove(pid)));
    }

    /** Whether {@code pid} is a JVM kept by the library on purpose: a standby (booting or idle) or a helper. */
    public boolean isStandby(long pid) {
        if (owned.contains(pid)) return true;
        Standbys s;
        synchronized (this) {
            s = standbys;
        }
        return s != null && s.isStandby(pid);
    }

    /** The command line used for child JVMs (for diagnostics and benchmarks). */
    public List<String> childCommand() {
        return Launcher.command();
    }

    // ---- exit -----------------------------------------------------------------------------

    /** Registers an action for this process's exit (run in registration order). */
    public synchronized void addExitHook(Runnable hook) {
        exitHooks.add(hook);
        installHook();
    }

    private synchronized void installHook() {
        if (hookInstalled) return;
        hookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(this::runExitHooks, "c4j-exit"));
    }

    /** Runs the exit hooks, then stops standbys and the control server, and removes owned directories. */
    public void runExitHooks() {
        List<Runnable> hooks;
        synchronized (this) {
            if (exited) return;
            exited = true;
            hooks = new ArrayList<>(exitHooks);
        }
        for (Runnable h : hooks) {
            try {
                h.run();
            } catch (RuntimeException e) {
                System.err.println("concurrent4j: exit hook failed: " + e);
            }
        }
        Standbys s;
        ControlServer c;
        synchronized (this) {
            s = standbys;
            c = controlServer;
        }
        if (s != null) s.close();
        if (c != null) c.close();
        if (ownsDirs) {
            deleteTree(runtimeDir);
            deleteTree(shmDir);
        }
    }
}
