package io.github.concurrent4j.transport.shm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import io.github.concurrent4j.internal.Config;

/**
 * Linux futex wait and wake on 32-bit words, through the FFM API: the one way a thread sleeps
 * until another thread or <em>process</em> changes a word in shared memory.
 *
 * <p>Why by hand: blocking on a word that another process changes is what makes a
 * shared-memory queue or lock sleep instead of spin, and no library offers it on JDK 25
 * (Agrona's equivalents need {@code --add-exports}; JNA/JNI would add a native build). Words in
 * shared memory use the shared futex operations ({@code FUTEX_PRIVATE_FLAG} off), so waiters and
 * wakers may be in different processes that map the same file; {@link #wakePrivate} and the
 * private entries of {@link #awaitAny} are for words only this process can see.
 *
 * <p>A wait returns when woken, when the word no longer holds {@code expected} (at once), on
 * timeout, or spuriously; callers re-check their condition in a loop. A thread blocked here is
 * inside a native call: it ignores {@link Thread#interrupt()} until its timeout (so callers
 * wait in bounded slices), and a virtual thread pins its carrier meanwhile.
 *
 * <p>{@link #awaitAny} is {@code futex_waitv} (Linux 5.16+): one thread sleeps on up to
 * {@link #WAITV_MAX} words at once, each in its own file, which is what lets
 * {@code Connections.wait} sleep on many pipe ends, a process exit and a socket together.
 * {@link #WAITV} says whether the running kernel has it.
 *
 * <p><b>Without futexes</b> ({@link #POLLING}: Linux on an architecture other than x86-64 and
 * aarch64, or {@code -Dc4j.futex=false} for a sandbox that refuses the system call) a wait
 * re-reads its word, sleeping 20 µs at first and doubling up to 1 ms between reads, and a wake
 * does nothing: every queue, lock and pipe stays correct (their waits re-check their condition
 * in a loop) and reacts up to a millisecond later, at some CPU cost while it waits.
 * {@code awaitAny} is then missing ({@link #WAITV} is false) and {@code Connections.wait}
 * parks and polls. Processes of one family may even disagree: a futex sleeper that no polling
 * waker wakes still sleeps in bounded slices.
 */
public final class Futex {
    private static final String ARCH = System.getProperty("os.arch", "");
    private static final boolean LINUX = System.getProperty("os.name", "").startsWith("Linux");
    private static final boolean AARCH64 = "aarch64".equals(ARCH);
    /** futex(2): 202 on x86-64, 98 on aarch64; futex_waitv(2) is 449 on both. */
    private static final long SYS_FUTEX = AARCH64 ? 98 : 202, SYS_FUTEX_WAITV = 449;
    private static final long POLL_MIN_NANOS = 20_000, POLL_MAX_NANOS = 1_000_000;
    private static final VarHandle WORD = JAVA_INT.varHandle();
    private static final long FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_PRIVATE_FLAG = 128;
    /** futex_waitv entry flags: a 32-bit word; a process-private one. */
    private static final int FUTEX2_SIZE_U32 = 0x02, FUTEX2_PRIVATE = 128;
    private static final int CLOCK_MONOTONIC = 1;
    static final int EAGAIN = 11, EINTR = 4, ETIMEDOUT = 110, ENOSYS = 38, EINVAL = 22;
    /** The most words one {@link #awaitAny} may watch (the kernel's {@code FUTEX_WAITV_MAX}). */
    public static final int WAITV_MAX = 128;

    private static final MethodHandle SYSCALL;
    /**
     * {@code syscall} for {@code FUTEX_WAKE}: no errno captured (the count woken, or -1, is all
     * a waker needs) and a critical call (no thread-state transition: a wake never blocks).
     * The errno-capturing handle needs a state segment per call; allocating it in a confined
     * arena was 6 % of a process pool's I/O thread, which wakes a worker for every message.
     */
    private static final MethodHandle SYSCALL_WAKE;
    private static final MethodHandle SYSCALL_WAITV;
    private static final VarHandle ERRNO;
    private static final MemoryLayout TIMESPEC = MemoryLayout.structLayout(JAVA_LONG.withName("sec"), JAVA_LONG.withName("nsec"));
    /**
     * <pre>
     *  struct futex_waitv {   offset
     *      u64 val;           0    the value the word must hold for the thread to sleep
     *      u64 uaddr;         8    the word's address
     *      u32 flags;         16   FUTEX2_SIZE_U32 | FUTEX2_PRIVATE (for a private word)
     *      u32 reserved;      20   0
     *  };                     24 bytes
     * </pre>
     */
    public static final long WAITV_ENTRY = 24;

