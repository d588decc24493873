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

/**
 * Linux futex wait and wake on a 32-bit word in shared memory, through the FFM API.
 *
 * <p>Why by hand: blocking on a word that another <em>process</em> changes is what makes a
 * shared-memory queue or lock sleep instead of spin, and no library offers it on JDK 25
 * (Agrona's equivalents need {@code --add-exports}; JNA/JNI would add a native build). The
 * futex is not private ({@code FUTEX_PRIVATE_FLAG} off), so waiters and wakers may be in
 * different processes that map the same file.
 *
 * <p>A wait returns when woken, when the word no longer holds {@code expected} (at once), on
 * timeout, or spuriously; callers re-check their condition in a loop. A thread blocked in
 * {@link #await} is inside a native call: it ignores {@link Thread#interrupt()} until its
 * timeout, so callers wait in bounded slices.
 */
public final class Futex {
    private static final long SYS_FUTEX = 202; // x86_64
    private static final long FUTEX_WAIT = 0, FUTEX_WAKE = 1;
    static final int EAGAIN = 11, EINTR = 4, ETIMEDOUT = 110;

    private static final MethodHandle SYSCALL;
    private static final VarHandle ERRNO;
    private static final MemoryLayout TIMESPEC = MemoryLayout.structLayout(JAVA_LONG.withName("sec"), JAVA_LONG.withName("nsec"));

    static {
        if (!"amd64".equals(System.getProperty("os.arch")) && !"x86_64".equals(System.getProperty("os.arch"))
                || !System.getProperty("os.name", "").startsWith("Linux")) {
            throw new UnsupportedOperationException("concurrent4j's shared memory needs Linux on x86_64 (futex syscall 202); this is "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch"));
        }
        Linker linker = Linker.nativeLinker();
        Linker.Option errno = Linker.Option.captureCallState("errno");
        // long syscall(long number, ...): every variadic argument passed as a full 64-bit word.
        SYSCALL = linker.downcallHandle(linker.defaultLookup().find("syscall").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG),
                Linker.Option.firstVariadicArg(1), errno);
        ERRNO = Linker.Option.captureStateLayout().varHandle(MemoryLayout.PathElement.groupElement("errno"));
    }

    private Futex() {}

    /**
     * Sleeps while {@code word} holds {@code expected}, for at most {@code timeoutNanos}.
     *
     * @return 0 if woken (or spuriously), {@link #EAGAIN} if the word did not hold
     *         {@code expected}, {@link #ETIMEDOUT}, or {@link #EINTR}
     */
    public static int await(MemorySegment word, int expected, long timeoutNanos) {
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
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(Linker.Option.captureStateLayout());
            long r = (long) SYSCALL.invokeExact(state, SYS_FUTEX, word, FUTEX_WAKE, (long) count, MemorySegment.NULL,
                    MemorySegment.NULL, 0L);
            return (int) r;
        } catch (Throwable t) {
            throw rethrow(t);
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
