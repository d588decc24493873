package io.github.concurrent4j.multiprocessing.sharedmemory;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

import io.github.concurrent4j.multiprocessing.internal.RuntimeDirs;
import io.github.concurrent4j.multiprocessing.synchronize.internal.SharedSegment;
import io.github.concurrent4j.transport.internal.HmacSha256;
import io.github.concurrent4j.transport.SerializationException;
import io.github.concurrent4j.transport.Transferable;

/**
 * The equivalent of Python's {@code multiprocessing.shared_memory.SharedMemory}: a named block
 * of shared memory that any process of the family can open by name, or receive through
 * {@code new Process(target)}, a pipe or a queue.
 *
 * <pre>{@code
 * SharedMemory shm = new SharedMemory(null, true, 1024);   // SharedMemory(create=True, size=1024)
 * shm.buf().set(ValueLayout.JAVA_BYTE, 0, (byte) 42);
 * // elsewhere: SharedMemory other = new SharedMemory(shm.name(), false, 0);
 * shm.close();
 * shm.unlink();
 * }</pre>
 *
 * <p>{@link #buf()} is the block as a {@link MemorySegment} (Python's {@code buf}, a
 * {@code memoryview}), {@link #byteBuffer()} the same as a {@link ByteBuffer}; both are exactly
 * {@link #size()} bytes. {@link #close()} ends this object's use of the block;
 * {@link #unlink()} removes the name (the memory is freed once every process closed it).
 *
 * <p>Differences from Python, on purpose: the block lives in the family's private 0700
 * directory ({@code /dev/shm/c4j-…/shm-NAME}, mode 0600), so only processes of the same family
 * find it by name (Python's {@code /dev/shm/NAME} is open to any process of the user). A block
 * whose creator process is gone, and that no live process holds open, is removed within about
 * half a second by any family process that uses shared memory (Python keeps it until the whole
 * family has ended, then warns about a leak); so a block created by a child and read by the
 * parent must be opened by the parent before the child exits. Everything left is removed when
 * the family ends, even after SIGKILL. Memory is not unmapped by {@code close()} but when the
 * object becomes unreachable (unmapping while another thread may touch it would crash the JVM);
 * {@code buf()} after {@code close()} throws. Linux on x86-64 only.
 *
 * <pre>
 *  file offset  content
 *  0            header: magic, kind, creator pid + start time, size   (SharedSegment)
 *  4096         holders: the processes that hold it open
 *  8192         the block (size bytes): buf()
 * </pre>
 *
 * <p>Thread-safe. Memory consistency effects: none beyond the memory's own: use a lock, an
 * event or atomic accesses ({@link java.lang.invoke.VarHandle}) to order reads after writes.
 */
public final class SharedMemory implements AutoCloseable, Transferable {
    static final int KIND = 30;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,200}");

    private final String name;
    private final SharedSegment segment;
    private volatile boolean closed;

    /**
     * Python's {@code SharedMemory(name, create, size)}: with {@code create}, a new block of
     * {@code size} bytes named {@code name} (null: a random name); without, the existing block
     * named {@code name} ({@code size} ignored).
     *
     * @throws IllegalStateException if {@code create} and the name exists (Python's
     *         {@code FileExistsError}), or not {@code create} and it does not ({@code FileNotFoundError})
     * @throws IllegalArgumentException for a bad name or a size that is not positive
     */
    public SharedMemory(String name, boolean create, long size) {
        if (name == null) {
            if (!create) throw new IllegalArgumentException("'name' can only be null if create is true");
            name = "psm_" + HexFormat.of().formatHex(HmacSha256.randomBytes(8));
        }
        if (name.startsWith("/")) name = name.substring(1);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a shared memory name is 1 to 200 letters, digits, '_', '.' or '-': " + name);
        }
        if (create && size <= 0) throw new IllegalArgumentException("'size' must be a positive number different from zero: " + size);
        this.name = name;
        Path path = pathOf(name);
        if (create) {
            segment = SharedSegment.create(path, KIND, size, this);
        } else {
            if (!Files.exists(path)) throw new IllegalStateException("no shared memory named '" + name + "' in this family");
            segment = SharedSegment.open(path, KIND, this);
        }
        Reaper.start();
    }

    /** A new block of {@code size} bytes with a random name. */
    public static SharedMemory create(long size) {
        return new SharedMemory(null, true, size);
    }

    /** The existing block named {@code name}. */
    public static SharedMemory open(String name) {
        return new SharedMemory(Objects.requireNonNull(name, "name"), false, 0);
    }

    private SharedMemory(Form form) {
        if (!NAME.matcher(form.name()).matches()) throw new SerializationException("bad shared memory name in a frame: " + form.name());
        this.name = form.name();
        this.segment = SharedSegment.attach(pathOf(name).toString(), KIND, form.lender(), this);
        Reaper.start();
    }

    static Path pathOf(String name) {
        return RuntimeDirs.shmDir().resolve("shm-" + name);
    }

    /** The block's name (Python's {@code name}), for {@link #open}. */
    public String name() {
        return name;
    }

    /** The block's size in bytes. */
    public long size() {
        return segment.payload().byteSize();
    }

    /** The block (Python's {@code buf}). @throws IllegalStateException after {@link #close()} */
    public MemorySegment buf() {
        if (closed) throw new IllegalStateException("shared memory '" + name + "' is closed");
        return segment.payload();
    }

    /** The block as a {@link ByteBuffer} (native byte order is the caller's choice; big-endian by default). */
    public ByteBuffer byteBuffer() {
        return buf().asByteBuffer();
    }

    /** Ends this object's use of the block (idempotent); other processes keep theirs. */
    @Override
    public void close() {
        closed = true;
        segment.close();
    }

    /** Removes the name: later opens fail; the memory is freed once every process closed it. */
    public void unlink() {
        segment.unlink();
    }

    /** What a block travels as: its name and the lender pid. */
    record Form(String name, long lender) implements Transferable.Form {
        @Override
        public Object transferIn() {
            return new SharedMemory(this);
        }
    }

    /** For the library's codec. */
    @Override
    public Transferable.Form transferOut() {
        if (closed) throw new IllegalStateException("shared memory '" + name + "' is closed");
        return new Form(name, segment.lend());
    }

    @Override
    public String toString() {
        return "SharedMemory('" + name + "', size=" + size() + ")";
    }
}
