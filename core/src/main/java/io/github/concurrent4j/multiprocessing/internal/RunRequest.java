package io.github.concurrent4j.multiprocessing.internal;

import io.github.concurrent4j.transport.Serialization;

/** Builds the RUN message for a task encoded by the process layer. */
final class RunRequest {
    private RunRequest() {}

    /** The RUN frame: who the child becomes (name, identity, daemon), who its parent is, and its task. */
    static byte[] encode(String name, int[] identity, boolean daemon, byte[] task) {
        return new Control.Run(name, identity, daemon, ThisProcess.name(), ProcessHandle.current().pid(),
                Serialization.addedEntries(), Serialization.codec().getClass().getName(), System.nanoTime(), task).encode();
    }
}
