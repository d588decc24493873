package io.github.concurrent4j.bench;

/** Waiting for a quiet machine before the clock starts. */
public final class Quiet {
    private Quiet() {}

    /**
     * Waits (at most 60 s) until the freshly booted standbys have finished their background JIT
     * work: less than 5 % of a core used by all our child JVMs together over a quarter second.
     * Otherwise twenty JVMs still compiling would be measured along with the starts.
     */
    public static void children() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        long before = childrenCpuNanos();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = childrenCpuNanos();
            if (now - before < 12_500_000L) return;
            before = now;
        }
    }

    private static long childrenCpuNanos() {
        return ProcessHandle.current().descendants()
                .mapToLong(h -> h.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L)).sum();
    }
}
