package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.Waiter;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The {@code collections.deque} of futures that CPython's asyncio primitives keep, with the
 * operations they perform on it, so that the primitives here read like theirs. A waiter stays
 * in the deque from the moment its task starts waiting until the task runs again and removes
 * it (as CPython's {@code finally: self._waiters.remove(fut)}); in between it may be done
 * (woken, {@link Waiter#done()}) or cancelled ({@link Waiter#failed()}). Owned by the loop's
 * baton holder.
 */
final class Waiters {
    private final ArrayDeque<Waiter> deque = new ArrayDeque<>(4);

    /** A new waiter of the calling task, appended. */
    Waiter add(Loop loop) {
        Waiter w = loop.newWaiter();
        deque.addLast(w);
        return w;
    }

    void remove(Waiter w) {
        deque.remove(w);
    }

    /** The oldest waiter, or null. */
    Waiter first() {
        return deque.peekFirst();
    }

    boolean isEmpty() {
        return deque.isEmpty();
    }

    int size() {
        return deque.size();
    }

    /** {@code all(w.cancelled() for w in waiters)} (true when empty). */
    boolean allCancelled() {
        for (Waiter w : deque) if (!w.failed()) return false;
        return true;
    }

    /** {@code any(not w.cancelled() for w in waiters)}. */
    boolean anyNotCancelled() {
        return !allCancelled();
    }

    /** Whether some waiter is not done yet (could be woken). */
    boolean hasPending() {
        for (Waiter w : deque) if (!w.done()) return true;
        return false;
    }

    /** Lock's {@code _wake_up_first}: wakes the first waiter if it is not done yet. */
    void wakeFirst(Loop loop, Object value) {
        Waiter w = deque.peekFirst();
        if (w != null && !w.done()) loop.resolve(w, value);
    }

    /** Semaphore's {@code _wake_up_next}: wakes the first waiter that is not done; whether there was one. */
    boolean wakeNext(Loop loop, Object value) {
        for (Waiter w : deque) {
            if (!w.done()) {
                loop.resolve(w, value);
                return true;
            }
        }
        return false;
    }

    /** Condition's {@code _notify(n)}: wakes up to {@code n} waiters that are not done. */
    void wakeUpTo(Loop loop, int n, Object value) {
        int idx = 0;
        for (Iterator<Waiter> it = deque.iterator(); it.hasNext() && idx < n; ) {
            Waiter w = it.next();
            if (!w.done()) {
                idx++;
                loop.resolve(w, value);
            }
        }
    }

    /** Every waiter not done yet (Event's {@code set}). */
    void wakeAll(Loop loop, Object value) {
        for (Waiter w : deque) if (!w.done()) loop.resolve(w, value);
    }

    /** Queue's {@code _wakeup_next}: pops waiters until one that is not done, and wakes it. */
    void popWakeNext(Loop loop) {
        Waiter w;
        while ((w = deque.pollFirst()) != null) {
            if (!w.done()) {
                loop.resolve(w, null);
                return;
            }
        }
    }

    /** Queue's shutdown: pops every waiter and wakes those not done. */
    void popWakeAll(Loop loop) {
        Waiter w;
        while ((w = deque.pollFirst()) != null) {
            if (!w.done()) loop.resolve(w, null);
        }
    }
}
