package io.github.concurrent4j.transport.shm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.ValueLayout;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.transport.BrokenPipeException;
import io.github.concurrent4j.transport.FrameTooLargeException;

/**
 * A bounded byte stream in shared memory, one direction of a pipe: length-prefixed frames
 * written by one side and read by the other, possibly in different processes.
 *
 * <pre>
 *  offset  field            owner      access
 *  0       writePos  i64    writer     volatile; bytes ever written
 *  128     readPos   i64    reader     volatile; bytes ever read
 *  256     readerSleeps i32 reader     futex word: 1 while the reader may sleep
 *  384     writerSleeps i32 writer     futex word: 1 while the writer may sleep (ring full)
 *  512     writeLock i32    any        pid of the writer holding the frame lock, 0 if free
 *  640     readLock  i32    any        pid of the reader holding the frame lock, 0 if free
 *  4096    data[capacity]              capacity a power of two; byte i at data[i &amp; (capacity-1)]
 *  frame:  | length u32 LE | payload (length bytes) |   may wrap around the end of data
 * </pre>
 * Fields sit 128 bytes apart so that the writer's and the reader's lines never share a cache
 * line (nor an adjacent-line prefetch pair).
 *
 * <p><b>Waiting.</b> A reader with nothing to read spins briefly (a round trip on another core
 * is a few microseconds), then yields, then sleeps on a futex. Before sleeping it sets
 * {@code readerSleeps} and re-reads {@code writePos}; a writer, after publishing
 * {@code writePos}, reads {@code readerSleeps} and wakes it if set. Both are volatile
 * (sequentially consistent) accesses, so one of the two always sees the other: no lost
 * wake-up (the Dekker argument). Writers waiting for space do the mirror image. Sleeps are
 * bounded slices, after each of which the caller's {@link Peer} is asked whether the other
 * side is gone, so a dead peer ends the wait instead of hanging it.
 *
 * <p><b>Frames and locks.</b> A frame is written (and read) whole under a lock word holding
 * the owner's pid, so threads and processes sharing one end never interleave frames. A lock
 * whose owner process has died is taken over.
 *
 * <p>Memory consistency effects: bytes written before a frame's {@code writePos} is published
 * happen-before the reader's reads of that frame, in any process.
 */
