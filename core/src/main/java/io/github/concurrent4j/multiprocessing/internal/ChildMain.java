package io.github.concurrent4j.multiprocessing.internal;

import io.github.concurrent4j.internal.Config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.concurrent4j.function.SerializableRunnable;
import io.github.concurrent4j.transport.Codec;
import io.github.concurrent4j.transport.internal.FramedChannel;
import io.github.concurrent4j.transport.internal.Handshake;
import io.github.concurrent4j.transport.Serialization;

/**
 * The {@code main} of every child JVM. It never runs the parent's {@code main}: it reads its
 * {@link Boot} record from stdin, connects back and authenticates, (as a standby) warms up and
 * waits, then receives its task, becomes that {@code Process} and runs it.
 *
 * <p>Exit, Python style: 0 when the task returns, 1 (after printing {@code Process <name>:}
 * and the stack trace on stderr) when it throws, {@code n} after {@code System.exit(n)}.
 * SIGTERM halts at once with 143, which the parent reports as -15: like Python's
 * {@code terminate()}, it runs no {@code finally} blocks or exit handlers. Before a normal
 * exit the child runs its exit hooks (terminate daemonic children, join the others), flushes
 * its output, reports the code on the control link and halts, so that no JVM shutdown work
 * is left between "task done" and "process gone".
 *
 * <p>As in Python, a child whose task has returned waits for the non-daemonic threads the task
 * started before it exits.
 *
 * <p>The control link is the child's lifeline: a daemon thread reads it, and end-of-file
 * (the parent died, even by SIGKILL: the kernel closes its sockets) orphans the child: its
 * {@code parentProcess()} reads as ended at once (so the task can react, as Python's
 * {@code parent_process().join()} lets it), and {@value #ORPHAN_GRACE_MILLIS} ms later the child
 * halts, well within the second a child may outlive its parent.
 */
public final class ChildMain {
    /** Set once this child is shutting down by itself, so the lifeline's end is not the parent's death. */
    private static final AtomicBoolean EXITING = new AtomicBoolean();
    /** How long an orphaned child lives on after its parent's death, to flush or report. */
    static final long ORPHAN_GRACE_MILLIS = 500;

    private ChildMain() {}

