package io.github.concurrent4j.multiprocessing.synchronize;

import io.github.concurrent4j.function.SerializableRunnable;
import io.github.concurrent4j.transport.Transferable;

/**
 * What a synchronization object travels as between processes: its kind, its shared-memory
 * file, the pid its handle is lent under, its name, and what it is built on (a condition's
 * lock, a barrier's condition and action).
 */
record SyncForm(int kind, String path, long lender, String name, Object lock, SerializableRunnable action, long parties,
                long timeoutNanos) implements Transferable.Form {
    static final int LOCK = 1, RLOCK = 2, SEMAPHORE = 3, BOUNDED = 4, EVENT = 5, CONDITION = 6, BARRIER = 7;

    @Override
    public Object transferIn() {
        return switch (kind) {
            case LOCK -> new Lock(this);
            case RLOCK -> new RLock(this);
            case SEMAPHORE -> new Semaphore(this);
            case BOUNDED -> new BoundedSemaphore(this);
            case EVENT -> new Event(this);
            case CONDITION -> new Condition(this);
            case BARRIER -> new Barrier(this);
            default -> throw new io.github.concurrent4j.transport.SerializationException("unknown shared object kind " + kind);
        };
    }
}