public final class ByteRing {
    public static final int HEADER = 4096;
    private static final long WRITE_POS = 0, READ_POS = 128, READER_SLEEPS = 256, WRITER_SLEEPS = 384,
            WRITE_LOCK = 512, READ_LOCK = 640;
    private static final VarHandle LONG = JAVA_LONG.varHandle();
    private static final ValueLayout.OfInt JAVA_INT_LE = JAVA_INT.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN).withByteAlignment(1);
    private static final VarHandle INT = JAVA_INT.varHandle();
    private static final int SPINS = 2_000, YIELDS = 50;
    private static final long SLEEP_SLICE_NANOS = 50_000_000L;
    private static final int PID = (int) ProcessHandle.current().pid();

    /** What a waiting side asks about the other side. */
    public interface Peer {
        /** Whether no process holds the other end any more (then nothing more will come, or be read). */
        boolean gone();
    }

    private final MemorySegment seg;
    private final long base;
    private final int capacity;
    private final long mask;
    private final MemorySegment readerWord;
    private final MemorySegment writerWord;
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
    }

    public static long footprint(int capacity) {
        return HEADER + (long) capacity;
    }

    public int capacity() {
        return capacity;
    }

    // ---- writing --------------------------------------------------------------------------

    /**
     * Writes one frame. Blocks while the ring is full; throws {@link BrokenPipeException} if the
     * reader's side is gone while we wait for space.
     */
    public void writeFrame(byte[] src, int off, int len, Peer reader) {
        if (len < 0) throw new IllegalArgumentException("negative frame length " + len);
        lock(WRITE_LOCK);
        try {
            long w = (long) LONG.getVolatile(seg, base + WRITE_POS);
            if (capacity - (w - cachedReadPos) < 4L + len) cachedReadPos = (long) LONG.getVolatile(seg, base + READ_POS);
            if (capacity - (w - cachedReadPos) >= 4L + len) {
                // The common case: the whole frame fits; copy it and publish it once.
                putLengthAt(w, len);
                copyIn(src, off, w + 4, len);
                publish(w + 4 + len);
                return;
            }
            byte[] header = {(byte) len, (byte) (len >>> 8), (byte) (len >>> 16), (byte) (len >>> 24)};
            write(header, 0, 4, reader);
            write(src, off, len, reader);
        } finally {
            unlock(WRITE_LOCK);
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

    /** Releases the bytes read up to {@code r} and wakes the writer if it waits for space. */
    private void release(long r) {
        LONG.setVolatile(seg, base + READ_POS, r);
        if ((int) INT.getVolatile(seg, base + WRITER_SLEEPS) != 0) {
            INT.setVolatile(seg, base + WRITER_SLEEPS, 0);
            Futex.wake(writerWord, Integer.MAX_VALUE);
        }
    }

    private void write(byte[] src, int off, int len, Peer reader) {
        long w = (long) LONG.getVolatile(seg, base + WRITE_POS);
        while (len > 0) {
            long free = capacity - (w - (long) LONG.getVolatile(seg, base + READ_POS));
            if (free == 0) {
                awaitSpace(w, reader);
                continue;
            }
            int n = (int) Math.min(free, len);
            copyIn(src, off, w, n);
            w += n;
            off += n;
            len -= n;
            publish(w);
        }
    }

    private void copyIn(byte[] src, int off, long pos, int n) {
        int at = (int) (pos & mask);
        int first = Math.min(n, capacity - at);
        MemorySegment.copy(src, off, seg, JAVA_BYTE, base + HEADER + at, first);
        if (first < n) MemorySegment.copy(src, off + first, seg, JAVA_BYTE, base + HEADER, n - first);
    }

    private void awaitSpace(long w, Peer reader) {
        for (int i = 0; ; i++) {
            if (capacity - (w - (long) LONG.getVolatile(seg, base + READ_POS)) > 0) return;
            if (i < SPINS) {
                Thread.onSpinWait();
            } else if (i < SPINS + YIELDS) {
                Thread.yield();
            } else {
                INT.setVolatile(seg, base + WRITER_SLEEPS, 1);
                if (capacity - (w - (long) LONG.getVolatile(seg, base + READ_POS)) > 0) return;
                Futex.await(writerWord, 1, SLEEP_SLICE_NANOS);
                if (reader.gone()) throw new BrokenPipeException("the reading end of the pipe is closed");
                checkInterrupt();
            }
        }
    }

    // ---- reading --------------------------------------------------------------------------

    /**
     * Reads one frame: its length, then (through {@code sink}) its payload. Returns the length, or
     * -1 at end of stream (no frame, and the writer's side is gone).
     */
    public int readFrame(FrameSink sink, int maxFrame, Peer writer) {
        lock(READ_LOCK);
        try {
            long r = (long) LONG.getVolatile(seg, base + READ_POS);
            if (cachedWritePos - r < 4 && !awaitData(4, Long.MAX_VALUE, writer)) return -1;
            int len = getLengthAt(r);
            if (len < 0 || len > maxFrame) throw new FrameTooLargeException(maxFrame, Integer.toUnsignedLong(len));
            byte[] dst = sink.buffer(len);
            int at = sink.offset(len);
            if (cachedWritePos - r < 4L + len) cachedWritePos = (long) LONG.getVolatile(seg, base + WRITE_POS);
            if (cachedWritePos - r >= 4L + len) {
                // The common case: the whole frame is there; copy it and release it once.
                copyOut(dst, at, r + 4, len);
                release(r + 4 + len);
                return len;
            }
            release(r + 4);
            read(dst, at, len, writer);
            return len;
        } finally {
            unlock(READ_LOCK);
        }
    }

    /** Where a frame's payload goes: a buffer with room for {@code len} bytes at {@code offset(len)}. */
    public interface FrameSink {
        byte[] buffer(int len);

        default int offset(int len) {
            return 0;
        }
    }

    private void read(byte[] dst, int off, int len, Peer writer) {
        long r = (long) LONG.getVolatile(seg, base + READ_POS);
        while (len > 0) {
            long avail = (long) LONG.getVolatile(seg, base + WRITE_POS) - r;
            if (avail == 0) {
                if (!awaitData(1, Long.MAX_VALUE, writer)) {
                    throw new BrokenPipeException("the writer closed the pipe in the middle of a frame");
                }
                continue;
            }
            int n = (int) Math.min(avail, len);
            copyOut(dst, off, r, n);
            r += n;
            off += n;
            len -= n;
            release(r);
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
        long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        for (int i = 0; ; i++) {
            if (available() >= n) return true;
            if (i < SPINS) {
                if (timeoutNanos == 0) return false;
                Thread.onSpinWait();
            } else if (i < SPINS + YIELDS) {
                Thread.yield();
            } else {
                INT.setVolatile(seg, base + READER_SLEEPS, 1);
                if (available() >= n) return true;
                long left = deadline == Long.MAX_VALUE ? SLEEP_SLICE_NANOS : Math.min(SLEEP_SLICE_NANOS, deadline - System.nanoTime());
                if (left <= 0) return false;
                Futex.await(readerWord, 1, left);
                if (available() >= n) return true;
                if (writer.gone()) return available() >= n;
                checkInterrupt();
            }
            if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0) return available() >= n;
        }
    }

    /** Wakes a reader that sleeps on this ring (after the writer's side closed, so it sees EOF now). */
    public void wakeReader() {
        Futex.wake(readerWord, Integer.MAX_VALUE);
    }

    /** Wakes a writer that waits for space (after the reader's side closed). */
    public void wakeWriter() {
        Futex.wake(writerWord, Integer.MAX_VALUE);
    }

    // ---- frame locks ----------------------------------------------------------------------

    private void lock(long at) {
        for (int i = 0; ; i++) {
            if (INT.compareAndSet(seg, base + at, 0, PID)) return;
            if (i < SPINS) {
                Thread.onSpinWait();
            } else {
                int owner = (int) INT.getVolatile(seg, base + at);
                if (owner != 0 && owner != PID && !Pids.alive(owner)
                        && INT.compareAndSet(seg, base + at, owner, PID)) {
                    return; // its owner died holding it
                }
                Thread.yield();
                if (i % 1024 == 0) checkInterrupt();
            }
        }
    }

    private void unlock(long at) {
        INT.setVolatile(seg, base + at, 0);
    }

    private static void checkInterrupt() {
        if (Thread.interrupted()) throw new InterruptedRuntimeException("interrupted while waiting on a pipe");
    }
}
