package io.github.concurrent4j.transport.shm;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * Which processes hold one end of a shared object, and how many handles each holds: the
 * cross-process reference count that lets a pipe reader see end-of-file when every writer
 * has closed, or died — what the kernel does for a socket's file descriptors.
 *
 * <pre>
 *  offset        field
 *  0             lock      RobustLock (32 bytes): held while the table is updated
 *  32            used      i32   slots ever used: scans stop here
 *  64 + 16i      pid       i32   slot i: a holding process, 0 if the slot is free
 *  68 + 16i      refs      i32   handles that process holds (including copies lent to a receiver)
 *  72 + 16i      start     i64   that process's start time (clock ticks after boot): a reused pid is not the holder
 * </pre>
 *
 * A process that dies keeps its slot; {@link #anyAlive} skips dead holders (and newer
 * processes that reuse their pid), so a crash reads as a close, and the slot is reused by
 * the next process that needs one. A handle that is encoded for another process is
 * <em>lent</em>: the sender's count goes up until the receiver has taken its own, so a
 * sender closing its copy right after sending does not make the end look closed in between.
 *
 * <p>Slots are written under the lock and read without it: a new holder's slot is filled
 * start, pid, then refs, and emptied refs first, so a reader that sees {@code refs > 0} also
 * sees that holder's pid and start (all volatile accesses). A table holds up to its
 * {@code capacity} live processes; tmpfs backs only the pages a table has touched, so a large
 * capacity costs address space, not memory.
 */
public final class Holders {
    static final long LOCK = 0, USED = 32, SLOTS = 64, SLOT = 16;
    /** Slots of a table made by {@link #Holders(MemorySegment, long)}: one 4 KiB page. */
    public static final int PAGE_SLOTS = (4096 - (int) SLOTS) / (int) SLOT;
    /** Bytes of a one-page table ({@link #PAGE_SLOTS} slots). */
    public static final int SIZE = 4096;
    private static final VarHandle INT = JAVA_INT.varHandle();
    private static final VarHandle LONG = JAVA_LONG.varHandle();

    private final MemorySegment seg;
    private final long base;
    private final int capacity;
    private final RobustLock lock;

    /** The one-page table at {@code base} ({@link #PAGE_SLOTS} holders). */
    public Holders(MemorySegment seg, long base) {
        this(seg, base, PAGE_SLOTS);
    }

    /** The table at {@code base} with room for {@code capacity} holding processes ({@link #footprint} bytes). */
    public Holders(MemorySegment seg, long base, int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("a holder table needs at least one slot: " + capacity);
        if (base % 8 != 0 || base + footprint(capacity) > seg.byteSize()) {
            throw new IllegalArgumentException("a holder table of " + capacity + " slots does not fit at " + base + " in " + seg.byteSize() + " bytes");
        }
        this.seg = seg;
        this.base = base;
        this.capacity = capacity;
        this.lock = new RobustLock(seg, base + LOCK);
    }

    /** Bytes a table of {@code capacity} slots occupies. */
    public static long footprint(int capacity) {
        return SLOTS + SLOT * capacity;
    }

    /** Adds one handle held by {@code pid} (this process, or one whose start time is {@code startTicks}). */
    public void acquire(long pid) {
        update(pid, +1);
    }

    /** Removes one handle held by {@code pid}; returns the handles left in the table. */
    public int release(long pid) {
        return update(pid, -1);
    }

    /** Whether some process that is still alive holds a handle. */
    public boolean anyAlive() {
        int used = Math.min(capacity, (int) INT.getVolatile(seg, base + USED));
        for (int i = 0; i < used; i++) {
            long s = slot(i);
            int refs = (int) INT.getVolatile(seg, s + 4);
            if (refs <= 0) continue;
            int pid = (int) INT.getVolatile(seg, s);
            long start = (long) LONG.getVolatile(seg, s + 8);
            if (pid != 0 && alive(pid, start)) return true;
        }
        return false;
    }

    /** All handles in the table, dead holders' included. */
    public int total() {
        int used = Math.min(capacity, (int) INT.getVolatile(seg, base + USED));
        int n = 0;
        for (int i = 0; i < used; i++) {
            if ((int) INT.getVolatile(seg, slot(i)) != 0) n += Math.max(0, (int) INT.getVolatile(seg, slot(i) + 4));
        }
        return n;
    }

    /** How many processes the table can hold at once. */
    public int capacity() {
        return capacity;
    }

    private int update(long pid, int delta) {
        lock.acquire(); // a dead updater's half-written slot is harmless: see the class comment
        try {
            int used = Math.min(capacity, (int) INT.get(seg, base + USED));
            int free = -1, found = -1;
            for (int i = 0; i < used; i++) {
                long s = slot(i);
                int p = (int) INT.get(seg, s);
                if (p == pid && (pid != Pids.self() || (long) LONG.get(seg, s + 8) == Pids.SELF_START)) {
                    found = i;
                } else if (free < 0 && (p == 0 || (int) INT.get(seg, s + 4) <= 0 || !alive(p, (long) LONG.get(seg, s + 8)))) {
                    free = i;
                }
            }
            if (found < 0) {
                if (delta < 0) throw new IllegalStateException("process " + pid + " holds no handle to release");
                if (free < 0) {
                    if (used == capacity) {
                        throw new IllegalStateException("more than " + capacity + " live processes hold this end; close it in"
                                + " processes that no longer use it");
                    }
                    free = used;
                    INT.setVolatile(seg, base + USED, used + 1);
                }
                found = free;
                long s = slot(found);
                INT.setVolatile(seg, s + 4, 0);
                LONG.setVolatile(seg, s + 8, pid == Pids.self() ? Pids.SELF_START : Math.max(0, Pids.startTicks(pid)));
                INT.setVolatile(seg, s, (int) pid);
            }
            long s = slot(found);
            int refs = (int) INT.get(seg, s + 4) + delta;
            if (refs < 0) throw new IllegalStateException("process " + pid + " released more handles than it held");
            INT.setVolatile(seg, s + 4, refs);
            if (refs == 0) INT.setVolatile(seg, s, 0);
            return totalLocked(used);
        } finally {
            lock.release();
        }
    }

    private int totalLocked(int usedBefore) {
        int used = Math.min(capacity, Math.max(usedBefore, (int) INT.get(seg, base + USED)));
        int n = 0;
        for (int i = 0; i < used; i++) {
            if ((int) INT.get(seg, slot(i)) != 0) n += (int) INT.get(seg, slot(i) + 4);
        }
        return n;
    }

    /** A start time of 0 was not readable when the slot was filled: then the pid alone decides. */
    private static boolean alive(int pid, long start) {
        return start == 0 ? Pids.alive(pid) : Pids.alive(pid, start, 64);
    }

    private long slot(int i) {
        return base + SLOTS + SLOT * i;
    }
}
