package io.github.concurrent4j.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.Timeouts;
import io.github.concurrent4j.lifecycle.Service;
import io.github.concurrent4j.lifecycle.Service.State;

/**
 * The one implementation of the {@link Service} state machine. Components hold one and
 * delegate to it (composition, not inheritance, so a component keeps its own superclass):
 *
 * <pre>{@code
 * private final Lifecycle life = new Lifecycle("standby pool");
 * void start()  { if (life.starting()) { ...; life.running(); } }
 * void submit() { life.checkOpen(); ... }              // "closed" has one meaning
 * void close()  { if (life.stopping()) { ...; life.terminated(); } }
 * }</pre>
 *
 * <p>Transitions are compare-and-set under a lock: each returns whether <em>this</em> call
 * made the move, so exactly one caller runs the work that goes with it (start-up, shutdown).
 * Moves that would go backwards, or out of a terminal state, are refused (they return false,
 * or for {@link #running()} and {@link #terminated()} throw, since a component that gets
 * there out of order has a bug).
 *
 * <p>Memory consistency effects: actions before a transition happen-before the return of any
 * method that observes its new state.
 */
public final class Lifecycle implements Service {
    private final String what;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile State state = State.NEW;
    private Throwable failure; // guarded by lock; set once, with FAILED

    /** A lifecycle in state {@code NEW}; {@code what} names the component in error messages. */
    public Lifecycle(String what) {
        this.what = Objects.requireNonNull(what, "what");
    }

    @Override
    public State state() {
        return state;
    }

    /** NEW → STARTING; true if this call made the move. */
    public boolean starting() {
        return move(State.NEW, State.STARTING);
    }

    /** STARTING → RUNNING (also NEW → RUNNING for components with nothing to start). */
    public void running() {
        lock.lock();
        try {
            if (state == State.STARTING || state == State.NEW) set(State.RUNNING);
            else if (!state.isClosed()) throw new IllegalStateException(what + ": running() in state " + state);
            // closed while starting: stay closed
        } finally {
            lock.unlock();
        }
    }

    /** NEW, STARTING or RUNNING → STOPPING; true if this call made the move (it then owes {@link #terminated()}). */
    public boolean stopping() {
        lock.lock();
        try {
            if (state.isClosed()) return false;
            set(State.STOPPING);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Any non-terminal state → TERMINATED. Idempotent once terminated; refused after FAILED. */
    public void terminated() {
        lock.lock();
        try {
            if (state == State.TERMINATED || state == State.FAILED) return;
            set(State.TERMINATED);
        } finally {
            lock.unlock();
        }
    }

    /** Any non-terminal state → FAILED with {@code cause}; true if this call made the move. */
    public boolean failed(Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        lock.lock();
        try {
            if (state.isTerminal()) return false;
            failure = cause;
            set(State.FAILED);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether new work is refused (stopping, terminated or failed). */
    public boolean isClosed() {
        return state.isClosed();
    }

    /**
     * Throws {@link IllegalStateException} naming the component if it is closed: the one
     * meaning of "closed" that every component's methods check.
     */
    public void checkOpen() {
        State s = state;
        if (s.isClosed()) throw closedException(s);
    }

    /** The exception {@link #checkOpen()} throws, for callers that need to throw it themselves. */
    public IllegalStateException closedException() {
        return closedException(state);
    }

    private IllegalStateException closedException(State s) {
        Throwable cause = failureCause().orElse(null);
        String msg = switch (s) {
            case FAILED -> what + " has failed" + (cause != null ? ": " + cause : "");
            case STOPPING -> what + " is shutting down";
            default -> what + " is closed";
        };
        return new IllegalStateException(msg, cause);
    }

    @Override
    public void awaitRunning() {
        awaitRunning(Duration.ofNanos(Long.MAX_VALUE));
    }

    @Override
    public boolean awaitRunning(Duration timeout) {
        long nanos = Timeouts.toNanos(timeout);
        lock.lock();
        try {
            while (true) {
                State s = state;
                if (s == State.RUNNING) return true;
                if (s.isClosed()) throw new IllegalStateException(what + " did not reach RUNNING: it is " + s, failure);
                if (nanos <= 0) return false;
                nanos = awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void awaitTerminated() {
        awaitTerminated(Duration.ofNanos(Long.MAX_VALUE));
    }

    @Override
    public boolean awaitTerminated(Duration timeout) {
        long nanos = Timeouts.toNanos(timeout);
        lock.lock();
        try {
            while (!state.isTerminal()) {
                if (nanos <= 0) return false;
                nanos = awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Throwable> failureCause() {
        lock.lock();
        try {
            return Optional.ofNullable(failure);
        } finally {
            lock.unlock();
        }
    }

    private boolean move(State from, State to) {
        lock.lock();
        try {
            if (state != from) return false;
            set(to);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void set(State s) {
        state = s;
        changed.signalAll();
    }

    /** Waits for a change, at most {@code nanos}; returns what is left ("forever" stays forever). */
    private long awaitNanos(long nanos) {
        long slice = Math.min(nanos, TimeUnit.DAYS.toNanos(1));
        try {
            long left = changed.awaitNanos(slice);
            return nanos == Long.MAX_VALUE ? Long.MAX_VALUE : nanos - (slice - left);
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        }
    }

    @Override
    public String toString() {
        return what + " [" + state + "]";
    }
}
