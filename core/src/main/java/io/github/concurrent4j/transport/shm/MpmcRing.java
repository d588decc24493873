package io.github.concurrent4j.transport.shm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

import io.github.concurrent4j.InterruptedRuntimeException;

/**
 * A bounded multi-producer multi-consumer queue of variable-size records in shared memory:
 * the engine of the process queues ({@code multiprocessing.Queue}, {@code SimpleQueue},
 * {@code JoinableQueue}). Any thread of any process that maps the memory may offer and poll.
 *
 * <pre>
 *  offset  field                   written by  access
 *  0       tail        i64         producers   volatile; bytes ever published
 *  8       putCount    i64         producers   release, before tail; records ever published (items)
 *  256     head        i64         consumers   volatile; bytes ever consumed
 *  264     getCount    i64         consumers   release, after head; records ever taken (seq + 1 of the last one)
 *  512     dataSleeps  i32         consumers   futex word: 1 while a consumer may sleep (nothing to take)
 *  640     spaceSleeps i32         producers   futex word, bits: 1 a producer may sleep for bytes, 2 for an item slot (maxItems)
 *  648     spaceNeeds  i64         producers   the bytes the last producer to sleep for bytes waits for
 *  768     writeLock   32 bytes    producers   RobustLock: one record published at a time
 *  896     readLock    32 bytes    consumers   RobustLock: one record taken at a time
 *  4096    data[capacity]                      capacity a power of two; record at data[pos &amp; (capacity-1)]
 *
 *  record (16-byte aligned, never wraps):
 *    bit 0            32           64                    128
 *        | length u32 | kind u32   | seq u64              | payload (length bytes) | pad to 16 |
 *    kind  ITEM (1): the payload is the item's encoding
 *          SPILL (2): the payload names where an item too large for a record was put (the caller's business)
 *          PAD (3): filler up to the end of data; the next record starts at data[0]
 *    seq   the record's number among all records ever published (putCount before it)
 * </pre>
 *
 * <p><b>Design.</b> The record layout, the padding record at the end of the buffer (a record is
 * never split, so a consumer copies it in one go) and the alignment follow Agrona's
 * {@code OneToOneRingBuffer}/{@code ManyToOneRingBuffer}; the cached-position trick on each side
 * follows JCTools. Where Agrona's many-to-one buffer lets producers claim space lock-free (a CAS
 * on the tail, then a publish of the record's length), each side here claims under a
 * {@link RobustLock} instead, and publishes with one volatile store of {@code tail} (or
 * {@code head}) once the record is whole. The reason is process death: a producer SIGKILLed
 * between a lock-free claim and its publish leaves a hole that every consumer waits behind
 * forever (Agrona's {@code unblock()} guesses with a timeout), and a consumer killed after a
 * lock-free claim leaves space no producer may reuse. With the locks, a SIGKILLed holder is
 * detected exactly (its pid and start time are in the lock word) and the next process takes
 * over a ring that holds only whole, published records: a producer that died before its publish
 * put nothing; a consumer that died before its {@code head} store took nothing (the record is
 * still first in line); one that died after it took the record with it. Nothing is ever
 * duplicated. The lock on each side is uncontended with one process per side, and held only for
 * a copy, so it costs one CAS and one exchange per record.
 *
 * <p><b>Waiting.</b> Nobody waits while holding a lock: a side's lock is held only to check
 * and copy one record, so the non-blocking forms take it (waiting for at most one copy) and
 * answer "full" or "empty" only when the ring is (which makes them linearizable: CPython's
 * {@code get_nowait} raises {@code Empty} whenever another process holds the read lock). A
 * caller that must wait releases the lock and, as in {@link ByteRing}, spins briefly, then sets
 * its side's sleep word, re-checks, and sleeps on a futex in bounded slices; the other side,
 * after each publish (or take), reads the word and, if set, clears it and wakes every sleeper
 * (the Dekker argument on sequentially consistent accesses: no lost wake-up). Woken, it takes
 * the lock and checks again. A consumer wakes producers that sleep for bytes only once a
 * quarter of the ring (at most 64 KiB, at least what they need) is free, as Linux wakes a
 * pipe's writer a page at a time: waking them at every take made a producer faster than its
 * consumer trade a futex wake-up and a sleep per item with it (760 k small items/s, 100 k of
 * 1 KiB). A producer whose consumer stops short of that looks again after its slice (50 ms).
 * Producers that sleep for an item slot ({@code maxItems}) are woken at every take.
 *
 * <p><b>Bounds.</b> Records hold at most {@link #maxPayload()} bytes (a quarter of the buffer,
 * less the header) so that a waiting producer is not starved by the padding; bigger items go
 * through the caller's spill path. {@code maxItems} (0: none) bounds the number of records, as
 * {@code Queue(maxsize)} does.
 *
 * <p>Memory consistency effects: actions of a thread (of any process) before it offers a record
 * happen-before the actions of the thread that polls that record, following it.
 */
