package io.github.concurrent4j.transport.shm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.transport.BrokenPipeException;
import io.github.concurrent4j.transport.FrameTooLargeException;

/**
 * A bounded byte stream in shared memory, one direction of a pipe: length-prefixed frames
 * written by one side and read by the other, possibly in different processes.
 *
 * <pre>
 *  offset  field                  owner    access
 *  0       writePos     i64       writer   volatile; bytes ever written (published)
 *  128     readPos      i64       reader   volatile; bytes ever read
 *  256     readerSleeps i32       reader   futex word: 1 while a reader (or a Connections.wait) may sleep
 *  384     writerSleeps i32       writer   futex word: 1 while a writer may sleep (ring full)
 *  392     writerNeeds  i64       writer   the free bytes that sleeping writer waits for
 *  512     writeLock    32 bytes  writers  RobustLock: one frame written at a time
 *  544     writeStream  i64       writers  1 + writePos where a frame too large for the ring began to stream in; 0 if none
 *  640     readLock     32 bytes  readers  RobustLock: one frame read at a time
 *  672     readStream   i64       readers  1 + readPos where such a frame began to stream out; 0 if none
 *  768     torn         i32       any      1 once a streamed frame was cut by a dead writer or reader
 *  4096    data[capacity]                  capacity a power of two; byte i at data[i &amp; (capacity-1)]
 *  frame:  | length u32 LE | payload (length bytes) |   may wrap around the end of data
 * </pre>
 * Fields sit 128 bytes apart so that the writer's and the reader's lines never share a cache
 * line (nor an adjacent-line prefetch pair).
 *
 * <p><b>Whole frames.</b> A frame that fits the ring ({@code 4 + length <= capacity}) is
 * published whole: the writer waits for room for all of it, copies it, and moves
 * {@code writePos} past it in one volatile store. So a writer that dies at any moment (even
 * SIGKILL under back-pressure) leaves only whole frames: the reader gets each of them, then
 * end-of-file. Only a frame larger than the ring must be streamed through it in pieces; where
 * it began is recorded in {@code writeStream} (and {@code readStream}) while it is, and a
 * writer or reader that dies (or is interrupted) after part of one has crossed leaves the ring
 * {@code torn}: then both sides get a
 * {@link BrokenPipeException} that says so, never a hang or a misread frame.
 *
 * <p><b>Waiting.</b> A reader with nothing to read spins briefly ({@value #SPIN_NANOS} ns: a round
 * trip on another core takes a few microseconds), then sleeps on a futex. Before sleeping it sets
 * {@code readerSleeps} and re-reads {@code writePos}; a writer, after publishing
 * {@code writePos}, reads {@code readerSleeps} and, if set, clears it and wakes every sleeper.
 * Both are volatile (sequentially consistent) accesses, so one of the two always sees the
 * other: no lost wake-up (the Dekker argument). Writers waiting for space do the mirror image,
 * with one difference: a reader wakes a sleeping writer only once {@link #wakeRoom} bytes are
 * free (at least what the writer needs, {@code writerNeeds}), as Linux wakes a pipe's writer
 * only when a whole page has been read. Waking it for every frame read made a fast writer and
 * a slower reader trade a futex wake-up and a sleep per frame (750 k small frames/s); a writer
 * whose reader stops short of that waits for its next slice (50 ms) to look again.
 * A {@code Connections.wait} over several pipe ends follows the reader's protocol on each
 * ring's {@link #readerWord()} and sleeps on all of them at once ({@code futex_waitv}). Sleeps
 * are bounded slices, after each of which the caller's {@link Peer} is asked whether the other
 * side is gone, so a dead peer ends the wait instead of hanging it.
 *
 * <p><b>Locks.</b> Threads and processes sharing one end never interleave frames: each frame is
 * written (and read) under a {@link RobustLock}, which a waiter takes over when its owner
 * process died.
 *
 * <p>Memory consistency effects: bytes written before a frame's {@code writePos} is published
 * happen-before the reader's reads of that frame, in any process.
 */
