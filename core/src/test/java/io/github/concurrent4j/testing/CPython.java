package io.github.concurrent4j.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real CPython interpreter for the interoperability tests: 3.12+ (or a given minor version)
 * from pyenv or the PATH. A test that needs one and finds none is skipped, saying so, never
 * passed silently.
 */
public final class CPython implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final List<String> lines = new ArrayList<>();

    private CPython(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The interpreter of this minor version ("3.12"), if the machine has one. */
    public static Optional<Path> find(String minor) {
        List<Path> candidates = new ArrayList<>();
        Path pyenv = Path.of(System.getProperty("user.home"), ".pyenv", "versions");
        try (var dirs = Files.isDirectory(pyenv) ? Files.list(pyenv) : java.util.stream.Stream.<Path>empty()) {
            dirs.filter(d -> d.getFileName().toString().startsWith(minor + ".")).sorted()
                    .forEach(d -> candidates.add(d.resolve("bin/python3")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) candidates.add(Path.of(dir, "python" + minor));
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** A CPython 3.12 or later, or the test is skipped with the reason. */
    public static Path require312OrLater() {
        Optional<Path> p = find("3.13").or(() -> find("3.12")).or(() -> find("3.14"));
        assumeTrue(p.isPresent(), "no CPython 3.12+ found (looked in ~/.pyenv/versions and on PATH): the interoperability"
                + " test cannot run here");
        return p.get();
    }

    /** Every CPython 3.12+ on the machine (at least one, or the test is skipped). */
    public static List<Path> all312OrLater() {
        List<Path> all = new ArrayList<>();
        for (String v : List.of("3.12", "3.13", "3.14")) find(v).ifPresent(all::add);
        assumeTrue(!all.isEmpty(), "no CPython 3.12+ found (looked in ~/.pyenv/versions and on PATH)");
        return all;
    }

    /** Runs {@code python script args...} (the script from the test resources' python/ folder). */
    public static CPython run(Path python, String script, String... args) {
        Path file = Path.of("src", "test", "resources", "python", script).toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(python.toString(), "-u", file.toString()));
        cmd.addAll(List.of(args));
        try {
            return new CPython(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next line the script prints (null at its end). */
    public String readLine() {
        try {
            String l = out.readLine();
            if (l != null) lines.add(l);
            return l;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next line that starts with {@code prefix}; fails with everything printed if none comes. */
    public String expect(String prefix) {
        for (String l; (l = readLine()) != null; ) if (l.startsWith(prefix)) return l;
        throw new AssertionError("python printed no line starting with '" + prefix + "'; it printed:\n  "
                + String.join("\n  ", lines));
    }

    /** Waits for the exit (at most 30 s) and returns the exit code; the rest of the output is kept. */
    public int exitCode() {
        try {
            for (String l; (l = readLine()) != null; ) { /* drain */ }
            if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("python did not exit: " + lines);
            return process.exitValue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Everything printed so far. */
    public List<String> output() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