public final class MpmcRing {
    public static final int HEADER = 4096;
    /** Record kinds. */
    public static final int ITEM = 1, SPILL = 2;
    static final int PAD = 3;
    static final long TAIL = 0, PUT_COUNT = 8, HEAD = 256, GET_COUNT = 264, DATA_SLEEPS = 512, SPACE_SLEEPS = 640,
            SPACE_NEEDS = 648, WRITE_LOCK = 768, READ_LOCK = 896;
    private static final int FOR_BYTES = 1, FOR_ITEMS = 2;
    static final int RECORD_HEADER = 16;
    private static final VarHandle LONG = JAVA_LONG.varHandle();
    private static final VarHandle INT = JAVA_INT.varHandle();
    private static final long SPIN_NANOS = ByteRing.SPIN_NANOS;
    private static final long SLEEP_SLICE_NANOS = 50_000_000L;

    /** One record taken from the ring. */
    public record Record(int kind, byte[] payload) {}

    private final MemorySegment seg;
    private final long base;
    private final long data;
    private final int capacity;
    private final long mask;
    private final MemorySegment dataWord;
    private final MemorySegment spaceWord;
    private final RobustLock writeLock;
    private final RobustLock readLock;
    /*
     * This process's last reading of the other side's position (JCTools' "cached index", as in
     * ByteRing): positions only grow, so a stale value under-states the room (producer) or the
     * records (consumer), never over-states them; the shared position is read again only when
     * the cached one says "not enough", which keeps each side off the other's cache line for most
     * records. Each is accessed under its side's lock, whose CAS and exchange order these plain
     * fields between the threads of this process.
     */
    private long cachedHead;
    private long cachedGetCount;
    private long cachedTail;

    /** A view of the ring at {@code base} in {@code seg} ({@link #footprint} bytes from there; zero-filled when new). */
    public MpmcRing(MemorySegment seg, long base, int capacity) {
        Futex.requireSupported();
        if (Integer.bitCount(capacity) != 1 || capacity < 256) {
            throw new IllegalArgumentException("ring capacity must be a power of two >= 256: " + capacity);
        }
        if (base % 4096 != 0 || base + footprint(capacity) > seg.byteSize()) {
            throw new IllegalArgumentException("ring does not fit at " + base + " in " + seg.byteSize() + " bytes");
        }
        this.seg = seg;
        this.base = base;
        this.data = base + HEADER;
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.dataWord = seg.asSlice(base + DATA_SLEEPS, 4);
        this.spaceWord = seg.asSlice(base + SPACE_SLEEPS, 4);
        this.writeLock = new RobustLock(seg, base + WRITE_LOCK);
        this.readLock = new RobustLock(seg, base + READ_LOCK);
    }

    public static long footprint(int capacity) {
        return HEADER + (long) capacity;
    }

    public int capacity() {
        return capacity;
    }

    /** The largest payload a record holds; larger ones must be spilled by the caller. */
    public int maxPayload() {
        return capacity / 4 - RECORD_HEADER;
    }

    /** Records start 16-byte aligned, so that the room left before the end always fits a padding record's header. */
    private static long align16(long n) {
        return (n + 15) & ~15L;
    }

    // ---- producing ------------------------------------------------------------------------

