package io.github.concurrent4j.multiprocessing;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.multiprocessing.internal.RuntimeDirs;
import io.github.concurrent4j.queue.EmptyException;
import io.github.concurrent4j.queue.FullException;
import io.github.concurrent4j.transport.ByteSink;
import io.github.concurrent4j.transport.Codec;
import io.github.concurrent4j.transport.internal.HmacSha256;
import io.github.concurrent4j.transport.Lending;
import io.github.concurrent4j.transport.Serialization;
import io.github.concurrent4j.transport.shm.Futex;
import io.github.concurrent4j.transport.shm.Holders;
import io.github.concurrent4j.transport.shm.MpmcRing;
import io.github.concurrent4j.transport.shm.Pids;
import io.github.concurrent4j.transport.shm.SharedFile;

/**
 * The shared part of a process queue ({@link Queue}, {@link JoinableQueue}, {@link SimpleQueue}):
 * a file in the family's shared-memory directory holding an {@link MpmcRing}, the holder table
 * that says when the file may go, and a {@code JoinableQueue}'s unfinished-task count.
 *
 * <pre>
 *  offset  field
 *  0       magic "C4JQ" | version 1 | kind (0 Queue, 1 SimpleQueue, 2 JoinableQueue) | maxsize | capacity   (i32 each)
 *  128     unfinished  i64   JoinableQueue: items put and not yet marked done (any process)
 *  256     joinSleeps  i32   futex word: 1 while a join() may sleep; the taskDone that reaches 0 wakes all
 *  384     spillSeq    i64   numbers the spill files
 *  4096    holders     Holders of 1024 processes (16 448 bytes)
 *  24576   ring        MpmcRing (4096 + capacity bytes)
 * </pre>
 *
 * <p>Data flow of one item:
 * <pre>
 *  producer (any process)                         consumer (any process)
 *  encode (Kryo, allow-listed) ──▶ bytes          ring.poll ──▶ ITEM: bytes ──▶ decode
 *    ≤ maxPayload: ring.offer(ITEM, bytes)                  └─▶ SPILL n: read + unlink file n ──▶ decode
 *    larger:       write file "&lt;queue&gt;.s&lt;n&gt;" (0600), ring.offer(SPILL, n)
 * </pre>
 * A put returns once its item is in shared memory: there is no feeder thread, so nothing is
 * lost when the producer exits right after, and a parent may join a child before draining
 * what it put (CPython's documented "joining processes that use queues" deadlock cannot occur).
 *
 * <p>The file (and any spill file left in it) is removed when a process closes its last handle
 * and no live process holds one (a process that ended without closing counts as closed). If the
 * last holders all die, the family's resource tracker removes the family's shared-memory
 * directory, with the file in it, once the family has ended.
 */
final class ShmQueue {
    static final int KIND_QUEUE = 0, KIND_SIMPLE = 1, KIND_JOINABLE = 2;
    private static final int MAGIC = 0x43344A51, VERSION = 1;
    private static final long UNFINISHED = 128, JOIN_SLEEPS = 256, SPILL_SEQ = 384, HOLDERS = 4096, RING = 24576;
    static final int MAX_HOLDERS = 1024;
    /** The ring's bytes: items up to a quarter of it travel inline, larger ones spill to a file. */
    static final int DEFAULT_CAPACITY = 1 << 20;
    private static final long SLEEP_SLICE_NANOS = 50_000_000L;
    private static final VarHandle LONG = JAVA_LONG.varHandle();
    private static final VarHandle INT = JAVA_INT.varHandle();
    private static final Cleaner CLEANER = Cleaner.create();
    private static final long PID = Pids.self();
    private static final int SINK_KEEP = 64 * 1024;
    private static final ThreadLocal<ByteSink> SINK = ThreadLocal.withInitial(() -> new ByteSink(256));

    final SharedFile file;
    final int kind;
    final int maxsize;
    final MpmcRing ring;
    private final MemorySegment mem;
    private final MemorySegment joinWord;
    private final Holders holders;
    private final Handle handle;

    /** The form a queue travels as: its file and the loan made for the receiver. */
    record Form(String path, long lenderPid) implements io.github.concurrent4j.transport.Transferable.Form {
        @Override
        public Object transferIn() {
            ShmQueue q = attach(Path.of(path), lenderPid);
            return switch (q.kind) {
                case KIND_SIMPLE -> new SimpleQueue<>(q);
                case KIND_JOINABLE -> new JoinableQueue<>(q);
                default -> new Queue<>(q);
            };
        }
    }

