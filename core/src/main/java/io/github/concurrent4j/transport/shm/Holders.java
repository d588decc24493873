package io.github.concurrent4j.transport.shm;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * Which processes hold one end of a shared object, and how many handles each holds: the
 * cross-process reference count that lets a pipe reader see end-of-file when every writer
 * has closed, or died — what the kernel does for a socket's file descriptors.
 *
 * <pre>
 *  offset  field
 *  0       lock  i32      0 free, else the pid of the process updating the table
 *  8 + 8i  pid   i32      slot i (i &lt; 15): a holding process, 0 if the slot is free
 *  12 + 8i refs  i32      handles that process holds (including copies lent to a receiver)
 * </pre>
 *
 * A process that dies keeps its slot; {@link #anyAlive} skips dead pids, so a crash reads
 * as a close. A handle that is encoded for another process is <em>lent</em>: the sender's
 * count goes up until the receiver has taken its own, so a sender closing its copy right
 * after sending does not make the end look closed in between.
 */
public final class Holders {
    public static final int SIZE = 128;
    private static final int SLOTS = 15;
    private static final VarHandle INT = JAVA_INT.varHandle();

    private final MemorySegment seg;
    private final long base;

    public Holders(MemorySegment seg, long base) {
        this.seg = seg;
        this.base = base;
    }

    /** Adds one handle held by {@code pid}. */
    public void acquire(long pid) {
        update((int) pid, +1);
    }

    /** Removes one handle held by {@code pid}; returns the handles left in the table. */
    public int release(long pid) {
        return update((int) pid, -1);
    }

    /** Whether some process that is still alive holds a handle. */
    public boolean anyAlive() {
        for (int i = 0; i < SLOTS; i++) {
            int pid = (int) INT.getVolatile(seg, slot(i));
            int refs = (int) INT.getVolatile(seg, slot(i) + 4);
            if (pid != 0 && refs > 0 && alive(pid)) return true;
        }
        return false;
    }

    /** All handles in the table, dead holders' included. */
    public int total() {
        int n = 0;
        for (int i = 0; i < SLOTS; i++) n += (int) INT.getVolatile(seg, slot(i) + 4);
        return n;
    }

    private int update(int pid, int delta) {
        lock();
        try {
            int free = -1, found = -1;
            for (int i = 0; i < SLOTS; i++) {
                int p = (int) INT.get(seg, slot(i));
                if (p == pid) found = i;
                else if (free < 0 && (p == 0 || ((int) INT.get(seg, slot(i) + 4) <= 0) || !alive(p))) free = i;
            }
            if (found < 0) {
                if (delta < 0) throw new IllegalStateException("process " + pid + " holds no handle to release");
                if (free < 0) throw new IllegalStateException("more than " + SLOTS + " live processes hold this end");
                found = free;
                INT.setVolatile(seg, slot(found), pid);
                INT.setVolatile(seg, slot(found) + 4, 0);
            }
            int refs = (int) INT.get(seg, slot(found) + 4) + delta;
            if (refs < 0) throw new IllegalStateException("process " + pid + " released more handles than it held");
            INT.setVolatile(seg, slot(found) + 4, refs);
            if (refs == 0) INT.setVolatile(seg, slot(found), 0);
            return totalLocked();
        } finally {
            unlock();
        }
    }

    private int totalLocked() {
        int n = 0;
        for (int i = 0; i < SLOTS; i++) {
            int p = (int) INT.get(seg, slot(i));
            if (p != 0) n += (int) INT.get(seg, slot(i) + 4);
        }
        return n;
    }

    private long slot(int i) {
        return base + 8 + 8L * i;
    }

    private void lock() {
        int me = (int) ProcessHandle.current().pid();
        for (int i = 0; ; i++) {
            if (INT.compareAndSet(seg, base, 0, me)) return;
            int owner = (int) INT.getVolatile(seg, base);
            if (i > 1000 && owner != 0 && owner != me && !alive(owner) && INT.compareAndSet(seg, base, owner, me)) return;
            Thread.onSpinWait();
            if (i > 100) Thread.yield();
        }
    }

    private void unlock() {
        INT.setVolatile(seg, base, 0);
    }

    static boolean alive(int pid) {
        return Pids.alive(pid);
    }
}
