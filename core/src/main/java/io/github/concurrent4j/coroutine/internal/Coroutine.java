package io.github.concurrent4j.coroutine.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An asymmetric coroutine: a body on a virtual thread of its own that runs only while its
 * resumer waits, and hands control back at each {@link #suspend} (the machinery of Python's
 * generators). Exactly one of the two threads runs at any time.
 *
 * <h2>Implementation notes (the invariants)</h2>
 * <ul>
 * <li>{@link #turn} says who may run: {@code RESUMER} or {@code BODY}. A side gives control
 *     away by writing its message fields, then {@code turn} (a volatile write: everything it
 *     did happens-before what the other side does after reading it), then unparking the other
 *     side; it parks until {@code turn} is its own again. No lock, no shared queue.</li>
 * <li>The resumer is whichever thread calls {@link #resume} (a platform thread, a virtual
 *     thread, a greenlet); it is recorded on each call. The body's thread is started on the
 *     first resume.</li>
 * <li>The body's thread knows only this object, never the user's handle: when the handle
 *     becomes unreachable, {@link #abandon} (run by a cleaner) can end a body suspended at a
 *     yield by throwing the exit exception into it.</li>
 * </ul>
 */
public final class Coroutine {
    private static final int RESUMER = 0, BODY = 1, FINISHED = 2;
    private static final AtomicLong IDS = new AtomicLong();

    /** What the body runs: it receives this coroutine, to suspend on. */
    @FunctionalInterface
    public interface Body {
        /** Runs the body; its return value ends the coroutine (a generator's {@code StopIteration.value}). */
        Object run(Coroutine self) throws Throwable;
    }

    private final Body body;
    private final String name;
    private volatile int turn = RESUMER;
    private Thread resumer;
    private Thread thread;
    // messages, written before the turn changes and read after
    private Object toBody;
    private RuntimeException throwIntoBody;
    private Object toResumer;
    private Throwable failure;
    private boolean finished;
    private volatile boolean abandoned;

    /** A coroutine that will run {@code body} on its first {@link #resume}; {@code prefix} names its thread. */
    public Coroutine(String prefix, Body body) {
        this.body = body;
        this.name = prefix + IDS.incrementAndGet();
    }

    /** Whether the body has started. */
    public boolean started() {
        return thread != null;
    }

    /** Whether the body has ended (returned or thrown). */
    public boolean finished() {
        return finished;
    }

    /** Whether the calling thread is the body's own thread. */
    public boolean isBodyThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs the body until its next {@link #suspend} (returning the value given there), or its
     * end. {@code value} is what that suspend returns in the body, or, with
     * {@code throwIn} non-null, the exception it throws. When the body ends, {@code onEnd}
     * ends, its exception (if any) is thrown here.
     *
     * @return the value the body suspended with, or its return value if it ended
     */
    public Outcome resume(Object value, RuntimeException throwIn) {
        if (finished) throw new IllegalStateException(name + " has finished");
        resumer = Thread.currentThread();
        toBody = value;
        throwIntoBody = throwIn;
        turn = BODY;
        if (thread == null) {
            thread = Thread.ofVirtual().name(name).unstarted(this::runBody);
            thread.start();
        } else {
            LockSupport.unpark(thread);
        }
        awaitTurn(RESUMER);
        Throwable f = failure;
        if (f != null) {
            failure = null;
            if (f instanceof RuntimeException r) throw r;
            if (f instanceof Error e) throw e;
            throw new java.util.concurrent.CompletionException(f);
        }
        return new Outcome(finished, toResumer);
    }

    /** What a {@link #resume} ended with: the body suspended with {@code value}, or ended returning it. */
    public record Outcome(boolean ended, Object value) {}

    /**
     * Called by the body: gives {@code value} to the resumer and waits to be resumed again;
     * returns the value of that resume, or throws the exception it throws in.
     */
    public Object suspend(Object value) {
        if (Thread.currentThread() != thread) throw new IllegalStateException("not inside " + name);
        toResumer = value;
        turn = RESUMER;
        LockSupport.unpark(resumer);
        awaitTurn(BODY);
        RuntimeException t = throwIntoBody;
        throwIntoBody = null;
        if (t != null) throw t;
        return toBody;
    }

    /**
     * Ends a suspended body whose resumer has gone away (its handle was garbage-collected):
     * throws {@code exit} into it and lets it run to its end in its own thread, nobody waiting.
     * Thread-safe; does nothing if the body is not suspended.
     */
    public void abandon(RuntimeException exit) {
        if (thread == null || finished || turn != RESUMER) return;
        abandoned = true;
        resumer = null;
        throwIntoBody = exit;
        turn = BODY;
        LockSupport.unpark(thread);
    }

    private void runBody() {
        Object result = null;
        Throwable error = null;
        try {
            RuntimeException t = throwIntoBody;
            throwIntoBody = null;
            if (t != null) throw t;   // thrown in before the body started: it never runs
            result = body.run(this);
        } catch (Throwable e) {
            error = e;
        }
        finished = true;
        toResumer = result;
        failure = error;
        turn = FINISHED;
        Thread r = resumer;
        if (r != null && !abandoned) LockSupport.unpark(r);
    }

    private void awaitTurn(int mine) {
        boolean interrupted = false;
        for (;;) {
            int t = turn;
            if (t == mine || (mine == RESUMER && t == FINISHED)) break;
            // (a body abandoned that yields again, ignoring the exit, parks here for good)
            LockSupport.park(this);
            if (Thread.interrupted()) interrupted = true;
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    @Override
    public String toString() {
        return name;
    }
}