    /** Releases this process's handle once, on close or when the queue object becomes unreachable. */
    private static final class Handle implements Runnable {
        final AtomicBoolean released = new AtomicBoolean();
        private final SharedFile file;
        private final Holders holders;
        private final MpmcRing ring;

        Handle(SharedFile file, Holders holders, MpmcRing ring) {
            this.file = file;
            this.holders = holders;
            this.ring = ring;
        }

        @Override
        public void run() {
            if (!released.compareAndSet(false, true)) return;
            holders.release(PID);
            // Processes that ended without closing keep their slots: only a live holder keeps the file.
            if (!holders.anyAlive()) removeFiles(file.path());
            ring.wakeAll(); // this process's own blocked callers re-check and see the close
        }
    }

    private ShmQueue(SharedFile file) {
        MemorySegment m = file.memory();
        if (m.get(JAVA_INT, 0) != MAGIC || m.get(JAVA_INT, 4) != VERSION) {
            throw new IllegalStateException(file.path() + " is not a concurrent4j queue of version " + VERSION);
        }
        this.file = file;
        this.mem = m;
        this.kind = m.get(JAVA_INT, 8);
        this.maxsize = m.get(JAVA_INT, 12);
        this.ring = new MpmcRing(m, RING, m.get(JAVA_INT, 16));
        this.joinWord = m.asSlice(JOIN_SLEEPS, 4);
        this.holders = new Holders(m, HOLDERS, MAX_HOLDERS);
        holders.acquire(PID);
        this.handle = new Handle(file, holders, ring);
    }

    /** Creates a queue file (the public object that will own it calls {@link #own}). */
    static ShmQueue create(int kind, int maxsize, int capacity) {
        Futex.requireSupported();
        if (Integer.bitCount(capacity) != 1 || capacity < 4096) {
            throw new IllegalArgumentException("queue capacity must be a power of two >= 4096 bytes: " + capacity);
        }
        Path path = RuntimeDirs.shmDir().resolve("queue-" + HexFormat.of().formatHex(HmacSha256.randomBytes(12)));
        SharedFile f = SharedFile.create(path, RING + MpmcRing.footprint(capacity));
        MemorySegment m = f.memory();
        m.set(JAVA_INT, 8, kind);
        m.set(JAVA_INT, 12, Math.max(0, maxsize));
        m.set(JAVA_INT, 16, capacity);
        m.set(JAVA_INT, 4, VERSION);
        m.set(JAVA_INT, 0, MAGIC);
        return new ShmQueue(f);
    }

    /** The receiving side of a transfer: map the file, hold it, and end the sender's loan. */
    static ShmQueue attach(Path path, long lenderPid) {
        ShmQueue q = new ShmQueue(SharedFile.open(path));
        q.holders.release(lenderPid);
        return q;
    }

    /** Releases this process's handle when {@code owner} becomes unreachable without a close. */
    void own(Object owner) {
        CLEANER.register(owner, handle);
    }

    Form transferOut() {
        checkOpen();
        // Lent until the receiver holds its own handle (as pipe ends are: see PipeConnection).
        long lender = Lending.receiver().orElse(PID);
        holders.acquire(lender);
        Lending.onCancel(() -> holders.release(lender));
        return new Form(file.path().toString(), lender);
    }

    // ---- put / get ------------------------------------------------------------------------

    /**
     * Encodes and publishes {@code item}, waiting at most {@code timeoutNanos}.
     *
     * @throws FullException if the time ran out (at once for 0)
     */
    void put(Object item, long timeoutNanos) {
        checkOpen();
        ByteSink sink = SINK.get();
        sink.clear();
        Codec codec = Serialization.codec();
        codec.encode(item, sink); // an unencodable item fails here, before anything is shared
        if (kind == KIND_JOINABLE) LONG.getAndAdd(mem, UNFINISHED, 1L);
        boolean done = false;
        try {
            if (sink.length() <= ring.maxPayload()) {
                done = ring.offer(MpmcRing.ITEM, sink.array(), 0, sink.length(), maxsize, timeoutNanos);
            } else {
                done = putSpilled(sink, timeoutNanos);
            }
        } finally {
            if (!done && kind == KIND_JOINABLE) taskDoneQuietly();
            if (sink.array().length > SINK_KEEP) SINK.remove(); // a thread that once put a large item does not keep its buffer
        }
        if (!done) throw new FullException("the queue is full (maxsize " + maxsize + ")");
    }

