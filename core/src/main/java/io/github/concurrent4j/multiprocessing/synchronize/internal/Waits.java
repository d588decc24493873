package io.github.concurrent4j.multiprocessing.synchronize.internal;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.transport.shm.Futex;

/**
 * The one blocking wait of the cross-process synchronization objects: a short spin, then futex
 * sleeps in bounded slices (a thread inside a futex call does not see {@link Thread#interrupt()},
 * so it looks between slices), until a 32-bit word in shared memory changes or a deadline passes.
 */
public final class Waits {
    /** Spin this long before sleeping: a peer that answers within it is met without two system calls. */
    public static final long SPIN_NANOS = 20_000;
    /** The longest single futex sleep: how late an interrupt may be seen. */
    public static final long SLICE_NANOS = 25_000_000;
    private static final VarHandle INT = JAVA_INT.varHandle();

    private Waits() {}

    /** The deadline {@code timeoutNanos} from now ({@code Long.MAX_VALUE}: none). */
    public static long deadline(long timeoutNanos) {
        if (timeoutNanos == Long.MAX_VALUE) return Long.MAX_VALUE;
        long d = System.nanoTime() + timeoutNanos;
        return d < 0 && timeoutNanos > 0 ? Long.MAX_VALUE : d;
    }

    /** Spins briefly while {@code word} holds {@code expected}; returns whether it changed. */
    public static boolean spin(MemorySegment word, long offset, int expected) {
        long end = System.nanoTime() + SPIN_NANOS;
        while ((int) INT.getVolatile(word, offset) == expected) {
            if (System.nanoTime() - end >= 0) return false;
            Thread.onSpinWait();
        }
        return true;
    }

    /**
     * Sleeps while the word at {@code offset} holds {@code expected}, for one slice at most,
     * never past {@code deadline}. Returns false if the deadline has passed (nothing slept).
     *
     * @throws InterruptedRuntimeException if the thread is interrupted
     */
    public static boolean sleep(MemorySegment seg, long offset, int expected, long deadline, String what) {
        if (Thread.interrupted()) throw new InterruptedRuntimeException("interrupted while waiting for " + what);
        long slice = SLICE_NANOS;
        if (deadline != Long.MAX_VALUE) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            slice = Math.min(slice, left);
        }
        Futex.await(seg.asSlice(offset, 4), expected, slice);
        if (Thread.interrupted()) throw new InterruptedRuntimeException("interrupted while waiting for " + what);
        return true;
    }

    /** Wakes up to {@code n} sleepers on the word at {@code offset}. */
    public static void wake(MemorySegment seg, long offset, int n) {
        Futex.wake(seg.asSlice(offset, 4), n);
    }
}
