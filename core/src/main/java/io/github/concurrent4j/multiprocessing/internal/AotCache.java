package io.github.concurrent4j.multiprocessing.internal;

import io.github.concurrent4j.internal.Config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;


/**
 * An ahead-of-time cache (JDK 25, JEP 483/514/515) for child JVMs: the classes a child loads
 * and links on its way to running a task (NIO, the handshake's crypto, Kryo, the lambda
 * machinery, concurrent4j's own), already parsed, linked and profiled. It cuts a child's
 * start-up CPU by about a third (BENCHMARKS.md), which matters twice: for cold
 * {@code SPAWN} starts, and for how fast the standby pool refills.
 *
 * <p>The JDK can only cache classes loaded from JAR files, so the cache is used when the
 * class path is made of JARs only (a packaged application, {@code ./demo}, the benchmarks);
 * with class directories (an IDE, {@code mvn test}) children start without it. The cache is
 * trained once per class path (names, sizes and dates of its JARs, the JDK, the child
 * options), in the background, by a real child that boots, connects, is primed, runs a
 * trivial task and halts; the JVM writes the cache as it exits. It lives in
 * {@code ~/.cache/concurrent4j/aot/} (or {@code -Dc4j.aot.dir}); {@code -Dc4j.child.aot=false}
 * turns it off.
 */
public final class AotCache {
    private static final String TRAINING_NAME = "aot-training";
    private static AotCache instance;
    private final Optional<Path> file;

    AotCache(List<String> classPath, List<String> options) {
        this.file = Config.flag(Config.Setting.CHILD_AOT, true) ? location(classPath, options) : Optional.empty();
    }

    /** The cache for this process's class path and child options. */
    public static synchronized AotCache get() {
        if (instance == null) instance = new AotCache(classPathEntries(), Launcher.startupOptions());
        return instance;
    }

    /**
     * The options that make a child use the cache, if it exists; starts training it once if not
     * (as soon as a process has been started: the training run's task is the process layer's
     * stand-in task, see {@link Priming#standIn()}).
     */
    List<String> options() {
        if (file.isEmpty()) return List.of();
        Path f = file.get();
        if (Files.isRegularFile(f)) return List.of("-XX:AOTCache=" + f, "-Xlog:aot=off", "-Xlog:cds=off");
        Priming.shared().standIn().ifPresent(task -> trainInBackground(f, task));
        return List.of();
    }

