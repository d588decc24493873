package io.github.concurrent4j.multiprocessing.internal;

/** Resolves, in a waiting standby, what the next task will need (see Control.PRIME). */
final class Priming {
    private Priming() {}

    static void prime(byte[] frame) {
        // Filled in with lambda-shape priming; a PRIME with nothing to do is harmless.
    }
}