    /**
     * Publishes one record, waiting at most {@code timeoutNanos} (0: not at all,
     * {@code Long.MAX_VALUE}: forever) for room: for the record's bytes and, if
     * {@code maxItems > 0}, for fewer than {@code maxItems} records in the ring.
     *
     * @return false if the time ran out first (nothing was published)
     * @throws InterruptedRuntimeException if interrupted while waiting
     */
    public boolean offer(int kind, byte[] src, int off, int len, long maxItems, long timeoutNanos) {
        if (kind != ITEM && kind != SPILL) throw new IllegalArgumentException("no record kind " + kind);
        if (len < 0 || len > maxPayload()) {
            throw new IllegalArgumentException("record payload of " + len + " bytes: at most " + maxPayload() + " fit this ring");
        }
        long deadline = deadline(timeoutNanos);
        long need = align16(RECORD_HEADER + len);
        while (true) {
            if (!lock(writeLock, deadline).acquired()) return false;
            // What "a consumer took something" is measured against, read before the room is
            // checked: a take in between then shows as a change, and is not slept through.
            long seenHead = (long) LONG.getVolatile(seg, base + HEAD);
            long seenGets = (long) LONG.getVolatile(seg, base + GET_COUNT);
            int lacking;
            long bytes;
            try {
                long t = (long) LONG.getVolatile(seg, base + TAIL);
                long pos = t & mask;
                long pad = capacity - pos < need ? capacity - pos : 0;
                bytes = pad + need;
                lacking = lacking(t, bytes, maxItems);
                if (lacking == 0) {
                    publish(t, pos, pad, need, kind, src, off, len);
                    return true;
                }
            } finally {
                writeLock.release();
            }
            // No room: wait for a consumer to take something, without the lock (so that a
            // putNowait elsewhere is answered at once), then check again under it.
            if (deadline == 0 || !awaitTake(seenHead, seenGets, deadline, lacking, bytes)) return false;
        }
    }

    private void publish(long t, long pos, long pad, long need, int kind, byte[] src, int off, int len) {
        long seq = (long) LONG.getVolatile(seg, base + PUT_COUNT);
        if (pad > 0) putHeader(pos, (int) (pad - RECORD_HEADER), PAD, seq);
        long at = (t + pad) & mask;
        putHeader(at, len, kind, seq);
        MemorySegment.copy(src, off, seg, JAVA_BYTE, data + at + RECORD_HEADER, len);
        // putCount before tail: a snapshot of the size may count a record a moment early, never late.
        LONG.setRelease(seg, base + PUT_COUNT, seq + 1); // same line as tail; the tail store below is the fence
        LONG.setVolatile(seg, base + TAIL, t + pad + need);
        if ((int) INT.getVolatile(seg, base + DATA_SLEEPS) != 0) {
            INT.setVolatile(seg, base + DATA_SLEEPS, 0);
            Futex.wake(dataWord, Integer.MAX_VALUE);
        }
    }

    /**
     * Takes a side's lock: within the deadline, or, for a call that must not wait (deadline 0),
     * as long as it takes — the lock is held only to copy one record (nobody waits for room or
     * data while holding it), so a {@code putNowait}/{@code getNowait} waits at most for a copy,
     * and answers Full/Empty only when the ring is full/empty (linearizably), not when another
     * process happens to be copying.
     */
    private static RobustLock.Outcome lock(RobustLock lock, long deadline) {
        if (deadline == 0 || deadline == Long.MAX_VALUE) return lock.acquire();
        long left = deadline - System.nanoTime();
        return left <= 0 ? lock.acquire(0) : lock.acquire(left);
    }

    private void putHeader(long at, int len, int kind, long seq) {
        seg.set(JAVA_INT, data + at, len);
        seg.set(JAVA_INT, data + at + 4, kind);
        seg.set(JAVA_LONG, data + at + 8, seq);
    }

    /** Under the write lock: 0 if {@code need} bytes and an item slot are free after {@code t}, else what is lacking ({@code FOR_BYTES}, {@code FOR_ITEMS}). */
    private int lacking(long t, long need, long maxItems) {
        if (capacity - (t - cachedHead) < need) {
            cachedHead = (long) LONG.getVolatile(seg, base + HEAD);
            if (capacity - (t - cachedHead) < need) return FOR_BYTES;
        }
        if (maxItems <= 0) return 0;
        long puts = (long) LONG.getVolatile(seg, base + PUT_COUNT);
        if (puts - cachedGetCount < maxItems) return 0;
        cachedGetCount = (long) LONG.getVolatile(seg, base + GET_COUNT);
        return puts - cachedGetCount < maxItems ? 0 : FOR_ITEMS;
    }

