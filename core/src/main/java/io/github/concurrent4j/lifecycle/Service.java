package io.github.concurrent4j.lifecycle;

import java.time.Duration;
import java.util.Optional;

/**
 * A long-lived component with one forward-only lifecycle: the standby pool, socket servers,
 * process pools, executors, managers and their workers. Modelled on Guava's {@code Service}:
 *
 * <pre>
 *   NEW ──▶ STARTING ──▶ RUNNING ──▶ STOPPING ──▶ TERMINATED
 *    │          │            │           │
 *    └──────────┴────────────┴───────────┴──────▶ FAILED
 *   (NEW may also go straight to TERMINATED: closed before it was started)
 * </pre>
 *
 * A state is never left for an earlier one, and {@link State#TERMINATED} and
 * {@link State#FAILED} are never left at all. "Closed" means exactly "in {@code STOPPING},
 * {@code TERMINATED} or {@code FAILED}": a component refuses new work from the moment its
 * stop begins.
 *
 * <p>Memory consistency effects: everything a component did before a transition
 * happens-before a thread that observes the new state (through {@link #state()} or a return
 * from {@code awaitRunning} / {@code awaitTerminated}) continues.
 */
public interface Service {
    /** The states of a {@link Service}, in the only order in which they can follow each other. */
    enum State {
        NEW, STARTING, RUNNING, STOPPING, TERMINATED, FAILED;

        /** Whether no transition leaves this state. */
        public boolean isTerminal() {
            return this == TERMINATED || this == FAILED;
        }

        /** Whether a component in this state refuses new work. */
        public boolean isClosed() {
            return compareTo(STOPPING) >= 0;
        }
    }

    /** The current state. */
    State state();

    /** Waits until the component is running; throws {@link IllegalStateException} if it stops or fails first. */
    void awaitRunning();

    /**
     * Waits at most {@code timeout} until the component is running; false on timeout; throws
     * {@link IllegalStateException} if it stops or fails first.
     */
    boolean awaitRunning(Duration timeout);

    /** Waits until the component has stopped ({@code TERMINATED} or {@code FAILED}). */
    void awaitTerminated();

    /** Waits at most {@code timeout} until the component has stopped; false on timeout. */
    boolean awaitTerminated(Duration timeout);

    /** Why the component failed, once it is {@code FAILED}. */
    Optional<Throwable> failureCause();
}
