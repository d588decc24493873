package io.github.concurrent4j.multiprocessing.connection;

import io.github.concurrent4j.Timeouts;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import io.github.concurrent4j.multiprocessing.Waiter;
import io.github.concurrent4j.multiprocessing.internal.RuntimeDirs;
import io.github.concurrent4j.transport.internal.HmacSha256;
import io.github.concurrent4j.transport.ByteSink;
import io.github.concurrent4j.transport.Codec;
import io.github.concurrent4j.transport.internal.FramedChannel;
import io.github.concurrent4j.transport.Lending;
import io.github.concurrent4j.transport.Serialization;
import io.github.concurrent4j.transport.Transferable;
import io.github.concurrent4j.transport.shm.ByteRing;
import io.github.concurrent4j.transport.shm.Futex;
import io.github.concurrent4j.transport.shm.Holders;
import io.github.concurrent4j.transport.shm.SharedFile;

/**
 * One end of a {@link Pipe}: rings in a shared-memory file, and that end's holder table.
 *
 * <pre>
 *  offset           content
 *  0                magic "C4JP" | version 2 | duplex | capacity          (i32 each)
 *  4096             holders of end 1 (Holders, 1024 processes: 16 448 bytes)
 *  24576            holders of end 2
 *  45056            ring A: end 2 writes, end 1 reads           (ByteRing)
 *  45056 + |ring|   ring B: end 1 writes, end 2 reads           (duplex pipes only)
 * </pre>
 *
 * The holder tables are sized for a queue shared by a large pool's workers; tmpfs backs only
 * the pages a table has touched (one page for the first 252 holders).
 *
 * Sending an end to another process sends the file's name and the end number (its
 * {@link Form}); the receiver maps the file and adds itself to the end's holders. The file is
 * removed when the last live holder of either end closes its handle while no live process
 * holds the other (so a peer killed mid-use does not keep it); files whose holders all died
 * are removed with the family's directory.
 */
final class PipeConnection implements Connection, Transferable {
    private static final int MAGIC = 0x43344A50, VERSION = 2;
    /** Processes that may hold one end at once. */
    static final int MAX_HOLDERS = 1024;
    private static final long HOLDERS_1 = 4096, HOLDERS_2 = 24576, RINGS = 45056;
    /** A writer killed without closing wakes no one: a waiter re-checks the other end's holders this often. */
    private static final Duration PEER_RECHECK = Duration.ofMillis(50);
    /**
     * How long a {@link #poll} that finds nothing to read trusts its last sight of a live peer.
     * Seeing one reads {@code /proc/<pid>/stat}, several microseconds: a process pool's I/O
     * thread polls each worker's end after every batch of results, and that read was 10 % of
     * its time. Only a sight of the same holder table counts: a close (or a new holder) changes
     * it and is seen at once. A peer killed less than this after it was last seen reads as
     * end-of-file up to this much later (a blocking wait re-checks every {@link #PEER_RECHECK}).
     */
    private static final long PEER_SEEN_NANOS = 1_000_000;
    private static final Cleaner CLEANER = Cleaner.create();
    private static final long PID = ProcessHandle.current().pid();
    static final int DEFAULT_CAPACITY = 256 * 1024;

    private final SharedFile file;
    private final int end;
    private final ByteRing in;  // null if this end cannot receive
    private final ByteRing out; // null if this end cannot send
    private final Holders mine;
    private final Holders peer;
    private final ByteRing.Peer peerGone;
    private final Handle handle;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ByteSink sink = new ByteSink(256);
    private volatile long peerSeenAt = System.nanoTime() - 2 * PEER_SEEN_NANOS;
    private volatile int peerSeenHandles;

    /** The form an end travels as. */
    record Form(String path, int end, long lenderPid) implements Transferable.Form {
        @Override
        public Object transferIn() {
            return attach(Path.of(path), end, lenderPid);
        }
    }

    /**
     * Whether the other end has no live holder. A class, not a lambda: a received end is built
     * in a young child JVM, where linking a lambda's call site costs 1–2 ms (measured).
     */
    private record PeerGone(Holders peer) implements ByteRing.Peer {
        @Override
        public boolean gone() {
            return !peer.anyAlive();
        }
    }

    /**
     * Releases this process's handle once: on {@link #close()}, or when the end becomes
     * unreachable without being closed (as Python closes a garbage-collected connection's fd).
     */
    private static final class Handle implements Runnable {
        private final AtomicBoolean released = new AtomicBoolean();
        private final SharedFile file;
        private final Holders mine, peer;
        private final ByteRing in, out;