    private boolean taken(long seenHead, long seenGets) {
        return (long) LONG.getVolatile(seg, base + HEAD) != seenHead || (long) LONG.getVolatile(seg, base + GET_COUNT) != seenGets;
    }

    /**
     * Without a lock: waits until a consumer has taken a record since {@code head}/{@code getCount}
     * were seen; {@code lacking} says what for ({@code bytes} of room, or an item slot).
     */
    private boolean awaitTake(long seenHead, long seenGets, long deadline, int lacking, long bytes) {
        long spinEnd = System.nanoTime() + SPIN_NANOS;
        while (!taken(seenHead, seenGets)) {
            long now = System.nanoTime();
            if (deadline != Long.MAX_VALUE && now - deadline >= 0) return false;
            if (now - spinEnd < 0) {
                Thread.onSpinWait();
                continue;
            }
            if (lacking == FOR_BYTES) LONG.setVolatile(seg, base + SPACE_NEEDS, bytes);
            int word = (int) INT.getAndBitwiseOr(seg, base + SPACE_SLEEPS, lacking) | lacking;
            if (taken(seenHead, seenGets)) return true;
            long slice = deadline == Long.MAX_VALUE ? SLEEP_SLICE_NANOS : Math.min(SLEEP_SLICE_NANOS, deadline - now);
            Futex.await(spaceWord, word, slice);
            checkInterrupt();
        }
        return true;
    }

    // ---- consuming ------------------------------------------------------------------------

    /**
     * Takes the first record, waiting at most {@code timeoutNanos} (0: not at all,
     * {@code Long.MAX_VALUE}: forever) for one.
     *
     * @return the record, or null if the time ran out first
     * @throws InterruptedRuntimeException if interrupted while waiting
     */
    public Record poll(long timeoutNanos) {
        long deadline = deadline(timeoutNanos);
        while (true) {
            RobustLock.Outcome got = lock(readLock, deadline);
            if (!got.acquired()) return null;
            long h;
            try {
                h = (long) LONG.getVolatile(seg, base + HEAD);
                if (got == RobustLock.Outcome.OWNER_DIED) repairCount(h);
                if (cachedTail - h > 0 || (cachedTail = (long) LONG.getVolatile(seg, base + TAIL)) - h > 0) return take(h);
            } finally {
                readLock.release();
            }
            // Nothing to take: wait for a producer, without the lock (so that a getNowait
            // elsewhere is answered at once), then try again under it.
            if (deadline == 0 || !awaitPublish(h, deadline)) return null;
        }
    }

    /** Under the read lock, with a record at {@code h}: copies it out and releases its space. */
    private Record take(long h) {
        long at = h & mask;
        int kind = seg.get(JAVA_INT, data + at + 4);
        if (kind == PAD) {
            h += capacity - at; // the record after the padding was published with it
            at = 0;
            kind = seg.get(JAVA_INT, data + 4);
        }
        int len = seg.get(JAVA_INT, data + at);
        long seq = seg.get(JAVA_LONG, data + at + 8);
        if (len < 0 || len > maxPayload() || (kind != ITEM && kind != SPILL)) {
            throw new IllegalStateException("corrupt queue record at " + h + ": kind " + kind + ", length " + len);
        }
        byte[] payload = new byte[len];
        MemorySegment.copy(seg, JAVA_BYTE, data + at + RECORD_HEADER, payload, 0, len);
        // head first: a consumer that dies between the two stores leaves getCount one behind until the next take.
        LONG.setVolatile(seg, base + HEAD, h + align16(RECORD_HEADER + len));
        LONG.setRelease(seg, base + GET_COUNT, seq + 1); // same line as head; a waiting producer watches head (always moves)
        int sleeping = (int) INT.getVolatile(seg, base + SPACE_SLEEPS);
        if (sleeping != 0 && ((sleeping & FOR_ITEMS) != 0 || enoughRoom(h + align16(RECORD_HEADER + len)))) {
            INT.setVolatile(seg, base + SPACE_SLEEPS, 0);
            Futex.wake(spaceWord, Integer.MAX_VALUE);
        }
        return new Record(kind, payload);
    }

