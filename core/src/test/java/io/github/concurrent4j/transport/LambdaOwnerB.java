package io.github.concurrent4j.transport;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * A class whose serializable lambda a hostile peer sends (HostileMessagesTest): LambdaOwnerA
 * and LambdaOwnerB are byte-for-byte twins but for their names, so that a message built with
 * A's lambda can be rewritten to name B. Initializing the class, and running its comparator,
 * each write a marker file, which is how a test proves that neither happened.
 */
public final class LambdaOwnerB {
    static {
        mark("initialized");
    }

    private LambdaOwnerB() {}

    /** A comparator lambda declared here. */
    public static Comparator<Integer> comparator() {
        return (Comparator<Integer> & Serializable) (a, b) -> {
            mark("compared");
            return Integer.compare(a, b);
        };
    }

    static void mark(String what) {
        String dir = System.getProperty("c4j.test.markerDir");
        if (dir == null) return;
        try {
            Files.writeString(Path.of(dir, "LambdaOwnerB-" + what + "-" + ProcessHandle.current().pid()), what);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
