package io.github.concurrent4j.threading;

import java.util.Objects;

/**
 * The equivalent of what Python prints for a thread in a traceback header: which thread of
 * which process. Deadlock reports and {@link OwnedLock} name threads by this record, so that a
 * lock shared between processes can name an owner that is not a {@link Thread} of this JVM.
 *
 * <p>{@code pid} is the operating-system process id, {@code threadId} the JVM's
 * {@link Thread#threadId()} in that process, {@code name} the thread's name when the record was
 * taken (names may change; the pair {@code (pid, threadId)} identifies the thread and is what
 * {@link #equals} compares).
 *
 * <p>Immutable and thread-safe.
 *
 * @param pid      the process id of the JVM the thread runs in
 * @param threadId the thread's id inside that JVM
 * @param name     the thread's name when this record was made (for reports; not compared)
 */
public record ThreadRef(long pid, long threadId, String name) {
    private static final long OWN_PID = ProcessHandle.current().pid();

    public ThreadRef {
        Objects.requireNonNull(name, "name");
    }

    /** The reference of a thread of this JVM. */
    public static ThreadRef of(Thread thread) {
        Objects.requireNonNull(thread, "thread");
        return new ThreadRef(OWN_PID, thread.threadId(), thread.getName());
    }

    /** Whether the thread runs in this JVM (and so has a stack trace the report can show). */
    public boolean isLocal() {
        return pid == OWN_PID;
    }

    static long ownPid() {
        return OWN_PID;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThreadRef r && r.pid == pid && r.threadId == threadId;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(pid) * 31 + Long.hashCode(threadId);
    }

    /** {@code "name" (tid 12)}, with the process id when the thread is in another process. */
    @Override
    public String toString() {
        return '"' + name + "\" (tid " + threadId + (isLocal() ? ")" : ", pid " + pid + ")");
    }
}
