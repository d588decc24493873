package io.github.concurrent4j.multiprocessing.connection;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.multiprocessing.Waitable;
import io.github.concurrent4j.multiprocessing.Waiter;
import io.github.concurrent4j.transport.shm.Futex;

/**
 * The one blocking wait: a thread's {@link Waiter}, kept per thread and reused by every wait of
 * that thread. See {@link Connections} for the design and the choice of {@code futex_waitv}.
 *
 * <pre>
 *  native memory of a waiter (this process only)
 *  offset  field
 *  0       woken    i32   0 while the thread may sleep; wake() sets 1 and wakes its (private) futex
 *  8       scratch        futex_waitv's timeout and errno ({@link Futex#SCRATCH} bytes)
 *  64      entries        struct futex_waitv[128]: [0] = woken (private); [1..] = watched words (shared)
 * </pre>
 *
 * Two ways to sleep. With watched words (pipe ends) the thread sleeps in {@code futex_waitv}
 * on its {@code woken} word and every watched word at once, so a writer in another process
 * wakes it directly, and callbacks (process exits, the socket selector) wake it through
 * {@code woken}. Without watched words, or where {@code futex_waitv} is missing (Linux before
 * 5.16, other systems), it parks, {@link #wake()} unparks it, and watched words are polled at
 * least every millisecond: correct, slower, and friendly to virtual threads (a futex sleep
 * pins a virtual thread's carrier).
 */
final class ThreadWaiter implements Waiter {
    private static final VarHandle INT = JAVA_INT.varHandle();
    private static final boolean WAITV = waitv();
    /** Tests set this to run the path of kernels without futex_waitv (pipe ends polled every millisecond). */
    static volatile boolean withoutWaitv;
    private static final int MAX_WORDS = 127; // futex_waitv takes 128 words; one is ours
    private static final long ENTRIES = 64;
    /** A futex sleep ignores interrupts: bound it so an interrupt is seen within this. */
    private static final long FUTEX_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * Spins on the signals before the first sleep of a wait: about what a sleep and a wake-up
     * cost here (10–25 µs), and no longer, since a spinning thread may hold up the very thread
     * it waits for on a machine with few cores (BENCHMARKS.md, "Connections.wait").
     */
    private static final long SPIN_NANOS = 10_000;
    private static final ThreadLocal<ThreadWaiter> MINE = ThreadLocal.withInitial(ThreadWaiter::new);

    private final Thread thread = Thread.currentThread();
    private final MemorySegment mem;
    private final MemorySegment woken;
    private final List<MemorySegment> words = new ArrayList<>();
    private final List<Integer> values = new ArrayList<>();
    private long recheckNanos;
    private volatile boolean futexMode;
    private boolean busy; // this thread is inside run()

    private ThreadWaiter() {
        // Automatic arena: the memory outlives any wake() still under way from another thread.
        mem = Arena.ofAuto().allocate(ENTRIES + Futex.WAITV_ENTRY * (MAX_WORDS + 1L), 8);
        woken = mem.asSlice(0, 4);
    }

    /** Waits until one of {@code objects} is ready or {@code timeout} passes; returns those that are. */
    static <T extends Waitable> List<T> await(Collection<T> objects, Duration timeout) {
        long nanos = Timeouts.toNanos(timeout);
        List<T> ready = readyOf(objects);
        if (!ready.isEmpty() || nanos == 0) return ready;
        long deadline = nanos > TimeUnit.DAYS.toNanos(365) ? Long.MAX_VALUE : System.nanoTime() + nanos;
        ThreadWaiter w = MINE.get();
        // A wait inside a wait (a register() that waits itself) gets a waiter of its own.
        if (w.busy) w = new ThreadWaiter();
        w.busy = true;
        try {
            return w.run(objects, deadline);
        } finally {
            w.busy = false;
        }
    }

