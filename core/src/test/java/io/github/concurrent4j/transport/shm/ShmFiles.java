package io.github.concurrent4j.transport.shm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private directory in /dev/shm (0700) for one test class's shared files, removed with
 * everything in it after the class: {@code @RegisterExtension static final ShmFiles files = new ShmFiles();}
 */
final class ShmFiles implements AfterAllCallback {
    private Path dir;

    synchronized SharedFile create(String name, long size) {
        return SharedFile.create(dir().resolve(name + "-" + System.nanoTime()), size);
    }

    private synchronized Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory(Path.of("/dev/shm"), "c4j-test-" + ProcessHandle.current().pid() + "-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws IOException {
        if (dir == null) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
        dir = null;
    }
}
