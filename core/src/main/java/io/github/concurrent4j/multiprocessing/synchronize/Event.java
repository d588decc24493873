package io.github.concurrent4j.multiprocessing.synchronize;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.time.Duration;

import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.multiprocessing.synchronize.internal.SharedSegment;
import io.github.concurrent4j.multiprocessing.synchronize.internal.Waits;
import io.github.concurrent4j.transport.Transferable;

/**
 * The equivalent of Python's {@code multiprocessing.Event}: a flag in shared memory that
 * {@link #set()} raises, {@link #clear()} lowers and {@link #await()} waits for, in any thread
 * of any process it is passed to.
 *
 * <pre>
 *  payload offset  field
 *  0               word      i32   bit 0: the flag; bits 31..1: how many times it was set (the futex word)
 *  4               sleepers  i32   threads that may sleep on the word: set() wakes only if > 0
 * </pre>
 *
 * A waiter sleeps while the word is the one it read with the flag down; any {@code set()}
 * changes the word, so a waiter wakes for a set even if a {@code clear()} follows at once
 * (and returns {@code true}, as Python's does).
 *
 * <p>Differences from Python: waits are interruptible; Linux on x86-64 only. A waiter spins
 * about 20 µs before it sleeps, so a prompt set costs no system call on either side.
 *
 * <p>Thread-safe. Memory consistency effects: actions before {@code set()} happen-before
 * actions after an {@code await()} that returned {@code true} because of it, in any process.
 */
public final class Event implements Transferable {
    private static final long WORD = 0, SLEEPERS = 4;
    private static final VarHandle INT = JAVA_INT.varHandle();

    private final SharedSegment segment;
    private final MemorySegment m;

    /** A new event, not set. */
    public Event() {
        segment = SharedSegment.create(SyncForm.EVENT, 64, this);
        m = segment.payload();
    }

    Event(SyncForm form) {
        segment = SharedSegment.attach(form.path(), SyncForm.EVENT, form.lender(), this);
        m = segment.payload();
    }

    /** Whether the flag is set. */
    public boolean isSet() {
        return ((int) INT.getVolatile(m, WORD) & 1) != 0;
    }

    /** Sets the flag and wakes every waiter. */
    public void set() {
        int w;
        do {
            w = (int) INT.getVolatile(m, WORD);
            if ((w & 1) != 0) return;
        } while (!INT.compareAndSet(m, WORD, w, (w + 2) | 1));
        if ((int) INT.getVolatile(m, SLEEPERS) > 0) Waits.wake(m, WORD, Integer.MAX_VALUE);
    }

    /** Lowers the flag. */
    public void clear() {
        int w;
        do {
            w = (int) INT.getVolatile(m, WORD);
            if ((w & 1) == 0) return;
        } while (!INT.compareAndSet(m, WORD, w, w & ~1));
    }

    /** Waits until the flag is set; returns {@code true}. */
    public boolean await() {
        return awaitNanos(Long.MAX_VALUE);
    }

    /** Waits at most {@code timeout}; returns the flag (false: the timeout passed first). */
    public boolean await(Duration timeout) {
        return awaitNanos(Timeouts.toNanos(timeout));
    }

    private boolean awaitNanos(long nanos) {
        int w = (int) INT.getVolatile(m, WORD);
        if ((w & 1) != 0) return true;
        if (nanos == 0) return false;
        long deadline = Waits.deadline(nanos);
        if (Waits.spin(m, WORD, w)) return true;
        INT.getAndAdd(m, SLEEPERS, 1);
        try {
            while ((int) INT.getVolatile(m, WORD) == w) {
                if (!Waits.sleep(m, WORD, w, deadline, "an event")) return isSet();
            }
            return true; // set at least once since we looked
        } finally {
            INT.getAndAdd(m, SLEEPERS, -1);
        }
    }

    /** Releases this process's handle to the shared file now, rather than when garbage-collected. */
    public void close() {
        segment.close();
    }

    /** For the library's codec: what this event travels as. */
    @Override
    public Transferable.Form transferOut() {
        return new SyncForm(SyncForm.EVENT, segment.path(), segment.lend(), "", null, null, 0, 0);
    }

    @Override
    public String toString() {
        return "Event[" + (isSet() ? "set" : "unset") + "]";
    }
}
