package io.github.concurrent4j.threading;

import java.util.List;
import java.util.Optional;

/**
 * A lock that knows who holds it and who waits for it: what a deadlock report needs to draw
 * the wait-for graph. Python has no such interface; its locks keep no owner, which is why a
 * Python program that deadlocks just hangs.
 *
 * <p>{@link Lock} and {@link RLock} implement it, and {@link Deadlocks} finds them by itself
 * (through the threads blocked on them). A lock that lives outside this JVM's threads, such
 * as a lock in shared memory used by several processes, implements it and is
 * {@linkplain Deadlocks#register registered}; its owner and waiters may then be threads of
 * other processes, which is why they are {@link ThreadRef}s and not {@link Thread}s.
 *
 * <p>Implementations must be thread-safe. The answers are snapshots: they may be stale by the
 * time they are read, which a deadlock report tolerates because a real deadlock does not move.
 */
public interface OwnedLock {
    /** The name shown in reports, such as {@code Lock 'fork'}. */
    String name();

    /** The thread holding the lock now, or empty when it is free (or its holder is unknown). */
    Optional<ThreadRef> owner();

    /** The threads blocked in an acquire of this lock now, in no particular order. */
    List<ThreadRef> waiters();
}