    /** Whether, with {@code head} at {@code h}, enough is free to wake producers sleeping for bytes (see the class comment). */
    private boolean enoughRoom(long h) {
        long free = capacity - ((long) LONG.getVolatile(seg, base + TAIL) - h);
        long needs = (long) LONG.getVolatile(seg, base + SPACE_NEEDS);
        return free >= Math.min(capacity, Math.max(needs, Math.min(capacity / 4, 64 * 1024)));
    }

    /** The previous consumer died holding the lock, maybe between its two stores: re-derive getCount. */
    private void repairCount(long h) {
        if ((long) LONG.getVolatile(seg, base + TAIL) - h > 0) {
            long at = h & mask;
            long seq = seg.get(JAVA_INT, data + at + 4) == PAD ? seg.get(JAVA_LONG, data + 8) : seg.get(JAVA_LONG, data + at + 8);
            LONG.setVolatile(seg, base + GET_COUNT, seq);
        }
    }

    /** Without a lock: waits until a record is published past {@code h}. */
    private boolean awaitPublish(long h, long deadline) {
        long spinEnd = System.nanoTime() + SPIN_NANOS;
        while ((long) LONG.getVolatile(seg, base + TAIL) - h <= 0) {
            long now = System.nanoTime();
            if (deadline != Long.MAX_VALUE && now - deadline >= 0) return false;
            if (now - spinEnd < 0) {
                Thread.onSpinWait();
                continue;
            }
            INT.setVolatile(seg, base + DATA_SLEEPS, 1);
            if ((long) LONG.getVolatile(seg, base + TAIL) - h > 0) return true;
            long slice = deadline == Long.MAX_VALUE ? SLEEP_SLICE_NANOS : Math.min(SLEEP_SLICE_NANOS, deadline - now);
            Futex.await(dataWord, 1, slice);
            checkInterrupt();
        }
        return true;
    }

    // ---- state ----------------------------------------------------------------------------

    /** Records in the ring now (a snapshot). */
    public long size() {
        long n = (long) LONG.getVolatile(seg, base + PUT_COUNT) - (long) LONG.getVolatile(seg, base + GET_COUNT);
        return Math.max(0, n);
    }

    /** Wakes every waiter on both sides (after a state change they must re-check, such as a close). */
    public void wakeAll() {
        INT.setVolatile(seg, base + DATA_SLEEPS, 0);
        Futex.wake(dataWord, Integer.MAX_VALUE);
        INT.setVolatile(seg, base + SPACE_SLEEPS, 0);
        Futex.wake(spaceWord, Integer.MAX_VALUE);
    }

    /** Whether a consumer has announced that it sleeps for want of a record (for tests and diagnostics). */
    public boolean consumerSleeping() {
        return (int) INT.getVolatile(seg, base + DATA_SLEEPS) != 0;
    }

    /** Whether a producer has announced that it sleeps for want of room (for tests and diagnostics). */
    public boolean producerSleeping() {
        return (int) INT.getVolatile(seg, base + SPACE_SLEEPS) != 0;
    }

    /** Sleep-word registration for a {@code Connections.wait}-style wait on data: the word and the value to sleep on. */
    public MemorySegment dataWord() {
        return dataWord;
    }

    private static long deadline(long timeoutNanos) {
        if (timeoutNanos < 0) throw new IllegalArgumentException("negative timeout " + timeoutNanos);
        if (timeoutNanos == 0) return 0;
        if (timeoutNanos == Long.MAX_VALUE) return Long.MAX_VALUE;
        long d = System.nanoTime() + timeoutNanos;
        return d == 0 || d == Long.MAX_VALUE ? d + 1 : d;
    }

    private static void checkInterrupt() {
        if (Thread.interrupted()) throw new InterruptedRuntimeException("interrupted while waiting on a process queue");
    }

    @Override
    public String toString() {
        return "MpmcRing[capacity=" + capacity + ", records=" + size() + "]";
    }
}
