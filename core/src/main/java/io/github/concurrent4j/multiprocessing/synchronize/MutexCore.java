package io.github.concurrent4j.multiprocessing.synchronize;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;

import io.github.concurrent4j.multiprocessing.synchronize.internal.SharedSegment;
import io.github.concurrent4j.multiprocessing.synchronize.internal.WaiterTable;
import io.github.concurrent4j.threading.Deadlocks;
import io.github.concurrent4j.threading.OwnedLock;
import io.github.concurrent4j.threading.ThreadRef;
import io.github.concurrent4j.transport.shm.RobustLock;

/**
 * What {@link Lock} and {@link RLock} share: a {@link RobustLock} in a shared file, the
 * recursion depth of an {@code RLock}, and the table of waiting threads that deadlock reports
 * read in every process.
 *
 * <pre>
 *  payload offset  field
 *  0               lock     RobustLock (32 bytes): owner pid + start time, thread id, WAITERS bit
 *  32              depth    i64   RLock: how many times the owner holds it (owner only)
 *  40              flags    i32   bit 0: robust (a dead owner's lock is taken over without an exception)
 *  64              waiters  WaiterTable (2 048 bytes)
 * </pre>
 */
final class MutexCore implements OwnedLock {
    static final int PAYLOAD = 64 + WaiterTable.SIZE;
    private static final long DEPTH = 32, FLAGS = 40, WAITERS = 64;

    final SharedSegment segment;
    final RobustLock lock;
    private final WaiterTable waiters;
    private final String name;
    private final MemorySegment m;

    /** A new lock, or ({@code form != null}) one received from another process. */
    MutexCore(Object owner, int kind, String kindName, String name, boolean robust, SyncForm form) {
        if (form == null) {
            segment = SharedSegment.create(kind, PAYLOAD, owner);
            String file = segment.path().substring(segment.path().lastIndexOf('/') + 1 + "sync-".length());
            this.name = name != null ? kindName + " '" + name + "'" : kindName + "@" + file.substring(0, 8);
        } else {
            segment = SharedSegment.attach(form.path(), kind, form.lender(), owner);
            this.name = form.name();
        }
        m = segment.payload();
        if (form == null && robust) m.set(JAVA_INT, FLAGS, 1);
        lock = new RobustLock(m, 0);
        waiters = new WaiterTable(m, WAITERS);
        Deadlocks.register(this);
    }

    boolean robust() {
        return (m.get(JAVA_INT, FLAGS) & 1) != 0;
    }

    /** Acquires within {@code nanos} (0: try, MAX: forever); handles a dead owner. */
    boolean acquire(long nanos) {
        RobustLock.Outcome o = lock.acquire(0);
        if (o == RobustLock.Outcome.TIMED_OUT) {
            if (nanos == 0) return false;
            int slot = waiters.enter();
            try {
                o = lock.acquire(nanos);
            } finally {
                waiters.leave(slot);
            }
        }
        if (o == RobustLock.Outcome.OWNER_DIED) {
            setDepth(0);
            if (!robust()) {
                lock.releaseAny();
                throw new OwnerDiedException("the process that held " + name + " died holding it: what it protects may be"
                        + " half-updated; the lock is free again (make it robust to take it over without this exception)");
            }
        }
        return o.acquired();
    }

    long depth() {
        return m.get(JAVA_LONG, DEPTH);
    }

    void setDepth(long d) {
        m.set(JAVA_LONG, DEPTH, d);
    }

    String describe() {
        return name + "[" + owner().map(o -> "held by pid " + o.pid() + " thread " + o).orElse("free") + "]";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<ThreadRef> owner() {
        return lock.owner().map(o -> {
            String n = waiters.nameOf(o.pid(), o.threadId());
            if (n == null && o.pid() == ProcessHandle.current().pid()) n = localName(o.threadId());
            return new ThreadRef(o.pid(), o.threadId(), n == null ? "thread " + o.threadId() : n);
        });
    }

    private static String localName(long tid) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.threadId() == tid) return t.getName();
        }
        return null;
    }

    @Override
    public List<ThreadRef> waiters() {
        return waiters.waiters();
    }

    long ownerDiedCount() {
        return lock.takeovers();
    }
}
