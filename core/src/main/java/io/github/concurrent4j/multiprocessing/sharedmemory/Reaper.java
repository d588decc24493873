package io.github.concurrent4j.multiprocessing.sharedmemory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.github.concurrent4j.multiprocessing.internal.RuntimeDirs;
import io.github.concurrent4j.multiprocessing.synchronize.internal.SharedSegment;

/**
 * Removes named blocks whose creator died and that no live process holds open: a daemon thread
 * ({@code c4j-shm-reaper}) started by the first {@link SharedMemory} of a process, looking
 * every {@value #PERIOD_MILLIS} ms at the family's {@code shm-*} files. A look maps each file's
 * first two pages and reads {@code /proc} for its creator: microseconds per block.
 */
final class Reaper {
    static final long PERIOD_MILLIS = 250;
    private static boolean started;

    private Reaper() {}

    static synchronized void start() {
        if (started) return;
        started = true;
        Thread.ofPlatform().daemon(true).name("c4j-shm-reaper").start(Reaper::loop);
    }

    private static void loop() {
        Path dir = RuntimeDirs.shmDir();
        while (true) {
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.getFileName().toString().startsWith("shm-")).forEach(SharedSegment::unlinkIfOrphaned);
            } catch (IOException | RuntimeException e) {
                if (!Files.isDirectory(dir)) return; // the family is ending
            }
        }
    }
}