    /**
     * Waits until the cache exists (training it if needed), at most {@code timeout}; false if
     * there is none to be had (class directories on the class path, disabled, or no process
     * started yet). A caller that waits wants the cache now: a training run that was crawling
     * along at the lowest priority is replaced by one at normal priority.
     */
    public boolean awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + io.github.concurrent4j.Timeouts.toNanos(timeout);
        if (file.isEmpty()) return false;
        Path f = file.get();
        if (Files.isRegularFile(f)) return true;
        Optional<byte[]> task = Priming.shared().standIn();
        if (task.isEmpty()) return false; // no process started yet: nothing to train with
        train(f, task.get(), true);
        while (!Files.isRegularFile(f)) {
            synchronized (this) {
                if (trainingRun == null) return Files.isRegularFile(f);
            }
            if (System.nanoTime() - deadline > 0) return false;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The training run in progress, if any: its generation, whether it is urgent, and its JVMs. */
    private static final class Run {
        final boolean urgent;
        volatile Launcher.Pending recorder;
        volatile java.lang.Process creator;
        volatile boolean cancelled;

        Run(boolean urgent) {
            this.urgent = urgent;
        }

        void cancel() {
            cancelled = true;
            Launcher.Pending r = recorder;
            if (r != null) r.abandon();
            java.lang.Process c = creator;
            if (c != null) c.destroyForcibly();
        }
    }

    private Run trainingRun; // guarded by this

    private void trainInBackground(Path f, byte[] task) {
        train(f, task, false);
    }

    /** Starts a training run unless one is going (an urgent request replaces a background one). */
    private synchronized void train(Path f, byte[] task, boolean urgent) {
        if (trainingRun != null) {
            if (trainingRun.urgent || !urgent) return;
            trainingRun.cancel();
        }
        if (!urgent && ++backgroundRuns > MAX_BACKGROUND_RUNS) return; // it keeps failing here: children start without it
        Run run = new Run(urgent);
        trainingRun = run;
        if (!exitHookAdded) {
            exitHookAdded = true;
            ExitHooks.add(ExitHooks.Phase.SERVICES, this::cancelTraining);
        }
        Thread t = new Thread(() -> train(f, task, run), "c4j-aot-training");
        t.setDaemon(true);
        t.start();
    }

    private boolean exitHookAdded; // guarded by this
    private int backgroundRuns;    // guarded by this
    private static final int MAX_BACKGROUND_RUNS = 2;

    /** At exit: a training run does not outlive the family (the next family trains again). */
    private synchronized void cancelTraining() {
        if (trainingRun != null) trainingRun.cancel();
    }

    /**
     * Two steps, so that we know when the cache is complete (JDK 25's one-step
     * {@code AOTCacheOutput} assembles it in a JVM of its own after the training JVM exits):
     * record what a real child does — a standby that is primed and then runs {@code task} —
     * then create the cache from that record. Both steps print nothing; in the background they
     * run at the lowest CPU priority ({@code nice 19}), so that they use only CPU time the
     * user's processes leave idle.
     */
    private void train(Path f, byte[] task, Run run) {
        String stem = f.getFileName() + "." + ProcessHandle.current().pid() + "." + System.identityHashCode(run);
        Path conf = f.resolveSibling(stem + ".aotconf");
        Path tmp = f.resolveSibling(stem + ".tmp");
        List<String> priority = run.urgent ? List.of() : Launcher.lowPriority();
        try {
            Files.createDirectories(f.getParent());
            Launcher.Pending pending = Launcher.spawn(Launcher.Kind.TRAINING, List.of("-XX:AOTMode=record",
                    "-XX:AOTConfiguration=" + conf, "-Xlog:aot=off", "-Xlog:cds=off"), priority);
            run.recorder = pending;
            Standbys.markOwned(pending.pid());
            if (run.cancelled) pending.abandon();
            Jvm jvm = pending.await();
            for (byte[] frame : Priming.shared().all()) jvm.send(frame);
            jvm.send(RunRequest.encode(TRAINING_NAME, new int[] {0}, false, task));
            boolean exited = jvm.awaitExit(Duration.ofMinutes(5));
            jvm.close();
            if (!exited || run.cancelled || !Files.isRegularFile(conf)) return;
            List<String> create = new ArrayList<>(priority);
            create.addAll(Launcher.command(List.of("-XX:AOTMode=create",
                    "-XX:AOTConfiguration=" + conf, "-XX:AOTCache=" + tmp, "-Xlog:aot=off", "-Xlog:cds=off")));
            java.lang.Process p = new ProcessBuilder(create).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            run.creator = p;
            Standbys.markOwned(p.pid());
            if (run.cancelled) p.destroyForcibly();
            if (p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES) && p.exitValue() == 0 && Files.size(tmp) > 0) {
                Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                p.destroyForcibly();
            }
        } catch (IOException | RuntimeException e) {
            // no cache: children start without it; the next family tries again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                if (trainingRun == run) trainingRun = null;
            }
            try {
                Files.deleteIfExists(tmp);
                Files.deleteIfExists(conf);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private static Optional<Path> location(List<String> classPath, List<String> options) {
        if (classPath.isEmpty()) return Optional.empty();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, System.getProperty("java.home"));
            update(sha, Runtime.version().toString());
            for (String o : options) update(sha, o);
            for (String entry : classPath) {
                Path p = Path.of(entry);
                if (!entry.endsWith(".jar") || !Files.isRegularFile(p)) return Optional.empty(); // directories cannot be cached
                update(sha, p.toAbsolutePath().toString());
                update(sha, Long.toString(Files.size(p)));
                update(sha, Long.toString(Files.getLastModifiedTime(p).toMillis()));
            }
            String key = HexFormat.of().formatHex(sha.digest(), 0, 16);
            return Optional.of(root().resolve("child-" + key + ".aot"));
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Path root() {
        Optional<String> dir = Config.string(Config.Setting.AOT_DIR);
        if (dir.isPresent()) return Path.of(dir.get());
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("concurrent4j").resolve("aot");
    }

    private static void update(MessageDigest sha, String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    static List<String> classPathEntries() {
        String cp = System.getProperty("java.class.path", "");
        List<String> entries = new ArrayList<>();
        for (String e : cp.split(java.io.File.pathSeparator)) if (!e.isEmpty()) entries.add(e);
        return entries;
    }
}
