package io.github.concurrent4j.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test during which a library thread (its name starts with {@code c4j-}) died with an
 * uncaught exception: no library thread may ever die that way (the project's rule; issue 14,
 * acceptance 6). Registered for every test through JUnit's extension auto-detection, like
 * {@link NoLeftoverProcesses}.
 *
 * <p>How: a default uncaught-exception handler, installed once, records such deaths and then
 * prints the JVM's usual {@code Exception in thread "..."} report (so that the build's grep over
 * test output sees it too). A death that happens after its test has ended fails the next one.
 * Tests may ask {@link #deathsSince(int)} directly.
 */
public final class NoLibraryThreadDies implements BeforeEachCallback, AfterEachCallback {
    /** A library thread that died, and why. */
    public record Death(String thread, Throwable cause) {
        @Override
        public String toString() {
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            return "Exception in thread \"" + thread + "\" " + trace;
        }
    }

    private static final List<Death> DEATHS = new ArrayList<>();

    static {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            if (t.getName().startsWith("c4j-")) {
                synchronized (DEATHS) {
                    DEATHS.add(new Death(t.getName(), e));
                }
            }
            if (previous != null) {
                previous.uncaughtException(t, e);
            } else {
                System.err.print("Exception in thread \"" + t.getName() + "\" ");
                e.printStackTrace(System.err);
            }
        });
    }

    /** How many deaths have been seen so far (a mark for {@link #deathsSince}). */
    public static int mark() {
        synchronized (DEATHS) {
            return DEATHS.size();
        }
    }

    /** The deaths seen since {@code mark}. */
    public static List<Death> deathsSince(int mark) {
        synchronized (DEATHS) {
            return List.copyOf(DEATHS.subList(Math.min(mark, DEATHS.size()), DEATHS.size()));
        }
    }

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoLibraryThreadDies.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("mark", mark());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Integer m = context.getStore(NS).remove("mark", Integer.class);
        List<Death> deaths = deathsSince(m == null ? 0 : m);
        if (!deaths.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + ": a library thread died with an uncaught exception:\n"
                    + deaths.stream().map(Death::toString).reduce("", String::concat));
        }
    }
}
