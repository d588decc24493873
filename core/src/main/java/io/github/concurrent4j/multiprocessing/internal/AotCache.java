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
    private volatile boolean training;

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
     * there is none to be had (class directories on the class path, or disabled).
     */
    public boolean awaitReady(Duration timeout) {
        if (file.isEmpty()) return false;
        options();
        if (!training && !Files.isRegularFile(file.get())) return false; // no process started yet: nothing to train with
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.isRegularFile(file.get())) {
            if (System.nanoTime() > deadline || !training) return Files.isRegularFile(file.get());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private synchronized void trainInBackground(Path f, byte[] task) {
        if (training) return;
        training = true;
        Thread t = new Thread(() -> train(f, task), "c4j-aot-training");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Two steps, so that we know when the cache is complete (JDK 25's one-step
     * {@code AOTCacheOutput} assembles it in a JVM of its own after the training JVM exits):
     * record what a real child does — a standby that is primed and then runs {@code task} —
     * then create the cache from that record. Both steps run at the lowest CPU priority and
     * print nothing ({@link Launcher.Kind#TRAINING}).
     */
    private void train(Path f, byte[] task) {
        String stem = f.getFileName() + "." + ProcessHandle.current().pid();
        Path conf = f.resolveSibling(stem + ".aotconf");
        Path tmp = f.resolveSibling(stem + ".tmp");
        try {
            Files.createDirectories(f.getParent());
            Launcher.Pending pending = Launcher.spawn(Launcher.Kind.TRAINING, List.of("-XX:AOTMode=record",
                    "-XX:AOTConfiguration=" + conf, "-Xlog:aot=off", "-Xlog:cds=off"));
            Standbys.markOwned(pending.pid());
            Jvm jvm = pending.await();
            for (byte[] frame : Priming.shared().all()) jvm.send(frame);
            jvm.send(RunRequest.encode(TRAINING_NAME, new int[] {0}, false, task));
            boolean exited = jvm.awaitExit(Duration.ofMinutes(2));
            jvm.close();
            if (!exited || !Files.isRegularFile(conf)) return;
            List<String> create = new ArrayList<>(Launcher.command(List.of("-XX:AOTMode=create",
                    "-XX:AOTConfiguration=" + conf, "-XX:AOTCache=" + tmp, "-Xlog:aot=off", "-Xlog:cds=off")));
            create.addAll(0, Launcher.lowPriority());
            java.lang.Process p = new ProcessBuilder(create).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES) && p.exitValue() == 0 && Files.size(tmp) > 0) {
                Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                p.destroyForcibly();
            }
        } catch (IOException | RuntimeException e) {
            // no cache: children start without it; the next family tries again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            training = false;
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
