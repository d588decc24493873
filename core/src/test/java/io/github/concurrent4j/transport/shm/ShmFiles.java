package io.github.concurrent4j.transport.shm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** A private directory in /dev/shm for one test class's shared files; {@link #close} removes it and says if a file was left. */
final class ShmFiles implements AutoCloseable {
    private final Path dir;

    ShmFiles() throws IOException {
        dir = Files.createTempDirectory(Path.of("/dev/shm"), "c4j-test-" + ProcessHandle.current().pid() + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    SharedFile create(String name, long size) {
        return SharedFile.create(dir.resolve(name), size);
    }

    Path dir() {
        return dir;
    }

    /** Removes the directory and everything in it. */
    @Override
    public void close() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
