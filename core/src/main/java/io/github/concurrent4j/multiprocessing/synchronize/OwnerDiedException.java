package io.github.concurrent4j.multiprocessing.synchronize;

/**
 * Thrown by an acquire of a shared {@link Lock}, {@link RLock} (or a {@link Condition}'s
 * re-acquire) when the process that held the lock died holding it (killed, or crashed): what
 * the lock protects may be half-updated. Python has no equivalent: its {@code multiprocessing}
 * lock simply stays locked forever and the program hangs.
 *
 * <p>When this is thrown the lock is free again (the calling thread took it over from the dead
 * owner and released it), so the next acquire succeeds; check or repair the shared data first.
 * A lock made with {@code robust} set does not throw: the acquire succeeds and
 * {@link Lock#ownerDiedCount()} counts the takeovers.
 */
public final class OwnerDiedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OwnerDiedException(String message) {
        super(message);
    }
}
