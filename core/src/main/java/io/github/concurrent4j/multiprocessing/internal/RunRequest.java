package io.github.concurrent4j.multiprocessing.internal;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

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
                Serialization.codec().getClass().getName(), properties(), System.nanoTime(), task).encode();
    }

    /**
     * The parent's {@code c4j.*} properties as they are now: a standby JVM was launched with
     * those of an earlier moment, and a child must see the settings its parent has at its start.
     */
    static Map<String, String> properties() {
        Map<String, String> out = new TreeMap<>();
        Properties all = System.getProperties();
        for (String k : all.stringPropertyNames()) if (k.startsWith("c4j.")) out.put(k, all.getProperty(k));
        return out;
    }

    private static List<String> addedEntries() {
        Object current = Serialization.allowList();
        Entries c = cached;
        if (c.of() != current) cached = c = new Entries(current, List.copyOf(Serialization.addedEntries()));
        return c.added();
    }
}
