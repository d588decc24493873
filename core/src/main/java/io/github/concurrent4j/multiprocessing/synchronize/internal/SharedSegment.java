package io.github.concurrent4j.multiprocessing.synchronize.internal;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.concurrent4j.multiprocessing.internal.RuntimeDirs;
import io.github.concurrent4j.transport.internal.HmacSha256;
import io.github.concurrent4j.transport.Lending;
import io.github.concurrent4j.transport.SerializationException;
import io.github.concurrent4j.transport.shm.Futex;
import io.github.concurrent4j.transport.shm.Holders;
import io.github.concurrent4j.transport.shm.Pids;
import io.github.concurrent4j.transport.shm.SharedFile;

/**
 * The shared-memory file behind one cross-process object (a lock, a semaphore, an event, a
 * condition, a barrier, a {@code Value} or an {@code Array}), with the table of the processes
 * that hold a handle to it, so that the file is removed when the last handle is closed or
 * garbage-collected, or its holders died.
 *
 * <pre>
 *  offset  field
 *  0       magic    i32   "C4JS"
 *  4       version  i32   1
 *  8       kind     i32   which object (the caller's constant: a file of another kind is refused)
 *  12      -        i32
 *  16      creator  i64   pid of the creating process
 *  24      start    i64   its start time (clock ticks after boot)
 *  32      size     i64   payload bytes
 *  4096    holders  Holders (one page: 252 processes at once)
 *  8192    payload  the object's own layout, drawn in its class
 * </pre>
 *
 * <p>Transfer: the sender lends a handle (under the receiver's pid when known, as a pipe end
 * does), sends {@link #path()} and the lender pid; the receiver {@link #attach}es, which takes
 * its own handle and ends the loan. A path from a decoded frame is accepted only if it names a
 * {@code sync-} file directly inside the family's private shared-memory directory.
 *
 * <p>Thread-safe.
 */
public final class SharedSegment {
    private static final int MAGIC = 0x43344A53, VERSION = 1;
    private static final long HOLDERS = 4096, PAYLOAD = 8192;
    private static final Cleaner CLEANER = Cleaner.create();
    private static final String PREFIX = "sync-";

    private final SharedFile file;
    private final Holders holders;
    private final MemorySegment payload;
    private final Handle handle;

    private static final class Handle implements Runnable {
        private final AtomicBoolean released = new AtomicBoolean();
        private final SharedFile file;
        private final Holders holders;

        Handle(SharedFile file, Holders holders) {
            this.file = file;
            this.holders = holders;
        }

        @Override
        public void run() {
            if (!released.compareAndSet(false, true)) return;
            holders.release(Pids.self());
            if (!holders.anyAlive()) {
                try {
                    file.unlink();
                } catch (UncheckedIOException ignored) {
                    // another process removed it first
                }
            }
        }
    }

    private SharedSegment(SharedFile file, int kind, Object owner) {
        MemorySegment m = file.memory();
        if (m.byteSize() < PAYLOAD || m.get(JAVA_INT, 0) != MAGIC || m.get(JAVA_INT, 4) != VERSION || m.get(JAVA_INT, 8) != kind) {
            throw new SerializationException(file.path() + " is not a concurrent4j shared object of kind " + kind);
        }
        this.file = file;
        this.holders = new Holders(m, HOLDERS);
        this.payload = m.asSlice(PAYLOAD, Math.min(m.get(JAVA_LONG, 32), m.byteSize() - PAYLOAD));
        holders.acquire(Pids.self());
        this.handle = new Handle(file, holders);
        CLEANER.register(owner, handle);
    }

    /**
     * Creates a zero-filled object of {@code payloadBytes} in the family's shared-memory
     * directory; its handle is released when {@code owner} becomes unreachable.
     */
    public static SharedSegment create(int kind, int payloadBytes, Object owner) {
        return create(RuntimeDirs.shmDir().resolve(PREFIX + HexFormat.of().formatHex(HmacSha256.randomBytes(12))), kind, payloadBytes,
                owner);
    }

    /** Creates a zero-filled object of {@code payloadBytes} at {@code path} (a named segment). */
    public static SharedSegment create(Path path, int kind, long payloadBytes, Object owner) {
        Futex.requireSupported();
        if (payloadBytes <= 0) throw new IllegalArgumentException("payload must be positive: " + payloadBytes);
        SharedFile f = SharedFile.create(path, PAYLOAD + payloadBytes);
        MemorySegment m = f.memory();
        m.set(JAVA_INT, 8, kind);
        m.set(JAVA_LONG, 16, Pids.self());
        m.set(JAVA_LONG, 24, Pids.SELF_START);
        m.set(JAVA_LONG, 32, payloadBytes);
        m.set(JAVA_INT, 4, VERSION);
        m.set(JAVA_INT, 0, MAGIC);
        return new SharedSegment(f, kind, owner);
    }

    /** The receiving side of a transfer (see the class comment). */
    public static SharedSegment attach(String path, int kind, long lenderPid, Object owner) {
        Path p = Path.of(path);
        Path dir = RuntimeDirs.shmDir();
        if (!dir.equals(p.getParent()) || !(p.getFileName().toString().startsWith(PREFIX) || p.getFileName().toString().startsWith("shm-"))) {
            throw new SerializationException("refusing shared object " + path + ": not a file of this family's directory " + dir);
        }
        SharedSegment s = new SharedSegment(SharedFile.open(p), kind, owner);
        s.holders.release(lenderPid);
        return s;
    }

    /** Opens an existing object at {@code path} (by name, not through a transfer). */
    public static SharedSegment open(Path path, int kind, Object owner) {
        return new SharedSegment(SharedFile.open(path), kind, owner);
    }

    /**
     * Removes the file at {@code path} if its creator process is gone and no live process holds
     * it open: what a dead creator leaves behind. Returns whether it did.
     */
    public static boolean unlinkIfOrphaned(Path path) {
        SharedFile f;
        try {
            f = SharedFile.open(path);
        } catch (RuntimeException e) {
            return false; // gone already, or not ours
        }
        MemorySegment m = f.memory();
        if (m.byteSize() < PAYLOAD || m.get(JAVA_INT, 0) != MAGIC) return false;
        if (Pids.alive(m.get(JAVA_LONG, 16), m.get(JAVA_LONG, 24), 64)) return false;
        if (new Holders(m, HOLDERS).anyAlive()) return false;
        f.unlink();
        return true;
    }

    /** Removes the file now (processes that have it mapped keep their mapping). */
    public void unlink() {
        file.unlink();
    }

    /** For {@code transferOut}: lends a handle for the message being encoded and returns the lender pid to send. */
    public long lend() {
        long lender = Lending.receiver().orElse(Pids.self());
        holders.acquire(lender);
        Lending.onCancel(() -> holders.release(lender));
        return lender;
    }

    /** The object's own bytes (8-byte aligned, zero-filled when created). */
    public MemorySegment payload() {
        return payload;
    }

    /** The file's path, what a transfer form carries. */
    public String path() {
        return file.path().toString();
    }

    /** Releases this process's handle now (also done when the owner is garbage-collected); idempotent. */
    public void close() {
        handle.run();
    }
}
