package io.github.concurrent4j.multiprocessing.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.transport.internal.Handshake;

/**
 * Who this JVM is in its process family: its name, its Python-style identity tuple, its daemon
 * flag, its parent, the object it runs as, and the family's {@code authkey}.
 *
 * <p>The top-level process is {@code MainProcess} with the empty identity and a random authkey
 * made on first use. A child learns everything from its {@link Boot} record (the key) and its
 * RUN message (the rest), see {@link ChildMain}. The child's view of its parent's life comes
 * from the control link, the child's lifeline: {@link #parentGone()} completes when the link
 * reaches end-of-file, a short while before the child is halted for being orphaned.
 *
 * <p>Thread-safe: the fields are set once by the bootstrap before any task code runs, then only
 * read (except the name, which Python lets a process change).
 */
public final class ThisProcess {
    private static final AtomicInteger CHILD_COUNTER = new AtomicInteger();
    private static final CompletableFuture<Void> PARENT_GONE = new CompletableFuture<>();
    private static volatile byte[] authkey;
    private static volatile boolean child;
    private static volatile String name = "MainProcess";
    private static volatile int[] identity = new int[0];
    private static volatile boolean daemon;
    private static volatile String parentName;
    private static volatile long parentPid;
    private static volatile Object current;

    private ThisProcess() {}

    public static boolean isChild() {
        return child;
    }

    public static String name() {
        return name;
    }

    /** Renames this process (Python allows {@code current_process().name = ...}). */
    public static void rename(String newName) {
        name = newName;
    }

    public static int[] identity() {
        return identity.clone();
    }

    public static boolean isDaemon() {
        return daemon;
    }

    /** The parent's name, or null in the top-level process. */
    public static String parentName() {
        return parentName;
    }

    /** The parent's pid, or 0 in the top-level process. */
    public static long parentPid() {
        return parentPid;
    }

    /** The object this process runs as (the decoded {@code Process} in a child), or null in the top-level process. */
    public static Object current() {
        return current;
    }

    /** The identity of the next child created here: this process's identity plus a counter. */
    public static int[] nextChildIdentity() {
        int[] mine = identity;
        int[] id = Arrays.copyOf(mine, mine.length + 1);
        id[mine.length] = CHILD_COUNTER.incrementAndGet();
        return id;
    }

    /** The family's key (made on first use in the top-level process). */
    public static byte[] authkey() {
        byte[] k = authkey;
        if (k == null) {
            synchronized (ThisProcess.class) {
                if (authkey == null) authkey = Handshake.newAuthkey();
                k = authkey;
            }
        }
        return k;
    }

    /** Sets this process's authkey (Python lets a process change its own). */
    public static void setAuthkey(byte[] key) {
        if (key == null || key.length == 0) throw new IllegalArgumentException("authkey must be a non-empty byte array");
        authkey = key.clone();
    }

    /** Whether the parent of this child is known to be gone (its lifeline reached end-of-file). */
    public static boolean parentGone() {
        return PARENT_GONE.isDone();
    }

    /**
     * Waits at most {@code timeout} until this child's parent is gone, as the lifeline tells;
     * returns whether it is. Only meaningful in a child.
     */
    public static boolean awaitParentGone(Duration timeout) {
        long nanos = Timeouts.toNanos(timeout);
        try {
            PARENT_GONE.get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        }
    }

    /** Called by the lifeline when the control link reaches end-of-file. */
    static void markParentGone() {
        PARENT_GONE.complete(null);
    }

    /** Called by {@link ChildMain} first thing: this JVM is a child of the family whose key it was given. */
    static void joinFamily(Boot boot) {
        child = true;
        authkey = boot.authkey().clone();
    }

    /** Called by {@link ChildMain} once its task has arrived: this JVM becomes the process described by {@code run}. */
    static void become(Control.Run run, Object process) {
        name = run.name();
        identity = run.identity().clone();
        daemon = run.daemon();
        parentName = run.parentName();
        parentPid = run.parentPid();
        current = process;
    }
}