public final class ByteRing {
    public static final int HEADER = 4096;
    static final long WRITE_POS = 0, READ_POS = 128, READER_SLEEPS = 256, WRITER_SLEEPS = 384, WRITER_NEEDS = 392,
            WRITE_LOCK = 512, WRITE_STREAM = 544, READ_LOCK = 640, READ_STREAM = 672, TORN = 768;
    private static final VarHandle LONG = JAVA_LONG.varHandle();
    private static final ValueLayout.OfInt JAVA_INT_LE = JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).withByteAlignment(1);
    private static final VarHandle INT = JAVA_INT.varHandle();
    /**
     * How long a waiting side spins before it sleeps: about what a futex sleep and wake-up cost
     * here (15–30 µs), and no longer. A longer spin (2 000 pauses, ~110 µs on these EPYC cores,
     * then 50 yields) made a sleeping peer's wake-up three times slower on two shared cores, since
     * the spinner held the core the woken thread needed, and bought no throughput (BENCHMARKS.md).
     */
    static final long SPIN_NANOS = 15_000;
    /*
     * Adaptive spinning, for the threads that ask for it (spinAdaptivelyOnThisThread): after
     * FAILED_SPINS_MAX waits in a row whose full spin ended in a sleep, such a thread spins only
     * SHORT_SPIN_NANOS on this ring, and one wait in PROBE_EVERY spins in full to see whether
     * spinning pays again (as HotSpot's monitors adapt). The counters are hints, written by
     * the ring's reader without a lock.
     */
    static final int FAILED_SPINS_MAX = 4, PROBE_EVERY = 16;
    static final long SHORT_SPIN_NANOS = 1_000;
    private static final ThreadLocal<Boolean> ADAPTIVE = new ThreadLocal<>();
    private int failedSpins, waits;
    private static final long SLEEP_SLICE_NANOS = 50_000_000L;

    /** What a waiting side asks about the other side. */
    public interface Peer {
        /** Whether no process holds the other end any more (then nothing more will come, or be read). */
        boolean gone();
    }

    /**
     * Where a frame's payload goes: a buffer with room for {@code len} bytes at
     * {@code offset(len)}, asked for once the frame's bytes are there (all of them for a frame
     * that fits the ring; for a larger one, once it has arrived whole: until then the ring
     * collects it in an array that grows with the bytes that arrive, so a length announced by
     * a frame header never reserves memory that its bytes have not filled).
     */
    public interface FrameSink {
        byte[] buffer(int len);

        default int offset(int len) {
            return 0;
        }

        /**
         * Offers a streamed frame collected whole in {@code frame} (exactly its length): true if
         * the sink keeps that array as it is; false (the default) to have it copied into
         * {@link #buffer}.
         */
        default boolean adopt(byte[] frame) {
            return false;
        }
    }

    private final MemorySegment seg;
    private final long base;
    private final int capacity;
    private final long mask;
    private final MemorySegment readerWord;
    private final MemorySegment writerWord;
    private final RobustLock writeLock;
    private final RobustLock readLock;
    /*
     * This process's last reading of the other side's position (JCTools' "cached index"):
     * positions only grow, so a stale value under-states the free space (writer) or the data
     * (reader), never over-states it; the shared position is read again only when the cached
     * one says "not enough". This keeps each side off the other's cache line for most frames.
     * Accessed under the frame locks, whose CAS and volatile release order these plain fields.
     */
    private long cachedReadPos;
    private long cachedWritePos;

    /** A view of the ring at {@code base} in {@code seg} ({@link #footprint} bytes from there). */
    public ByteRing(MemorySegment seg, long base, int capacity) {
        Futex.requireSupported();
        if (Integer.bitCount(capacity) != 1 || capacity < 64) {
            throw new IllegalArgumentException("ring capacity must be a power of two >= 64: " + capacity);
        }
        if (base % 4096 != 0 || base + footprint(capacity) > seg.byteSize()) {
            throw new IllegalArgumentException("ring does not fit at " + base + " in " + seg.byteSize() + " bytes");
        }
        this.seg = seg;
        this.base = base;
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.readerWord = seg.asSlice(base + READER_SLEEPS, 4);
        this.writerWord = seg.asSlice(base + WRITER_SLEEPS, 4);
        this.writeLock = new RobustLock(seg, base + WRITE_LOCK);
        this.readLock = new RobustLock(seg, base + READ_LOCK);
    }

    public static long footprint(int capacity) {
        return HEADER + (long) capacity;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * The futex word a reader sleeps on ({@code readerSleeps}): whoever waits for this ring's data
     * without reading it sets the word to 1, checks {@link #available()}, and sleeps while the
     * word is still 1; every publish that finds it set clears it and wakes all sleepers.
     */
    public MemorySegment readerWord() {
        return readerWord;
    }

    // ---- writing --------------------------------------------------------------------------

    /**
     * Writes one frame. Blocks while the ring has no room for it; throws
     * {@link BrokenPipeException} if the reader's side is gone while we wait, or if the ring
     * was torn by a process that died streaming a frame too large for it.
     */
    public void writeFrame(byte[] src, int off, int len, Peer reader) {
        if (len < 0) throw new IllegalArgumentException("negative frame length " + len);
        if (writeLock.acquire() == RobustLock.Outcome.OWNER_DIED) takeOver(WRITE_STREAM, WRITE_POS);
        try {
            checkTorn();
            long need = 4L + len;
            long w = (long) LONG.getVolatile(seg, base + WRITE_POS);
            if (capacity - (w - cachedReadPos) < need) cachedReadPos = (long) LONG.getVolatile(seg, base + READ_POS);
            if (capacity - (w - cachedReadPos) < need) {
                if (need > capacity) {
                    writeStreamed(src, off, len, w, reader);
                    return;
                }
                awaitSpace(w, need, reader);
            }
            // The whole frame fits: copy it and publish it at once.
            putLengthAt(w, len);
            copyIn(src, off, w + 4, len);
            publish(w + need);
        } finally {
            writeLock.release();
        }
    }

    /**
     * The previous writer (or reader) died holding the lock: harmless unless it had moved part of
     * a streamed frame, which is then cut.
     */
    private void takeOver(long streamField, long posField) {
        long began = (long) LONG.getVolatile(seg, base + streamField);
        if (began == 0) return;
        if ((long) LONG.getVolatile(seg, base + posField) != began - 1) tear();
        else LONG.setVolatile(seg, base + streamField, 0L); // it died before any of it crossed
    }

    private void writeStreamed(byte[] src, int off, int len, long w, Peer reader) {
        LONG.setVolatile(seg, base + WRITE_STREAM, w + 1);
        try {
            byte[] header = {(byte) len, (byte) (len >>> 8), (byte) (len >>> 16), (byte) (len >>> 24)};
            long at = write(header, 0, 4, w, reader);
            write(src, off, len, at, reader);
        } catch (RuntimeException e) {
            if ((long) LONG.getVolatile(seg, base + WRITE_POS) != w) tear(); // part of it is in the ring: the stream is cut
            throw e;
        } finally {
            LONG.setVolatile(seg, base + WRITE_STREAM, 0L);
        }
    }

    private void putLengthAt(long pos, int len) {
        if ((pos & mask) <= capacity - 4) {
            seg.set(JAVA_INT_LE, base + HEADER + (pos & mask), len);
        } else {
            for (int i = 0; i < 4; i++) seg.set(JAVA_BYTE, base + HEADER + ((pos + i) & mask), (byte) (len >>> (8 * i)));
        }
    }

    private int getLengthAt(long pos) {
        if ((pos & mask) <= capacity - 4) return seg.get(JAVA_INT_LE, base + HEADER + (pos & mask));
        int v = 0;
        for (int i = 0; i < 4; i++) v |= (seg.get(JAVA_BYTE, base + HEADER + ((pos + i) & mask)) & 0xff) << (8 * i);
        return v;
    }

    /** Publishes the bytes written up to {@code w} and wakes the reader if it sleeps. */
    private void publish(long w) {
        LONG.setVolatile(seg, base + WRITE_POS, w);
        if ((int) INT.getVolatile(seg, base + READER_SLEEPS) != 0) {
            INT.setVolatile(seg, base + READER_SLEEPS, 0);
            Futex.wake(readerWord, Integer.MAX_VALUE);
        }
    }

    /** Releases the bytes read up to {@code r} and wakes the writer if it waits for space and {@link #wakeRoom} is free. */
    private void release(long r) {
        LONG.setVolatile(seg, base + READ_POS, r);
        if ((int) INT.getVolatile(seg, base + WRITER_SLEEPS) != 0
                && capacity - ((long) LONG.getVolatile(seg, base + WRITE_POS) - r) >= wakeRoom((long) LONG.getVolatile(seg, base + WRITER_NEEDS))) {
            INT.setVolatile(seg, base + WRITER_SLEEPS, 0);
            Futex.wake(writerWord, Integer.MAX_VALUE);
        }
    }

    /** The free bytes at which a reader wakes a writer that needs {@code needs}: see the class comment. */
    private long wakeRoom(long needs) {
        return Math.min(capacity, Math.max(needs, Math.min(capacity / 4, 64 * 1024)));
    }

    /** Streams {@code len} bytes from {@code w} on, publishing each piece; returns the new write position. */
    private long write(byte[] src, int off, int len, long w, Peer reader) {
        while (len > 0) {
            long free = capacity - (w - (long) LONG.getVolatile(seg, base + READ_POS));
            if (free == 0) {
                awaitSpace(w, 1, reader);
                continue;
            }
            int n = (int) Math.min(free, len);
            copyIn(src, off, w, n);
            w += n;
            off += n;
            len -= n;
            publish(w);
        }
        return w;
    }

    private void copyIn(byte[] src, int off, long pos, int n) {
        int at = (int) (pos & mask);
        int first = Math.min(n, capacity - at);
        MemorySegment.copy(src, off, seg, JAVA_BYTE, base + HEADER + at, first);
        if (first < n) MemorySegment.copy(src, off + first, seg, JAVA_BYTE, base + HEADER, n - first);
    }

    /** Waits until {@code need} bytes are free after write position {@code w}. */
    private void awaitSpace(long w, long need, Peer reader) {
        long spinEnd = System.nanoTime() + SPIN_NANOS;
        while (free(w) < need) {
            if (System.nanoTime() - spinEnd < 0) {
                Thread.onSpinWait();
                continue;
            }
            LONG.setVolatile(seg, base + WRITER_NEEDS, need);
            INT.setVolatile(seg, base + WRITER_SLEEPS, 1);
            if (free(w) >= need) return;
            Futex.await(writerWord, 1, SLEEP_SLICE_NANOS);
            if (free(w) >= need) return;
            if (reader.gone()) throw new BrokenPipeException("the reading end of the pipe is closed");
            checkTorn();
            checkInterrupt();
        }
    }

    private long free(long w) {
        long r = (long) LONG.getVolatile(seg, base + READ_POS);
        cachedReadPos = r;
        return capacity - (w - r);
    }

    // ---- reading --------------------------------------------------------------------------

    /**
     * Reads one frame: its length, then (through {@code sink}) its payload. Returns the length, or
     * -1 at end of stream (no frame, and the writer's side is gone).
     */
    public int readFrame(FrameSink sink, int maxFrame, Peer writer) {
        if (readLock.acquire() == RobustLock.Outcome.OWNER_DIED) takeOver(READ_STREAM, READ_POS);
        try {
            checkTorn();
            long r = (long) LONG.getVolatile(seg, base + READ_POS);
            if (cachedWritePos - r < 4 && !awaitData(4, Long.MAX_VALUE, writer)) return -1;
            int len = getLengthAt(r);
            if (len < 0 || len > maxFrame) throw new FrameTooLargeException(maxFrame, Integer.toUnsignedLong(len));
            long need = 4L + len;
            if (need > capacity) return readStreamed(sink, len, r);
            if (cachedWritePos - r < need) cachedWritePos = (long) LONG.getVolatile(seg, base + WRITE_POS);
            if (cachedWritePos - r < need) {
                // Frames that fit are published whole, so a visible header means a visible frame.
                throw new BrokenPipeException("corrupt pipe: a frame announces " + len + " bytes but only "
                        + (cachedWritePos - r - 4) + " were published with it");
            }
            byte[] dst = sink.buffer(len);
            copyOut(dst, sink.offset(len), r + 4, len);
            release(r + need);
            return len;
        } finally {
            readLock.release();
        }
    }

    /**
     * A frame larger than the ring, streamed through it: collected in an array that grows (by
     * doubling, up to its length) as its bytes arrive, then handed to the sink.
     */
    private int readStreamed(FrameSink sink, int len, long r) {
        LONG.setVolatile(seg, base + READ_STREAM, r + 1);
        try {
            return readStreamedFrom(sink, len, r + 4);
        } catch (RuntimeException e) {
            tear(); // part of it was taken out of the ring: the stream is cut
            throw e;
        } finally {
            LONG.setVolatile(seg, base + READ_STREAM, 0L);
        }
    }

    private int readStreamedFrom(FrameSink sink, int len, long r) {
        release(r);
        byte[] got = new byte[(int) Math.min(len, 2L * capacity)];
        int n = 0;
        while (n < len) {
            long avail = (long) LONG.getVolatile(seg, base + WRITE_POS) - r;
            if (avail == 0) {
                awaitStreamed(r, len, n);
                continue;
            }
            int k = (int) Math.min(avail, len - n);
            if (n + k > got.length) got = Arrays.copyOf(got, (int) Math.min(len, Math.max(2L * got.length, (long) n + k)));
            copyOut(got, n, r, k);
            r += k;
            n += k;
            release(r);
        }
        if (!sink.adopt(got)) System.arraycopy(got, 0, sink.buffer(len), sink.offset(len), len);
        return len;
    }

    /** Waits for more of a streamed frame; a writer that died inside it tears the ring. */
    private void awaitStreamed(long r, int len, int got) {
        long spinEnd = System.nanoTime() + SPIN_NANOS;
        while ((long) LONG.getVolatile(seg, base + WRITE_POS) - r <= 0) {
            if (System.nanoTime() - spinEnd < 0) {
                Thread.onSpinWait();
                continue;
            }
            INT.setVolatile(seg, base + READER_SLEEPS, 1);
            if ((long) LONG.getVolatile(seg, base + WRITE_POS) - r > 0) return;
            Futex.await(readerWord, 1, SLEEP_SLICE_NANOS);
            if ((long) LONG.getVolatile(seg, base + WRITE_POS) - r > 0) return;
            checkTorn();
            // The writer holds the write lock until the frame is in; a dead (or absent) holder will not finish it.
            if (writeLock.owner().map(o -> !o.isAlive()).orElse(true)
                    && (long) LONG.getVolatile(seg, base + WRITE_POS) - r == 0) { // (it may have finished and let go)
                throw new BrokenPipeException("the writer died in the middle of a " + len + "-byte message (" + got
                        + " bytes had arrived): a message larger than the pipe's " + capacity
                        + "-byte ring is streamed through it in pieces, so it can be cut; that message is lost");
            }
            checkInterrupt();
        }
    }

    private void copyOut(byte[] dst, int off, long pos, int n) {
        int at = (int) (pos & mask);
        int first = Math.min(n, capacity - at);
        MemorySegment.copy(seg, JAVA_BYTE, base + HEADER + at, dst, off, first);
        if (first < n) MemorySegment.copy(seg, JAVA_BYTE, base + HEADER, dst, off + first, n - first);
    }

    /** Bytes written and not yet read. */
    public long available() {
        long w = (long) LONG.getVolatile(seg, base + WRITE_POS);
        cachedWritePos = w;
        return w - (long) LONG.getVolatile(seg, base + READ_POS);
    }

    /**
     * Waits until at least {@code n} bytes can be read; false if the writer's side is gone first
     * (with fewer bytes left) or the timeout passed.
     */
    public boolean awaitData(int n, long timeoutNanos, Peer writer) {
        if (available() >= n) return true;
        if (timeoutNanos == 0) return false;
        long now = System.nanoTime();
        long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : now + timeoutNanos;
        boolean adaptive = ADAPTIVE.get() != null;
        boolean full = !adaptive || failedSpins < FAILED_SPINS_MAX || ++waits % PROBE_EVERY == 0;
        long spinEnd = now + (full ? SPIN_NANOS : SHORT_SPIN_NANOS);
        boolean slept = false;
        while (available() < n) {
            now = System.nanoTime();
            if (deadline != Long.MAX_VALUE && now - deadline >= 0) return false;
            if (now - spinEnd < 0) {
                Thread.onSpinWait();
                continue;
            }
            if (!slept) {
                slept = true;
                if (adaptive && full && failedSpins < FAILED_SPINS_MAX) failedSpins++;
            }
            INT.setVolatile(seg, base + READER_SLEEPS, 1);
            if (available() >= n) return true;
            long left = deadline == Long.MAX_VALUE ? SLEEP_SLICE_NANOS : Math.min(SLEEP_SLICE_NANOS, deadline - now);
            Futex.await(readerWord, 1, left);
            if (available() >= n) return true;
            if (writer.gone()) return available() >= n;
            checkInterrupt();
        }
        if (adaptive && !slept && full && failedSpins != 0) failedSpins = 0; // the spin paid
        return true;
    }

    /**
     * Makes the calling thread's waits for data spin adaptively (see {@link #SPIN_NANOS}'s
     * neighbours): for a thread that serves requests, whose next one may be far away. A
     * manager's session thread asks for it: with two clients and their two server threads on
     * two cores, full spins on the server side kept the clients off the cores they needed
     * (a counter incremented with one atomic call per increment: 43-45 k incr/s before, 76-86 k
     * with this; the single client's get unchanged, 2.5-3.3 µs). A client waiting for its
     * answer keeps its full spin: the answer comes promptly.
     */
    public static void spinAdaptivelyOnThisThread() {
        ADAPTIVE.set(Boolean.TRUE);
    }

    /** Wakes readers that sleep on this ring (after the writer's side closed, so they see EOF now). */
    public void wakeReader() {
        INT.setVolatile(seg, base + READER_SLEEPS, 0);
        Futex.wake(readerWord, Integer.MAX_VALUE);
    }

    /** Wakes a writer that waits for space (after the reader's side closed). */
    public void wakeWriter() {
        INT.setVolatile(seg, base + WRITER_SLEEPS, 0);
        Futex.wake(writerWord, Integer.MAX_VALUE);
    }

    // ---- torn streams -----------------------------------------------------------------------

    /** Whether a process died inside a streamed frame, leaving the stream cut: nothing more can be read or written. */
    public boolean isTorn() {
        return (int) INT.getVolatile(seg, base + TORN) != 0;
    }

    private void tear() {
        INT.setVolatile(seg, base + TORN, 1);
        wakeReader();
        wakeWriter();
    }

    private void checkTorn() {
        if (isTorn()) {
            throw new BrokenPipeException("the pipe is broken: a process died in the middle of a message larger than the pipe's "
                    + capacity + "-byte ring (such messages are streamed through it in pieces), so the stream is cut;"
                    + " open a new pipe (or use a larger capacity, Pipe.open(duplex, capacityBytes))");
        }
    }

    private static void checkInterrupt() {
        if (Thread.interrupted()) throw new InterruptedRuntimeException("interrupted while waiting on a pipe");
    }
}