    public static void main(String[] args) {
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        Boot boot;
        try {
            boot = Boot.readFrom(System.in);
        } catch (IOException e) {
            realErr.println("concurrent4j: " + ChildMain.class.getName()
                    + " is started by concurrent4j, not by hand (" + e.getMessage() + ")");
            Runtime.getRuntime().halt(2);
            return;
        }
        System.setIn(InputStream.nullInputStream());
        ExitHooks.runByChildMain();
        ThisProcess.joinFamily(boot);
        RuntimeDirs.adopt(java.nio.file.Path.of(boot.runtimeDir()), java.nio.file.Path.of(boot.shmDir()));
        if (boot.standby()) silence(); // a standby's warm-up and priming must not print in the parent
        FramedChannel link = connect(boot, realErr);
        try {
            // Set up before the task comes, so that a warm start does not wait for a thread to start.
            installSigtermHalt();
            CountDownLatch lifeline = startLifeline(link);
            // For System.exit in the task: its exit hooks run (its own children), and the lifeline
            // leaves its native wait, so the JVM's exit does not wait for it.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                ExitHooks.run();
                EXITING.set(true);
                link.close();
            }, "c4j-exit"));
            if (boot.standby()) {
                WarmUp.standby();
                link.write(Control.ready());
            }
            byte[] frame = awaitRun(link);
            lifeline.countDown(); // from now on the lifeline thread is the link's only reader
            System.setOut(realOut);
            System.setErr(realErr);
            Control.Run run = Control.Run.decode(frame);
            runAsChild(run, link);
        } catch (IOException e) {
            Runtime.getRuntime().halt(0); // the parent went away before giving us work
        }
    }

    private static void silence() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(nowhere);
        System.setErr(nowhere);
    }

    private static FramedChannel connect(Boot boot, PrintStream err) {
        try {
            SocketChannel sc = SocketChannel.open(StandardProtocolFamily.UNIX);
            sc.connect(UnixDomainSocketAddress.of(boot.socketPath()));
            FramedChannel link = Handshake.connect(sc, Handshake.Options.of(boot.authkey()));
            link.write(Control.hello(boot.token(), ProcessHandle.current().pid()));
            return link;
        } catch (IOException | RuntimeException e) {
            err.println("concurrent4j: child JVM cannot reach its parent: " + e);
            Runtime.getRuntime().halt(2);
            throw new AssertionError("unreachable");
        }
    }

    private static byte[] awaitRun(FramedChannel link) throws IOException {
        while (true) {
            byte[] frame = link.read();
            switch (Control.type(frame)) {
                case Control.RUN -> {
                    return frame;
                }
                case Control.PRIME -> Priming.prime(frame);
                default -> throw new IOException("unexpected control message " + frame[0]);
            }
        }
    }

    private static void runAsChild(Control.Run run, FramedChannel link) {
        adopt(run.properties());
        inherit(run.allowList());
        Codec codec = codec(run.codecClass());
        Object task;
        try {
            task = codec.decode(run.task());
        } catch (RuntimeException e) {
            System.err.println("Process " + run.name() + ": cannot decode its task: " + e.getMessage());
            finish(link, 1);
            return;
        }
        ThisProcess.become(run, task);
        int code = 0;
        try {
            if (!(task instanceof SerializableRunnable r)) {
                throw new IllegalStateException("task is a " + task.getClass().getName() + ", not a runnable");
            }
            r.run();
        } catch (Throwable t) {
            PrintStream err = System.err;
            if (err != null) {
                err.println("Process " + ThisProcess.name() + ":");
                t.printStackTrace(err);
            }
            code = 1;
        }
        finish(link, code);
    }

    /**
     * Takes the parent's {@code c4j.*} properties as they were at {@code start()}: a standby was
     * launched with the ones of an earlier moment (a setting made or cleared since then counts).
     * A {@code c4j.*} property the parent lacks is kept unless it is one of {@link Config}'s settings
     * (a child may be given its own through {@code c4j.child.jvmOptions}).
     */
    static void adopt(Map<String, String> parents) {
        for (Config.Setting s : Config.Setting.values()) {
            if (!parents.containsKey(s.key())) System.clearProperty(s.key()); // only the library's own settings:
        }                                                                      // others may be this child's own
        parents.forEach(System::setProperty);
    }

    /** The parent's added allow-list entries this child has adopted (every RUN repeats them). */
    private static volatile List<String> inherited = List.of();

    /** Adopts the parent's entries, unless they are the ones adopted already (the usual case, and 0.1 ms on a start). */
    static void inherit(List<String> entries) {
        if (entries.equals(inherited)) return;
        Serialization.inherit(entries);
        inherited = entries;
    }

    private static Codec codec(String className) {
        if (className.isEmpty() || className.equals(Serialization.codec().getClass().getName())) return Serialization.codec();
        try {
            Codec c = (Codec) Class.forName(className).getConstructor().newInstance();
            Serialization.setCodec(c);
            return c;
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot create the parent's codec " + className, e);
        }
    }

    /**
     * Python's child waits for the non-daemonic threads its task started ({@code threading._shutdown}
     * in {@code Process._bootstrap}), as a JVM's own exit does. Threads the task started are in
     * the main thread's group (or below it); the library's and the JDK's are daemons or elsewhere.
     */
    private static void joinNonDaemonThreads() {
        Thread me = Thread.currentThread();
        ThreadGroup group = me.getThreadGroup();
        while (true) {
            Thread[] all = new Thread[group.activeCount() + 8];
            int n = group.enumerate(all, true);
            Thread waitFor = null;
            for (int i = 0; i < n && waitFor == null; i++) {
                if (all[i] != me && !all[i].isDaemon() && all[i].isAlive()) waitFor = all[i];
            }
            if (waitFor == null) return;
            try {
                waitFor.join();
            } catch (InterruptedException e) {
                return; // nobody interrupts the main thread here; if someone does, stop waiting
            }
        }
    }

    /**
     * Exit hooks, the task's non-daemonic threads, flush, report, halt (the order of Python's
     * {@code _bootstrap}): nothing of the JVM's own shutdown runs after "done".
     */
    private static void finish(FramedChannel link, int code) {
        ExitHooks.run();
        joinNonDaemonThreads();
        flush();
        try {
            link.write(Control.exit(code));
        } catch (IOException | RuntimeException ignored) {
            // the parent is gone; the exit code still tells
        }
        Runtime.getRuntime().halt(code);
    }

    @SuppressWarnings("removal")
    private static void installSigtermHalt() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> {
                flush();
                Runtime.getRuntime().halt(128 + 15);
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // the JVM reserved SIGTERM (-Xrs): its default shutdown then gives 143 as well
        }
    }

    /** The parent is gone: let the task see it for a moment, then halt. */
    private static void orphaned() {
        ThisProcess.markParentGone();
        try {
            Thread.sleep(ORPHAN_GRACE_MILLIS);
        } catch (InterruptedException ignored) {
            // halt now
        }
        flush();
        Runtime.getRuntime().halt(128 + 9);
    }

    /** Flushes the standard streams, which a task may have replaced, closed or set to null. */
    private static void flush() {
        PrintStream out = System.out, err = System.err;
        if (out != null) out.flush();
        if (err != null) err.flush();
    }

    /**
     * Starts the lifeline thread, which waits until it is armed (the task has arrived: until then
     * the main thread reads the link) and then reads the link until end-of-file.
     */
    private static CountDownLatch startLifeline(FramedChannel link) {
        CountDownLatch armed = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                armed.await();
                while (true) link.read(); // no messages after RUN; only end-of-file matters
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                if (EXITING.get()) return; // we closed it ourselves on the way out
                orphaned();
            }
        }, "c4j-lifeline");
        t.setDaemon(true);
        t.start();
        return armed;
    }
}
