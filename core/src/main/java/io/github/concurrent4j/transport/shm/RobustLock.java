package io.github.concurrent4j.transport.shm;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.Optional;

import io.github.concurrent4j.InterruptedRuntimeException;

/**
 * A mutual-exclusion lock in shared memory that any thread of any process mapping the memory
 * can take, that sleeps on a futex while it waits, that records who holds it, and that is
 * taken over when its owner process died holding it: a robust mutex, the base of the
 * shared-memory frame locks of pipes, the holder tables, and the cross-process
 * {@code Lock}/{@code RLock}/{@code Condition}.
 *
 * <pre>
 *  offset  field
 *  0       state   u64   the lock word; its low half is the futex word
 *                        bit  63..32  owner's start time, low 32 bits (clock ticks after boot)
 *                        bit  31      WAITERS: a thread may sleep on the word; release wakes one
 *                        bit  30..0   owner's pid (0: free)
 *  8       thread  i64   owner's thread id ({@code Thread.threadId()}), for reports and release checks
 *  16      taken   i64   takeovers from dead owners so far (statistics)
 *  24                    (SIZE = 32 bytes, 8-byte aligned)
 * </pre>
 *
 * <p><b>Owner.</b> The owner is identified by pid <em>and</em> start time, set together by one
 * compare-and-set of the 64-bit word, so that a pid reused by a newer process never passes for
 * the owner (nor the owner for a dead one). Linux pids fit in 22 bits. The thread id is written
 * by the owner right after it has the lock; a reader of {@link #owner()} may see the previous
 * owner's thread id for that instant.
 *
 * <p><b>Waiting.</b> A spin of {@value #SPIN_NANOS} ns, then the waiter sets {@code WAITERS} and sleeps on the
 * word while it still holds the same owner (Drepper's "mutex 3", <i>Futexes are tricky</i>):
 * a release that finds {@code WAITERS} wakes one sleeper, which then takes the lock with
 * {@code WAITERS} set, since it cannot know whether others sleep too. Sleeps are bounded
 * slices ({@value #SLICE_MILLIS} ms); after a slice that ended without a wake-up while the
 * same owner still held the lock, the waiter reads the owner's {@code /proc/<pid>/stat}: if
 * the process is gone, a zombie, or a newer process with the same pid, the waiter takes the
 * lock over in one compare-and-set and is told so ({@link Outcome#OWNER_DIED}). So a holder
 * killed by SIGKILL delays the next locker by at most one slice plus one check.
 *
 * <p><b>What this does not see:</b> a <em>thread</em> that ends without releasing while its
 * process lives (the lock stays held, as a {@code ReentrantLock} would); a process that hangs.
 * Waiting from a virtual thread pins its carrier during each futex slice.
 *
 * <p>Not reentrant: acquiring a lock the calling thread holds waits (and times out), as
 * Python's {@code Lock} does. {@link #release()} checks that the caller holds the lock;
 * {@link #releaseAny()} does not, for Python's {@code multiprocessing.Lock}, which any thread
 * or process may release.
 *
 * <p>Memory consistency effects: actions of a thread (of any process) before it releases the
 * lock happen-before the actions of the thread that acquires it next, including one that took
 * it over from a dead owner (for what that owner wrote before it died, whatever it managed).
 */
public final class RobustLock {
    /** Bytes a lock occupies; its offset must be a multiple of 8. */
    public static final int SIZE = 32;
    static final long STATE = 0, THREAD = 8, TAKEN = 16;
    private static final long WAITERS = 1L << 31;
    private static final long PID_MASK = (1L << 31) - 1;
    /** Spin this long before sleeping: a frame is copied under the lock in well under that. */
    private static final long SPIN_NANOS = 10_000;
    static final int SLICE_MILLIS = 25;
    private static final long SLICE_NANOS = SLICE_MILLIS * 1_000_000L;
    private static final VarHandle LONG = JAVA_LONG.varHandle();
    /** This process as an owner: its pid and start time. */
    private static final long ME = (Pids.SELF_START << 32) | Pids.self();

    /** How an acquire ended. */
    public enum Outcome {
        /** The calling thread holds the lock. */
        ACQUIRED,
        /**
         * The calling thread holds the lock, taken over from an owner process that died holding
         * it: what the lock protects may be half-updated.
         */
        OWNER_DIED,
        /** The timeout passed first; the lock is not held. */
        TIMED_OUT;

        /** Whether the caller now holds the lock. */
        public boolean acquired() {
            return this != TIMED_OUT;
        }
    }

    /**
     * Who holds a lock.
     *
     * @param pid        the owner's process id
     * @param startTicks the low 32 bits of the owner process's start time (clock ticks after boot)
     * @param threadId   the owning thread's {@code Thread.threadId()} in that process
     */
    public record Owner(long pid, long startTicks, long threadId) {
        /** Whether the owner process still runs (and is the same process, not a reused pid). */
        public boolean isAlive() {
            return Pids.alive(pid, startTicks, 32);
        }
    }

    private final MemorySegment seg;
    private final long at;
    private final MemorySegment futexWord;

    /** The lock at {@code offset} in {@code seg} ({@link #SIZE} bytes, zero-filled when new: a free lock). */
    public RobustLock(MemorySegment seg, long offset) {
        Futex.requireSupported();
        if (offset % 8 != 0 || (seg.address() + offset) % 8 != 0) throw new IllegalArgumentException("a lock must be 8-byte aligned: " + offset);
        if (offset + SIZE > seg.byteSize()) throw new IllegalArgumentException("a lock at " + offset + " does not fit in " + seg.byteSize() + " bytes");
        this.seg = seg;
        this.at = offset;
        this.futexWord = seg.asSlice(offset + STATE, 4); // the low half on little-endian x86-64
    }

