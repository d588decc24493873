package io.github.concurrent4j.multiprocessing.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * The equivalent of CPython's {@code multiprocessing.resource_tracker}: a small process that
 * outlives the family and removes what the family leaves behind — its private directories (the
 * sockets and shared-memory files in them) and every file registered with {@link #register}
 * (named shared memory outside those directories) — within a fraction of a second of the last
 * family process dying, even when every one of them was killed with SIGKILL.
 *
 * <pre>
 *  top-level JVM ──stdin pipe──▶ tracker (/bin/sh, ~1 MB)
 *  every family JVM:               1. blocks reading its stdin: end-of-file = the top-level
 *    launch child  ──▶ members/PID-START        process is gone (exit or SIGKILL: the kernel
 *    child reaped  ──▶ rm members/PID-START     closes the pipe)
 *    register(p)   ──▶ resources: "+p"        2. polls members/ every 50 ms until none is alive
 *    unregister(p) ──▶ resources: "-p"           (a pid counts only with its start time)
 *                                             3. removes registered paths, then the directories
 * </pre>
 *
 * <p>Why a shell, not a JVM: the tracker must be cheap, since every family has one; a shell
 * costs about a millisecond to start and a megabyte of memory, and sleeps in {@code read} until
 * the family's top-level process is gone. Its state lives in files in the family's private
 * directory ({@code .tracker/}), so children register without talking to it, and a tracker
 * that is killed is restarted by the top-level process with nothing lost (as CPython restarts
 * its tracker). It ignores SIGINT, SIGTERM and SIGHUP, as CPython's does, so that a Ctrl-C
 * sent to the terminal's process group does not remove files the family still uses.
 *
 * <p>Thread-safe. Registration appends one line with one {@code write} to a file opened with
 * {@code O_APPEND}, which is atomic for such sizes.
 */
public final class ResourceTracker {
    /** The tracker's program; {@code $1} is the runtime directory, {@code $2} the shared-memory directory. */
    private static final String SCRIPT = """
            trap '' INT TERM HUP QUIT PIPE
            rt=$1; shm=$2; t=$rt/.tracker
            while read -r _; do :; done
            alive() {
              { read -r s < "/proc/$1/stat"; } 2>/dev/null || return 1
              s=${s##*) }
              set -f; set -- "$2" $s; set +f
              case $2 in Z|X|x) return 1 ;; esac
              eval "st=\\${21}"
              [ "$st" = "$1" ]
            }
            while :; do
              left=0
              for f in "$t"/members/*; do
                [ -e "$f" ] || continue
                m=${f##*/}
                if alive "${m%-*}" "${m#*-}"; then left=1; else rm -f -- "$f"; fi
              done
              [ "$left" = 0 ] && break
              sleep 0.05 2>/dev/null || sleep 1
            done
            if [ -f "$t/resources" ]; then
              awk '{ p = substr($0, 2) } /^[+]/ { keep[p] = 1 } /^-/ { delete keep[p] } END { for (p in keep) print p }' \\
                "$t/resources" | while IFS= read -r p; do rm -rf -- "$p"; done
            fi
            rm -rf -- "$rt" "$shm"
            """;

    private static Path dir;                 // <runtimeDir>/.tracker, guarded by the class lock
    private static Path runtimeDir, shmDir;  // what the tracker removes
    private static java.lang.Process tracker;
    private static OutputStream lifeline;    // held open: the tracker waits for its end-of-file
    private static boolean finishing;

    private ResourceTracker() {}

    /**
     * Registers a file or directory of this family to be removed once every process of the
     * family has gone, unless {@link #unregister unregistered} before (CPython's
     * {@code resource_tracker.register}). The family's own directories need no registration.
     */
    public static void register(Path path) {
        append('+', path);
    }

    /** Forgets a registration: the owner removed the file itself (CPython's {@code unregister}). */
    public static void unregister(Path path) {
        append('-', path);
    }

    private static void append(char op, Path path) {
        String p = path.toAbsolutePath().toString();
        if (p.indexOf('\n') >= 0) throw new IllegalArgumentException("a path with a newline cannot be tracked: " + p);
        Path d = trackerDir();
        try {
            Files.writeString(d.resolve("resources"), op + p + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot register " + p + " with the resource tracker: " + e.getMessage(), e);
        }
    }

    private static Path trackerDir() {
        RuntimeDirs.runtimeDir(); // creates the family's directories (and the tracker) if needed
        synchronized (ResourceTracker.class) {
            return dir;
        }
    }

    /** Called by {@link RuntimeDirs} in the top-level process when it has created the directories. */
    static synchronized void start(Path runtime, Path shm) {
        runtimeDir = runtime;
        shmDir = shm;
        dir = runtime.resolve(".tracker");
        try {
            Files.createDirectories(dir.resolve("members"));
        } catch (IOException e) {
            return; // no tracker: the exit hook and the next family's sweep remain
        }
        launch();
    }

    /** Called in a child: it registers into its family's tracker directory. */
    static synchronized void adopt(Path runtime) {
        runtimeDir = runtime;
        dir = runtime.resolve(".tracker");
    }

    private static synchronized void launch() {
        if (finishing) return;
        try {
            java.lang.Process p = new ProcessBuilder("/bin/sh", "-c", SCRIPT, "c4j-tracker",
                    runtimeDir.toString(), shmDir.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            tracker = p;
            lifeline = p.getOutputStream();
            p.onExit().thenRun(ResourceTracker::restartIfKilled);
        } catch (IOException e) {
            tracker = null; // no shell here: the exit hook and the next family's sweep remain
        }
    }

    private static synchronized void restartIfKilled() {
        if (!finishing && tracker != null && !tracker.isAlive()) launch();
    }

    /**
     * Records a process of the family that the tracker must outlive, by its pid and start time
     * (so that a reused pid does not count). Called for every child JVM as soon as it exists;
     * returns the record, for {@link #removeMember}, or null if there is no tracker.
     */
    static Path addMember(long pid) {
        Path f = memberFile(pid);
        if (f == null) return null;
        try {
            return Files.createFile(f);
        } catch (IOException e) {
            return null; // not tracked: the family's exit hook and the next family's sweep remain
        }
    }

    /** Forgets a member once it has been reaped. */
    static void removeMember(Path member) {
        if (member == null) return;
        try {
            Files.deleteIfExists(member);
        } catch (IOException e) {
            // the tracker drops dead members itself
        }
    }

    private static Path memberFile(long pid) {
        Path d;
        synchronized (ResourceTracker.class) {
            d = dir;
        }
        if (d == null) return null;
        String start = startTime(pid);
        return start == null ? null : d.resolve("members").resolve(pid + "-" + start);
    }

    /** Field 22 of {@code /proc/PID/stat}: the process's start time in clock ticks since boot. */
    static String startTime(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            String[] f = s.substring(s.lastIndexOf(')') + 2).trim().split(" ");
            return f.length > 19 ? f[19] : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * On a normal exit of the top-level process: tells the tracker that the family is ending
     * (end-of-file on its stdin) and waits a little for it to remove the family's files.
     */
    static void finish() {
        java.lang.Process p;
        synchronized (ResourceTracker.class) {
            finishing = true;
            p = tracker;
            try {
                if (lifeline != null) lifeline.close();
            } catch (IOException ignored) {
                // the tracker is gone: the caller removes the directories itself
            }
        }
        if (p == null) return;
        try {
            p.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@code pid} is this family's tracker (tests do not count it as a leftover child). */
    public static synchronized boolean isTracker(long pid) {
        return tracker != null && tracker.pid() == pid;
    }
}