        Handle(SharedFile file, Holders mine, Holders peer, ByteRing in, ByteRing out) {
            this.file = file;
            this.mine = mine;
            this.peer = peer;
            this.in = in;
            this.out = out;
        }

        @Override
        public void run() {
            if (!released.compareAndSet(false, true)) return;
            int left = mine.release(PID);
            if (out != null) out.wakeReader(); // a reader on the other end may now see end-of-file
            if (in != null) in.wakeWriter();   // a writer blocked on a full ring may now see a broken pipe
            // No live process can use either end any more (dead holders' slots stay counted, so
            // a peer killed mid-use must not keep the file until the family's directory goes).
            if ((left == 0 || !mine.anyAlive()) && (peer.total() == 0 || !peer.anyAlive())) {
                try {
                    file.unlink();
                } catch (UncheckedIOException ignored) {
                    // another process removed it first
                }
            }
        }
    }

    private PipeConnection(SharedFile file, int end) {
        MemorySegment m = file.memory();
        if (m.get(JAVA_INT, 0) != MAGIC || m.get(JAVA_INT, 4) != VERSION) {
            throw new IllegalStateException(file.path() + " is not a concurrent4j pipe of version " + VERSION);
        }
        boolean duplex = m.get(JAVA_INT, 8) != 0;
        int capacity = m.get(JAVA_INT, 12);
        ByteRing a = new ByteRing(m, RINGS, capacity);
        ByteRing b = duplex ? new ByteRing(m, RINGS + ByteRing.footprint(capacity), capacity) : null;
        this.file = file;
        this.end = end;
        if (end == 1) {
            in = a;
            out = b;
        } else {
            in = b;
            out = a;
        }
        mine = new Holders(m, end == 1 ? HOLDERS_1 : HOLDERS_2, MAX_HOLDERS);
        peer = new Holders(m, end == 1 ? HOLDERS_2 : HOLDERS_1, MAX_HOLDERS);
        peerGone = new PeerGone(peer);
        mine.acquire(PID);
        handle = new Handle(file, mine, peer, in, out);
        CLEANER.register(this, handle);
    }

    /** Creates a pipe in the family's shared-memory directory. */
    static Pipe open(boolean duplex, int capacity) {
        Futex.requireSupported();
        if (Integer.bitCount(capacity) != 1 || capacity < 4096) {
            throw new IllegalArgumentException("pipe capacity must be a power of two >= 4096: " + capacity);
        }
        long size = RINGS + ByteRing.footprint(capacity) * (duplex ? 2 : 1);
        byte[] id = HmacSha256.randomBytes(12); // not SecureRandom: see HmacSha256
        Path path = RuntimeDirs.shmDir().resolve("pipe-" + HexFormat.of().formatHex(id));
        SharedFile f = SharedFile.create(path, size);
        MemorySegment m = f.memory();
        m.set(JAVA_INT, 8, duplex ? 1 : 0);
        m.set(JAVA_INT, 12, capacity);
        m.set(JAVA_INT, 4, VERSION);
        m.set(JAVA_INT, 0, MAGIC);
        return new Pipe(new PipeConnection(f, 1), new PipeConnection(f, 2));
    }

    /**
     * The receiving side of a transfer: map the file, hold the end, and end the loan (when the
     * loan was recorded under this process's own pid, it simply becomes this handle).
     */
    static PipeConnection attach(Path path, int end, long lenderPid) {
        if (end != 1 && end != 2) throw new IllegalArgumentException("no pipe end " + end);
        PipeConnection c = new PipeConnection(SharedFile.open(path), end);
        c.mine.release(lenderPid);
        return c;
    }

    @Override
    public Form transferOut() {
        checkOpen();
        // Lent until the receiver holds its own handle: under the receiver's pid when it is known,
        // so that a receiver that dies first reads as a close; taken back if the message is never sent.
        long lender = Lending.receiver().orElse(PID);
        mine.acquire(lender);
        Lending.onCancel(() -> mine.release(lender));
        return new Form(file.path().toString(), end, lender);
    }

    // ---- sending --------------------------------------------------------------------------

    @Override
    public void send(Object obj) {
        ByteRing o = writableRing();
        Codec codec = Serialization.codec();
        sendLock.lock();
        try {
            sink.clear();
            codec.encode(obj, sink);
            o.writeFrame(sink.array(), 0, sink.length(), peerGone);
        } finally {
            sendLock.unlock();
        }
    }

