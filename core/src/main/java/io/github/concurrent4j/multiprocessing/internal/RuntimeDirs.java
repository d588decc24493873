package io.github.concurrent4j.multiprocessing.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The family's private directories: {@code <tmp>/c4j-<pid>-<random>/} for Unix sockets and
 * {@code /dev/shm/c4j-<pid>-<random>/} for shared memory, both mode 0700, where {@code pid} is
 * the top-level process's.
 *
 * <p>The top-level process creates them on first use (its first pipe, listener or child) and
 * starts the family's {@link ResourceTracker}, which removes them once the last process of the
 * family has gone, even if all of them were killed; a normal exit removes them on the way out.
 * A child adopts its parent's directories from its {@link Boot} record and never removes them.
 * As a second line of defence, a new family sweeps directories whose top-level process is gone
 * and whose tracker was killed too.
 *
 * <p>Thread-safe. A directory that cannot be created is an {@link java.io.UncheckedIOException}.
 */
public final class RuntimeDirs {
    private static volatile Path runtimeDir;
    private static volatile Path shmDir;

    private RuntimeDirs() {}

    /** The family's socket directory (created on first use in the top-level process). */
    public static Path runtimeDir() {
        ensure();
        return runtimeDir;
    }

    /** The family's shared-memory directory (created on first use in the top-level process). */
    public static Path shmDir() {
        ensure();
        return shmDir;
    }

    /** Called by {@link ChildMain}: a child uses its parent's directories. */
    static synchronized void adopt(Path runtime, Path shm) {
        runtimeDir = runtime;
        shmDir = shm;
        ResourceTracker.adopt(runtime);
    }

    private static void ensure() {
        if (runtimeDir != null) return;
        synchronized (RuntimeDirs.class) {
            if (runtimeDir != null) return;
            String stem = "c4j-" + ProcessHandle.current().pid() + "-";
            Path rt, shm;
            try {
                var mode = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
                rt = Files.createTempDirectory(tempRoot(), stem, mode);
                Path shmRoot = Path.of("/dev/shm");
                shm = Files.isDirectory(shmRoot) && Files.isWritable(shmRoot)
                        ? Files.createTempDirectory(shmRoot, stem, mode)
                        : Files.createDirectory(rt.resolve("shm"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot create concurrent4j's private directories: " + e.getMessage(), e);
            }
            ResourceTracker.start(rt, shm);
            shmDir = shm;
            runtimeDir = rt;
            ExitHooks.add(ExitHooks.Phase.FILES, () -> {
                ResourceTracker.finish();
                deleteTree(rt); // if the tracker could not do it
                deleteTree(shm);
            });
        }
        Thread sweeper = new Thread(RuntimeDirs::sweepStale, "c4j-sweep");
        sweeper.setDaemon(true);
        sweeper.start();
    }

    /** Unix sockets have a ~108-byte path limit: prefer a short temporary root. */
    static Path tempRoot() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        return tmp.toString().length() <= 40 ? tmp : Path.of("/tmp");
    }

    /** Removes directories of families whose top-level process is gone and left them behind (its tracker was killed too). */
    private static void sweepStale() {
        for (Path root : List.of(tempRoot(), Path.of("/dev/shm"))) {
            try (Stream<Path> dirs = Files.list(root)) {
                dirs.filter(d -> d.getFileName().toString().startsWith("c4j-") && Files.isDirectory(d) && Files.isWritable(d))
                        .filter(d -> ownerGone(d.getFileName().toString()))
                        .forEach(RuntimeDirs::deleteTree);
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
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // already gone
        }
    }
}