    private <T extends Waitable> List<T> run(Collection<T> objects, long deadline) {
        words.clear();
        values.clear();
        recheckNanos = Long.MAX_VALUE;
        List<Registration> regs = new ArrayList<>(objects.size());
        try {
            for (T o : objects) regs.add(o.register(this));
            int n = words.size();
            boolean waitv = WAITV && !withoutWaitv;
            futexMode = waitv && n > 0;
            if (n > 0 && (!waitv || n > MAX_WORDS)) recheckNanos = Math.min(recheckNanos, POLL_NANOS);
            if (futexMode) fillEntries(Math.min(n, MAX_WORDS));
            for (int round = 0; ; round++) {
                INT.setVolatile(woken, 0L, 0);
                if (round > 0) regs.forEach(Registration::rearm);
                for (int i = 0; i < n; i++) INT.setVolatile(words.get(i), 0L, values.get(i).intValue());
                List<T> ready = readyOf(objects);
                if (!ready.isEmpty()) return ready;
                long now = System.nanoTime();
                if (deadline != Long.MAX_VALUE && now - deadline >= 0) return List.of();
                long until = recheckNanos == Long.MAX_VALUE ? deadline : earlier(deadline, now + recheckNanos);
                if (round == 0 && spinUntilSignalled(n)) continue; // readiness that comes within microseconds costs no sleep
                sleep(until, now, Math.min(n, MAX_WORDS));
                if (Thread.interrupted()) throw new InterruptedRuntimeException("interrupted in Connections.wait");
            }
        } finally {
            for (Registration r : regs) {
                try {
                    r.close();
                } catch (RuntimeException e) {
                    // undoing a registration must not hide the wait's own outcome
                }
            }
        }
    }

    /**
     * Spins briefly on the signals alone (the wake flag, the watched words: a ring's writer
     * clears its word when it publishes), which cost a load each, unlike {@code isReady}.
     */
    private boolean spinUntilSignalled(int n) {
        long start = System.nanoTime();
        do {
            if ((int) INT.getVolatile(woken, 0L) != 0) return true;
            for (int k = 0; k < n; k++) {
                if ((int) INT.getVolatile(words.get(k), 0L) != values.get(k).intValue()) return true;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() - start < SPIN_NANOS);
        return false;
    }

    private static long earlier(long deadline, long t) {
        return deadline == Long.MAX_VALUE || t - deadline < 0 ? t : deadline;
    }

    private void sleep(long until, long now, int nWords) {
        if (futexMode) {
            long bounded = earlier(until, now + FUTEX_SLICE_NANOS);
            Futex.awaitAny(mem.asSlice(ENTRIES), nWords + 1, bounded, mem.asSlice(8, Futex.SCRATCH));
        } else if ((int) INT.getVolatile(woken, 0L) == 0) {
            if (until == Long.MAX_VALUE) LockSupport.park(this);
            else LockSupport.parkNanos(this, until - now);
        }
    }

    private void fillEntries(int nWords) {
        MemorySegment entries = mem.asSlice(ENTRIES);
        Futex.setWaitv(entries, 0, woken, 0, true);
        for (int i = 0; i < nWords; i++) Futex.setWaitv(entries, i + 1, words.get(i), values.get(i), false);
    }

    private static <T extends Waitable> List<T> readyOf(Collection<T> objects) {
        List<T> ready = null;
        for (T o : objects) {
            if (o.isReady()) {
                if (ready == null) ready = new ArrayList<>();
                ready.add(o);
            }
        }
        return ready == null ? List.of() : ready;
    }

    // ---- Waiter -----------------------------------------------------------------------------

    @Override
    public void wake() {
        if ((int) INT.getAndSet(woken, 0L, 1) != 0) return; // already woken since the last check
        if (futexMode) Futex.wakePrivate(woken, 1);
        else LockSupport.unpark(thread);
    }

    @Override
    public void sleepOn(MemorySegment word, int sleepingValue) {
        checkOwner();
        if (word.byteSize() < 4 || word.address() % 4 != 0) {
            throw new IllegalArgumentException("a futex word must be 4 aligned bytes: " + word);
        }
        words.add(word.asSlice(0, 4));
        values.add(sleepingValue);
    }

    @Override
    public void recheckWithin(Duration period) {
        checkOwner();
        long p = Timeouts.toNanos(period);
        recheckNanos = Math.min(recheckNanos, Math.max(p, 1_000));
    }

    private void checkOwner() {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("sleepOn and recheckWithin are for Waitable.register, on the waiting thread");
        }
    }

    private static boolean waitv() {
        try {
            return Futex.WAITV; // false where futexes are missing (not Linux on x86-64): park and poll
        } catch (LinkageError e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "Waiter[" + thread.getName() + "]";
    }
}
