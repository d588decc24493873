package io.github.concurrent4j.examples.threading;

/** Python's {@code time.sleep} for the examples: milliseconds, no checked exception. */
public final class Naps {
    private Naps() {}

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
