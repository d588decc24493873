package io.github.concurrent4j.multiprocessing;

import java.lang.foreign.MemorySegment;
import java.time.Duration;

/**
 * A thread blocked in {@code Connections.wait}, as the {@link Waitable}s it waits for see it:
 * the one blocking wait over readiness sources of every kind (shared-memory pipe ends and
 * queues, process exits, sockets) that every layer of the library reuses. Python has no
 * equivalent type: its {@code wait} hands file descriptors to {@code select}; the JVM has no
 * kernel object common to a futex word, a process exit and a socket, so each source wakes the
 * waiter its own way.
 *
 * <p>How a wait runs: it calls {@link Waitable#register} on each object, then loops: clear the
 * waiter's wake flag, store each {@linkplain #sleepOn watched word}'s sleeping value, check
 * every object's {@link Waitable#isReady()}, and sleep until a wake-up, a watched word's
 * change, the next {@linkplain #recheckWithin recheck} or the deadline. A source that makes
 * its object ready after the check wakes the waiter; one that did so before is seen by the
 * check: no wake-up is lost.
 *
 * <p>Thread safety: {@link #wake()} may be called from any thread at any time, also after the
 * wait has ended (it is then a spurious wake-up of a later wait, which re-checks and sleeps
 * again). The other methods are for {@link Waitable#register}, on the waiting thread.
 */
public interface Waiter {
    /** Wakes the waiting thread; cheap when it is already woken. */
    void wake();

    /**
     * Also sleeps on a futex word in shared memory: before each sleep the waiter stores
     * {@code sleepingValue} in {@code word}, re-checks the objects, then sleeps while the word
     * still holds that value. Whoever makes the object ready (any thread of any process) changes
     * the word and wakes its futex — the protocol of the shared-memory rings' "sleeping" words.
     * Needs Linux 5.16+ ({@code futex_waitv}) to sleep on several words; elsewhere the word is
     * polled at least every millisecond.
     *
     * @param word a 4-byte aligned word in memory mapped from a file (so other processes can wake it)
     */
    void sleepOn(MemorySegment word, int sleepingValue);

    /**
     * Checks the objects again at least every {@code period}, for readiness no one signals (a
     * peer process that died without closing, an object that can only be polled).
     */
    void recheckWithin(Duration period);

    /** What {@link Waitable#register} arranged; closed once when the wait ends. */
    interface Registration extends AutoCloseable {
        /** Nothing to undo. */
        Registration NONE = () -> {};

        /**
         * Called before each sleep after the first, for one-shot notifications that must be
         * armed again (a socket readiness that fired while the data was taken by another thread).
         */
        default void rearm() {}

        @Override
        void close();
    }
}
