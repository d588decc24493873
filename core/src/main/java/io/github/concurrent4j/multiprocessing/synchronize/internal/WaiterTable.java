package io.github.concurrent4j.multiprocessing.synchronize.internal;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.concurrent4j.threading.ThreadRef;
import io.github.concurrent4j.transport.shm.Pids;

/**
 * Who waits for a shared lock, in shared memory, so that a deadlock report in <em>any</em>
 * process of the family sees the waiters of every process: the wait-for edges of a cycle that
 * crosses processes. A waiter enters only after its first try failed, so an uncontended lock
 * never touches the table.
 *
 * <pre>
 *  slot i at base + 64 i
 *  0    pid      i32   the waiting process, 0: free (claimed by compare-and-set)
 *  8    thread   i64   its Thread.threadId()
 *  16   start    i64   its process start time (a reused pid is not the waiter)
 *  24   nameLen  i32   bytes of the thread's name (UTF-8, cut to 36)
 *  28   name     36 bytes
 * </pre>
 *
 * A full table (more than {@link #SLOTS} threads waiting at once) only leaves the extra waiters
 * out of reports. A slot left by a process that died is skipped by readers and reused.
 */
public final class WaiterTable {
    public static final int SLOTS = 32, SLOT = 64, SIZE = SLOTS * SLOT;
    private static final int NAME_MAX = 36;
    private static final VarHandle INT = JAVA_INT.varHandle();

    private final MemorySegment seg;
    private final long base;

    public WaiterTable(MemorySegment seg, long base) {
        this.seg = seg;
        this.base = base;
    }

    /** Records the calling thread as a waiter; returns its slot (-1: the table is full). */
    public int enter() {
        int pid = (int) Pids.self();
        // First free slots; only when none is free, slots of dead processes (checking costs a /proc read).
        for (int pass = 0; pass < 2 * SLOTS; pass++) {
            int i = pass % SLOTS;
            long s = base + (long) i * SLOT;
            int p = (int) INT.getVolatile(seg, s);
            boolean free = pass < SLOTS ? p == 0 : p == 0 || !Pids.alive(p, seg.get(JAVA_LONG, s + 16), 64);
            if (free && INT.compareAndSet(seg, s, p, pid)) {
                Thread t = Thread.currentThread();
                seg.set(JAVA_LONG, s + 8, t.threadId());
                seg.set(JAVA_LONG, s + 16, Pids.SELF_START);
                byte[] name = t.getName().getBytes(StandardCharsets.UTF_8);
                int n = Math.min(NAME_MAX, name.length);
                MemorySegment.copy(name, 0, seg, JAVA_BYTE, s + 28, n);
                INT.setVolatile(seg, s + 24, n);
                return i;
            }
        }
        return -1;
    }

    /** Removes the waiter of {@code slot} (from {@link #enter}). */
    public void leave(int slot) {
        if (slot < 0) return;
        long s = base + (long) slot * SLOT;
        INT.setVolatile(seg, s + 24, 0);
        INT.setVolatile(seg, s, 0);
    }

    /** The live waiters now (a snapshot). */
    public List<ThreadRef> waiters() {
        List<ThreadRef> out = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            long s = base + (long) i * SLOT;
            int p = (int) INT.getVolatile(seg, s);
            if (p == 0) continue;
            long tid = seg.get(JAVA_LONG, s + 8);
            long start = seg.get(JAVA_LONG, s + 16);
            int n = Math.clamp((int) INT.getVolatile(seg, s + 24), 0, NAME_MAX);
            byte[] name = new byte[n];
            MemorySegment.copy(seg, JAVA_BYTE, s + 28, name, 0, n);
            if ((int) INT.getVolatile(seg, s) != p || !Pids.alive(p, start, 64)) continue;
            out.add(new ThreadRef(p, tid, n == 0 ? "thread " + tid : new String(name, StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** The name a live waiter record gives thread {@code tid} of {@code pid}, if it waits here. */
    public String nameOf(long pid, long tid) {
        for (ThreadRef r : waiters()) {
            if (r.pid() == pid && r.threadId() == tid) return r.name();
        }
        return null;
    }
}
