package io.github.concurrent4j.multiprocessing.internal;

import io.github.concurrent4j.transport.Serialization;

/** Builds the RUN message for a task encoded by the process layer. */
public final class RunRequest {
    private RunRequest() {}

    /** The RUN frame: who the child becomes (name, identity, daemon), who its parent is, and its task. */
    public static byte[] encode(String name, int[] identity, boolean daemon, byte[] task) {
        Family f = Family.get();
        return new Control.Run(name, identity, daemon, f.name(), ProcessHandle.current().pid(),
                Serialization.addedEntries(), Serialization.codec().getClass().getName(), System.nanoTime(), task).encode();
    }
}