    /** Whether this kernel has {@code futex_waitv} (Linux 5.16+). */
    public static final boolean WAITV;

    /** Whether the kernel's futexes are used: Linux on x86-64 or aarch64, unless {@code -Dc4j.futex=false}. */
    public static final boolean SUPPORTED = LINUX && (AARCH64 || "amd64".equals(ARCH) || "x86_64".equals(ARCH))
            && Config.flag(Config.Setting.FUTEX, true);
    /** Whether waits poll their word instead of sleeping on it (see the class comment). */
    public static final boolean POLLING = !SUPPORTED;

    static {
        if (!SUPPORTED) {
            SYSCALL = SYSCALL_WAITV = SYSCALL_WAKE = null;
            ERRNO = null;
            WAITV = false;
        } else {
            Linker linker = Linker.nativeLinker();
            Linker.Option errno = Linker.Option.captureCallState("errno");
            MemorySegment syscall = linker.defaultLookup().find("syscall").orElseThrow();
            // long syscall(long number, ...): every variadic argument passed as a full 64-bit word.
            SYSCALL = linker.downcallHandle(syscall,
                    FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG),
                    Linker.Option.firstVariadicArg(1), errno);
            SYSCALL_WAKE = linker.downcallHandle(syscall,
                    FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG),
                    Linker.Option.firstVariadicArg(1), Linker.Option.critical(false));
            // futex_waitv(waiters, nr_futexes, flags, timeout, clockid)
            SYSCALL_WAITV = linker.downcallHandle(syscall,
                    FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG),
                    Linker.Option.firstVariadicArg(1), errno);
            ERRNO = Linker.Option.captureStateLayout().varHandle(MemoryLayout.PathElement.groupElement("errno"));
            WAITV = probeWaitv();
        }
    }

    /**
     * Throws a clear error where shared-memory pipes, queues and locks cannot work: not on
     * Linux, where they tell a live peer from a dead one through {@code /proc} (called where
     * such an object is made, before any shared state is touched). Without futexes they poll.
     */
    public static void requireSupported() {
        if (!LINUX) {
            throw new UnsupportedOperationException("concurrent4j's shared memory (pipes, process queues and locks) needs Linux:"
                    + " it tells a live peer process from a dead one through /proc; this is " + System.getProperty("os.name")
                    + "/" + ARCH);
        }
    }

    private Futex() {}

    /**
     * Sleeps while {@code word} (in shared memory) holds {@code expected}, for at most
     * {@code timeoutNanos}.
     *
     * @return 0 if woken (or spuriously), {@link #EAGAIN} if the word did not hold
     *         {@code expected}, {@link #ETIMEDOUT}, or {@link #EINTR}
     */
    public static int await(MemorySegment word, int expected, long timeoutNanos) {
        requireSupported();
        if (POLLING) return poll(word, expected, timeoutNanos);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ts = a.allocate(TIMESPEC);
            ts.set(JAVA_LONG, 0, timeoutNanos / 1_000_000_000L);
            ts.set(JAVA_LONG, 8, timeoutNanos % 1_000_000_000L);
            MemorySegment state = a.allocate(Linker.Option.captureStateLayout());
            long r = (long) SYSCALL.invokeExact(state, SYS_FUTEX, word, FUTEX_WAIT, (long) expected, ts, MemorySegment.NULL, 0L);
            return r == 0 ? 0 : (int) ERRNO.get(state, 0L);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Wakes at most {@code count} threads (of any process) sleeping on {@code word}; returns how many woke. */
    public static int wake(MemorySegment word, int count) {
        return wake(word, count, 0);
    }

    /** {@link #wake} for a word in this process's private memory (slept on through a private {@link #awaitAny} entry). */
    public static int wakePrivate(MemorySegment word, int count) {
        return wake(word, count, FUTEX_PRIVATE_FLAG);
    }

    private static int wake(MemorySegment word, int count, long flags) {
        requireSupported();
        if (POLLING) return 0; // the waiters re-read the word themselves
        try {
            long r = (long) SYSCALL_WAKE.invokeExact(SYS_FUTEX, word, FUTEX_WAKE | flags, (long) count, MemorySegment.NULL,
                    MemorySegment.NULL, 0L);
            return (int) r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * The wait without futexes: re-reads the word, sleeping {@link #POLL_MIN_NANOS} at first and
     * twice as long each time up to {@link #POLL_MAX_NANOS}. An interrupt ends it early
     * ({@link #EINTR}; the caller sees the flag, which is left set).
     */
    private static int poll(MemorySegment word, int expected, long timeoutNanos) {
        if ((int) WORD.getVolatile(word, 0L) != expected) return EAGAIN;
        long start = System.nanoTime();
        long pause = POLL_MIN_NANOS;
        while ((int) WORD.getVolatile(word, 0L) == expected) {
            long left = timeoutNanos - (System.nanoTime() - start);
            if (left <= 0) return ETIMEDOUT;
            if (Thread.currentThread().isInterrupted()) return EINTR;
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(pause, left));
            pause = Math.min(POLL_MAX_NANOS, pause * 2);
        }
        return 0;
    }

    /** Fills entry {@code i} of a {@code futex_waitv} array: sleep while {@code word} holds {@code expected}. */
    public static void setWaitv(MemorySegment entries, int i, MemorySegment word, int expected, boolean privateWord) {
        long at = i * WAITV_ENTRY;
        entries.set(JAVA_LONG, at, expected & 0xFFFF_FFFFL);
        entries.set(JAVA_LONG, at + 8, word.address());
        entries.set(JAVA_INT, at + 16, FUTEX2_SIZE_U32 | (privateWord ? FUTEX2_PRIVATE : 0));
        entries.set(JAVA_INT, at + 20, 0);
    }

    /**
     * Sleeps until one of the first {@code count} words of {@code entries} (see
     * {@link #setWaitv}) is woken, one of them no longer holds its value, or
     * {@code System.nanoTime()} reaches {@code deadlineNanos} (the JVM's {@code nanoTime} is
     * Linux's {@code CLOCK_MONOTONIC}, which this call's absolute timeout uses).
     * {@code scratch} is at least {@link #SCRATCH} bytes of native memory for the call's
     * timeout and errno.
     *
     * @return the index of a woken word (≥ 0), or {@code -EAGAIN} (a word had changed before the
     *         call), {@code -ETIMEDOUT} or {@code -EINTR}
     */
    public static int awaitAny(MemorySegment entries, int count, long deadlineNanos, MemorySegment scratch) {
        requireSupported();
        if (!WAITV) throw new UnsupportedOperationException("futex_waitv is missing here (see Futex.WAITV): park and poll instead");
        if (count < 1 || count > WAITV_MAX) throw new IllegalArgumentException("futex_waitv takes 1.." + WAITV_MAX + " words: " + count);
        MemorySegment ts = scratch.asSlice(0, 16);
        MemorySegment state = scratch.asSlice(16, Linker.Option.captureStateLayout().byteSize());
        boolean forever = deadlineNanos == Long.MAX_VALUE;
        if (!forever) {
            ts.set(JAVA_LONG, 0, Math.floorDiv(deadlineNanos, 1_000_000_000L));
            ts.set(JAVA_LONG, 8, Math.floorMod(deadlineNanos, 1_000_000_000L));
        }
        MemorySegment timeout = forever ? MemorySegment.NULL : ts;
        try {
            long r = (long) SYSCALL_WAITV.invokeExact(state, SYS_FUTEX_WAITV, entries, (long) count, 0L, timeout,
                    (long) CLOCK_MONOTONIC);
            return r >= 0 ? (int) r : -(int) ERRNO.get(state, 0L);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Bytes of scratch memory {@link #awaitAny} needs. */
    public static final long SCRATCH = 16 + Linker.Option.captureStateLayout().byteSize();

    /** Whether the kernel knows futex_waitv: with no words it answers EINVAL, without the call ENOSYS. */
    private static boolean probeWaitv() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(Linker.Option.captureStateLayout());
            long r = (long) SYSCALL_WAITV.invokeExact(state, SYS_FUTEX_WAITV, MemorySegment.NULL, 0L, 0L, MemorySegment.NULL,
                    (long) CLOCK_MONOTONIC);
            return r >= 0 || (int) ERRNO.get(state, 0L) != ENOSYS;
        } catch (Throwable t) {
            return false;
        }
    }

    /** Checks that {@code word} can be a futex: 4-byte aligned, in shared (mapped) memory. */
    static void checkWord(MemorySegment word) {
        if (word.byteSize() < JAVA_INT.byteSize() || word.address() % 4 != 0) {
            throw new IllegalArgumentException("a futex word must be 4 aligned bytes: " + word);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException("futex call failed", t);
    }
}
