package io.github.concurrent4j.transport.shm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A file in shared memory ({@code /dev/shm}, tmpfs) mapped into this process: the storage of
 * pipes, queues and shared values. Created mode 0600 in a private directory, so only this
 * user's processes can map it; opened by name in the other processes.
 *
 * <p>The mapping belongs to an automatic arena: it is unmapped when no longer reachable, never
 * while a thread may still be inside a futex call on it (an explicit unmap then would be a
 * use-after-free in native code). The file itself is removed with {@link #unlink}.
 */
public final class SharedFile {
    private final Path path;
    private final MemorySegment memory;

    private SharedFile(Path path, MemorySegment memory) {
        this.path = path;
        this.memory = memory;
    }

    /** Creates a new zero-filled file of {@code size} bytes and maps it. */
    public static SharedFile create(Path path, long size) {
        if (size <= 0) throw new IllegalArgumentException("size must be positive: " + size);
        try (FileChannel ch = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ch.truncate(size);
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), size - 1); // make the size real on every file system
            return new SharedFile(path, ch.map(FileChannel.MapMode.READ_WRITE, 0, size, Arena.ofAuto()));
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("shared memory " + path + " already exists", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create shared memory " + path + ": " + e.getMessage(), e);
        }
    }

    /** Maps an existing file (created by another process of the family). */
    public static SharedFile open(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return new SharedFile(path, ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size(), Arena.ofAuto()));
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("shared memory " + path + " no longer exists (every holder closed it)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open shared memory " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    public MemorySegment memory() {
        return memory;
    }

    /** Removes the file; processes that have it mapped keep their mapping. */
    public void unlink() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove shared memory " + path, e);
        }
    }
}
