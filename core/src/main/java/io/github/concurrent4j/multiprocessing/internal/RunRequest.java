package io.github.concurrent4j.multiprocessing.internal;

import java.util.List;

import io.github.concurrent4j.transport.Serialization;

/** Builds the RUN message for a task encoded by the process layer. */
final class RunRequest {
    private static final long PID = ProcessHandle.current().pid();
    /** The allow-list's added entries, computed once per allow-list (it is replaced, never changed, when it grows). */
    private record Entries(Object of, List<String> added) {}

    private static volatile Entries cached = new Entries(null, List.of());

    private RunRequest() {}

    /** The RUN frame: who the child becomes (name, identity, daemon), who its parent is, and its task. */
    static byte[] encode(String name, int[] identity, boolean daemon, byte[] task) {
        return new Control.Run(name, identity, daemon, ThisProcess.name(), PID, addedEntries(),
                Serialization.codec().getClass().getName(), System.nanoTime(), task).encode();
    }

    private static List<String> addedEntries() {
        Object current = Serialization.allowList();
        Entries c = cached;
        if (c.of() != current) cached = c = new Entries(current, List.copyOf(Serialization.addedEntries()));
        return c.added();
    }
}
