package io.github.concurrent4j.testing;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterEachCallback;
import io.github.concurrent4j.multiprocessing.internal.ResourceTracker;
import io.github.concurrent4j.multiprocessing.internal.Standbys;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves a child process of the test JVM running (after a short grace
 * period for children that are exiting), and kills what it finds so that the next test
 * starts clean. Registered for every test through JUnit's extension auto-detection.
 *
 * <p>Processes that the library keeps on purpose between tests (warm standby JVMs, the AOT
 * training run, the family's resource tracker) are not leftovers: {@link #isKeptOnPurpose}
 * asks the process layer about them.
 */
public final class NoLeftoverProcesses implements AfterEachCallback {
    private static final Duration GRACE = Duration.ofSeconds(3);

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        long deadline = System.nanoTime() + GRACE.toNanos();
        List<ProcessHandle> left = leftovers();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = leftovers();
        }
        if (!left.isEmpty()) {
            String what = left.stream()
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                    .collect(Collectors.joining("\n  "));
            left.forEach(ProcessHandle::destroyForcibly);
            throw new AssertionError(context.getDisplayName() + " left child processes running:\n  " + what);
        }
    }

    private static List<ProcessHandle> leftovers() {
        return ProcessHandle.current().children()
                .filter(ProcessHandle::isAlive)
                .filter(p -> !isKeptOnPurpose(p))
                .toList();
    }

    static boolean isKeptOnPurpose(ProcessHandle p) {
        return Standbys.isKeptOnPurpose(p.pid()) || ResourceTracker.isTracker(p.pid());
    }
}