    /** Waits as long as it takes; returns {@link Outcome#ACQUIRED} or {@link Outcome#OWNER_DIED}. */
    public Outcome acquire() {
        return acquire(Long.MAX_VALUE);
    }

    /**
     * Waits at most {@code timeoutNanos} (0: try once without waiting, {@code Long.MAX_VALUE}:
     * forever) for the lock.
     *
     * @throws InterruptedRuntimeException if the thread is interrupted while it waits
     */
    public Outcome acquire(long timeoutNanos) {
        if (timeoutNanos < 0) throw new IllegalArgumentException("negative timeout " + timeoutNanos);
        if (LONG.compareAndSet(seg, at + STATE, 0L, ME)) {
            setThread();
            return Outcome.ACQUIRED;
        }
        return acquireSlow(timeoutNanos);
    }

    private Outcome acquireSlow(long timeoutNanos) {
        long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        long mine = ME; // becomes ME | WAITERS once this thread has slept
        long seen = 0, seenSince = 0; // the owner word last slept on, and since when
        long spinEnd = System.nanoTime() + SPIN_NANOS;
        while (true) {
            long cur = (long) LONG.getVolatile(seg, at + STATE);
            if (cur == 0) {
                if (LONG.compareAndSet(seg, at + STATE, 0L, mine)) {
                    setThread();
                    return Outcome.ACQUIRED;
                }
                continue;
            }
            if (timeoutNanos == 0) return Outcome.TIMED_OUT;
            long now = System.nanoTime();
            if (now - spinEnd < 0) {
                Thread.onSpinWait();
                continue;
            }
            if (deadline != Long.MAX_VALUE && now - deadline >= 0) return Outcome.TIMED_OUT;
            if ((cur & WAITERS) == 0 && !LONG.compareAndSet(seg, at + STATE, cur, cur | WAITERS)) continue;
            cur |= WAITERS;
            mine = ME | WAITERS;
            if (cur != seen) {
                seen = cur;
                seenSince = now;
            } else if (now - seenSince >= SLICE_NANOS) {
                seenSince = now;
                if (!ownerAlive(cur)) {
                    // The owner died holding it: take it over, once, whoever gets there first.
                    if (LONG.compareAndSet(seg, at + STATE, cur, ME | WAITERS)) {
                        setThread();
                        LONG.getAndAdd(seg, at + TAKEN, 1L);
                        return Outcome.OWNER_DIED;
                    }
                    continue;
                }
            }
            long slice = deadline == Long.MAX_VALUE ? SLICE_NANOS : Math.min(SLICE_NANOS, deadline - now);
            Futex.await(futexWord, (int) cur, slice);
            if (Thread.interrupted()) throw new InterruptedRuntimeException("interrupted while waiting for a shared-memory lock");
        }
    }

    private void setThread() {
        LONG.setRelease(seg, at + THREAD, Thread.currentThread().threadId());
    }

    private static boolean ownerAlive(long state) {
        return Pids.alive(state & PID_MASK, state >>> 32, 32);
    }

    /**
     * Releases the lock held by the calling thread.
     *
     * @throws IllegalStateException if the lock is free or held by another thread or process
     */
    public void release() {
        long cur = (long) LONG.getVolatile(seg, at + STATE);
        if ((cur & ~WAITERS) != ME || (long) LONG.getAcquire(seg, at + THREAD) != Thread.currentThread().threadId()) {
            throw new IllegalStateException(cur == 0 ? "release of a lock that is not held"
                    : "release of a lock held by " + describe(owner().orElse(null)) + ", not by this thread (pid " + Pids.self()
                            + ", thread " + Thread.currentThread().threadId() + ")");
        }
        unlock();
    }

    /**
     * Releases the lock whoever holds it (Python's {@code multiprocessing.Lock} may be released
     * by any thread of any process).
     *
     * @throws IllegalStateException if the lock is free
     */
    public void releaseAny() {
        if ((long) LONG.getVolatile(seg, at + STATE) == 0) throw new IllegalStateException("release of a lock that is not held");
        unlock();
    }

    private void unlock() {
        long old = (long) LONG.getAndSet(seg, at + STATE, 0L);
        if ((old & WAITERS) != 0) Futex.wake(futexWord, 1);
    }

    /** Whether some thread holds the lock (a dead owner's hold included, until someone takes it over). */
    public boolean isLocked() {
        return (long) LONG.getVolatile(seg, at + STATE) != 0;
    }

    /** Whether the calling thread holds the lock. */
    public boolean isHeldByCurrentThread() {
        long cur = (long) LONG.getVolatile(seg, at + STATE);
        return (cur & ~WAITERS) == ME && (long) LONG.getAcquire(seg, at + THREAD) == Thread.currentThread().threadId();
    }

    /** Who holds the lock, if anyone (for deadlock reports and error messages). */
    public Optional<Owner> owner() {
        long cur = (long) LONG.getVolatile(seg, at + STATE);
        if (cur == 0) return Optional.empty();
        return Optional.of(new Owner(cur & PID_MASK, cur >>> 32, (long) LONG.getAcquire(seg, at + THREAD)));
    }

    /** How many times this lock was taken over from an owner that had died. */
    public long takeovers() {
        return (long) LONG.getVolatile(seg, at + TAKEN);
    }

    private static String describe(Owner o) {
        return o == null ? "nobody" : "pid " + o.pid() + " thread " + o.threadId();
    }

    @Override
    public String toString() {
        return "RobustLock[" + owner().map(o -> "held by " + describe(o) + (o.isAlive() ? "" : " (dead)")).orElse("free") + "]";
    }
}