    private boolean putSpilled(ByteSink sink, long timeoutNanos) {
        long n = (long) LONG.getAndAdd(mem, SPILL_SEQ, 1L);
        Path spill = spillPath(n);
        try (FileChannel ch = FileChannel.open(spill, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer b = ByteBuffer.wrap(sink.array(), 0, sink.length());
            while (b.hasRemaining()) ch.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a " + sink.length() + "-byte queue item to " + spill + ": " + e.getMessage(), e);
        }
        byte[] ref = new byte[8];
        ByteBuffer.wrap(ref).putLong(n);
        boolean done = false;
        try {
            done = ring.offer(MpmcRing.SPILL, ref, 0, 8, maxsize, timeoutNanos);
            return done;
        } finally {
            if (!done) deleteQuietly(spill);
        }
    }

    /**
     * Takes and decodes the next item, waiting at most {@code timeoutNanos}.
     *
     * @throws EmptyException if the time ran out (at once for 0)
     */
    Object get(long timeoutNanos) {
        checkOpen();
        MpmcRing.Record r = ring.poll(timeoutNanos);
        if (r == null) throw new EmptyException("the queue is empty");
        byte[] bytes = r.payload();
        if (r.kind() == MpmcRing.SPILL) {
            Path spill = spillPath(ByteBuffer.wrap(bytes).getLong());
            try {
                bytes = Files.readAllBytes(spill);
            } catch (IOException e) {
                throw new UncheckedIOException("a large queue item was lost: its file " + spill + " cannot be read: " + e.getMessage(), e);
            } finally {
                deleteQuietly(spill);
            }
        }
        return Serialization.codec().decode(bytes);
    }

    long qsize() {
        return ring.size();
    }

    // ---- JoinableQueue --------------------------------------------------------------------

    void taskDone() {
        checkOpen();
        while (true) {
            long v = (long) LONG.getVolatile(mem, UNFINISHED);
            if (v <= 0) throw new IllegalStateException("taskDone() called too many times");
            if (LONG.compareAndSet(mem, UNFINISHED, v, v - 1)) {
                if (v == 1 && (int) INT.getVolatile(mem, JOIN_SLEEPS) != 0) {
                    INT.setVolatile(mem, JOIN_SLEEPS, 0);
                    Futex.wake(joinWord, Integer.MAX_VALUE);
                }
                return;
            }
        }
    }

    private void taskDoneQuietly() {
        try {
            taskDone();
        } catch (IllegalStateException ignored) {
            // the count was taken back by a concurrent taskDone: nothing to undo
        }
    }

    long unfinishedTasks() {
        return (long) LONG.getVolatile(mem, UNFINISHED);
    }

    /** Waits until no task is unfinished; false if {@code timeoutNanos} ran out first. */
    boolean join(long timeoutNanos) {
        checkOpen();
        long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        while (unfinishedTasks() > 0) {
            long now = System.nanoTime();
            if (deadline != Long.MAX_VALUE && now - deadline >= 0) return false;
            INT.setVolatile(mem, JOIN_SLEEPS, 1);
            if (unfinishedTasks() == 0) return true;
            long slice = deadline == Long.MAX_VALUE ? SLEEP_SLICE_NANOS : Math.min(SLEEP_SLICE_NANOS, deadline - now);
            Futex.await(joinWord, 1, slice);
            if (Thread.interrupted()) throw new InterruptedRuntimeException("interrupted while joining a JoinableQueue");
        }
        return true;
    }

    // ---- closing --------------------------------------------------------------------------

    void close() {
        handle.run();
    }

    boolean isClosed() {
        return handle.released.get();
    }

    void checkOpen() {
        if (handle.released.get()) throw new IllegalStateException("the queue is closed in this process (" + file.path().getFileName() + ")");
    }

    private Path spillPath(long n) {
        return file.path().resolveSibling(file.path().getFileName() + ".s" + n);
    }

    /** Removes the queue's file and its spill files (the last handle is gone). */
    private static void removeFiles(Path path) {
        deleteQuietly(path);
        try (DirectoryStream<Path> spills = Files.newDirectoryStream(path.getParent(), path.getFileName() + ".s*")) {
            for (Path p : spills) deleteQuietly(p);
        } catch (NoSuchFileException ignored) {
            // the family's directory is gone already
        } catch (IOException ignored) {
            // best effort: the family's directory goes with the family
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // another process removed it, or the family's directory is going
        }
    }

    String name() {
        return file.path().getFileName().toString();
    }
}