    @Override
    public void sendBytes(byte[] buf, int offset, int size) {
        Objects.checkFromIndexSize(offset, size, buf.length);
        writableRing().writeFrame(buf, offset, size, peerGone);
    }

    // ---- receiving ------------------------------------------------------------------------

    @Override
    public byte[] recvBytes() {
        return recvBytes(FramedChannel.MAX_FRAME);
    }

    @Override
    public byte[] recvBytes(int maxLength) {
        if (maxLength < 0) throw new IllegalArgumentException("negative maxLength " + maxLength);
        ByteRing i = readableRing();
        Whole result = new Whole();
        int n;
        try {
            n = i.readFrame(result, maxLength, peerGone);
        } catch (io.github.concurrent4j.transport.FrameTooLargeException e) {
            close(); // Python closes a connection whose message exceeds maxlength
            throw new UncheckedIOException(new java.io.IOException("bad message length: " + e.size() + " > " + maxLength));
        }
        if (n < 0) throw new EOFException("the other end of the pipe is closed and nothing is left to receive");
        return result.frame;
    }

    /** A new array per message: one of the frame's length once its bytes are there, or the ring's own for a streamed one. */
    private static final class Whole implements ByteRing.FrameSink {
        byte[] frame;

        @Override
        public byte[] buffer(int len) {
            return frame = new byte[len];
        }

        @Override
        public boolean adopt(byte[] whole) {
            frame = whole;
            return true;
        }
    }

    @Override
    public int recvBytesInto(byte[] buf, int offset) {
        Objects.checkIndex(offset, buf.length + 1);
        ByteRing i = readableRing();
        byte[][] spill = new byte[1][];
        int n = i.readFrame(new ByteRing.FrameSink() {
            @Override
            public byte[] buffer(int len) {
                if (len <= buf.length - offset) return buf;
                spill[0] = new byte[len];
                return spill[0];
            }

            @Override
            public int offset(int len) {
                return len <= buf.length - offset ? offset : 0;
            }

            @Override
            public boolean adopt(byte[] whole) {
                if (whole.length <= buf.length - offset) return false; // copied into buf
                spill[0] = whole;
                return true;
            }
        }, FramedChannel.MAX_FRAME, peerGone);
        if (n < 0) throw new EOFException("the other end of the pipe is closed and nothing is left to receive");
        if (spill[0] != null) throw new BufferTooShortException(spill[0], buf.length - offset);
        return n;
    }

    /** Readiness for {@code Connections.wait}: the futex word the other end's writers wake (see {@link ByteRing}). */
    @Override
    public Waiter.Registration register(Waiter waiter) {
        ByteRing i = readableRing();
        waiter.sleepOn(i.readerWord(), 1);
        waiter.recheckWithin(PEER_RECHECK);
        return Waiter.Registration.NONE;
    }

    @Override
    public boolean poll(Duration timeout) {
        long t = Timeouts.toNanos(timeout);
        ByteRing i = readableRing();
        long nanos = t > java.util.concurrent.TimeUnit.DAYS.toNanos(365) ? Long.MAX_VALUE : t;
        return i.awaitData(1, nanos, peerGone) || !peerSeenLately();
    }

    private boolean peerSeenLately() {
        long now = System.nanoTime();
        int handles = peer.total();
        if (now - peerSeenAt < PEER_SEEN_NANOS && handles == peerSeenHandles) return true;
        boolean alive = peer.anyAlive();
        if (alive) {
            peerSeenHandles = handles;
            peerSeenAt = now;
        }
        return alive;
    }

    // ---- state ----------------------------------------------------------------------------

    private ByteRing writableRing() {
        checkOpen();
        if (out == null) throw new IllegalStateException("connection is read-only (end 1 of a one-way pipe)");
        return out;
    }

    private ByteRing readableRing() {
        checkOpen();
        if (in == null) throw new IllegalStateException("connection is write-only (end 2 of a one-way pipe)");
        return in;
    }

    private void checkOpen() {
        if (handle.released.get()) throw new IllegalStateException("connection is closed");
    }

    @Override
    public boolean isClosed() {
        return handle.released.get();
    }

    @Override
    public boolean isReadable() {
        return in != null;
    }

    @Override
    public boolean isWritable() {
        return out != null;
    }

    @Override
    public void close() {
        handle.run();
    }

    @Override
    public String toString() {
        return "PipeConnection[end " + end + " of " + file.path().getFileName() + (isClosed() ? ", closed]" : "]");
    }
}
