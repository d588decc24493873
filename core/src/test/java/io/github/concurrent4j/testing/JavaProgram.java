package io.github.concurrent4j.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A separate JVM running one of the test classes' {@code main}s with the test class path: a
 * "user program" for tests about what happens when a parent process exits or is killed.
 * Its stdout lines are collected for the test; stderr is kept for failure messages.
 */
public final class JavaProgram implements AutoCloseable {
    private final java.lang.Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();

    private JavaProgram(java.lang.Process process) {
        this.process = process;
        Thread out = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true));
        Thread err = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false));
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    public static JavaProgram start(Class<?> mainClass, String... args) throws IOException {
        return start(List.of(), System.getProperty("java.class.path"), mainClass, args);
    }

    /** A program with JVM options of its own and a class path of the test's choosing. */
    public static JavaProgram start(List<String> jvmOptions, String classPath, Class<?> mainClass, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        return new JavaProgram(new ProcessBuilder(cmd).start());
    }

    /** Every stdout line received so far that no {@link #awaitLine} has taken (or skipped). */
    public List<String> remainingLines() {
        List<String> all = new ArrayList<>();
        lines.drainTo(all);
        return all;
    }

    private void pump(BufferedReader r, boolean out) {
        try (r) {
            String l;
            while ((l = r.readLine()) != null) {
                if (out) lines.add(l);
                else stderr.append(l).append('\n');
            }
        } catch (IOException ignored) {
            // process gone
        }
    }

    /** The next stdout line that starts with {@code prefix} (others are skipped), within {@code timeout}. */
    public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String l = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (l == null) throw new AssertionError("no line starting with '" + prefix + "' within " + timeout + "; stderr:\n" + stderr);
            if (l.startsWith(prefix)) return l;
        }
    }

    public java.lang.Process process() {
        return process;
    }

    public String stderr() {
        return stderr.toString();
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("program did not exit within " + timeout + "; stderr:\n" + stderr);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
