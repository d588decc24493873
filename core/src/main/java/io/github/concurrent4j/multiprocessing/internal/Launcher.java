package io.github.concurrent4j.multiprocessing.internal;

import io.github.concurrent4j.internal.Config;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.transport.FramedChannel;
import io.github.concurrent4j.transport.HmacSha256;

/**
 * Starts child JVMs: the parent's own {@code java}, class path and module path, a few start-up
 * options, and {@link ChildMain} as the main class, so the parent's {@code main} never runs
 * again in the child (no {@code if __name__ == '__main__'} guard is needed).
 *
 * <pre>
 *  parent                                   child JVM
 *   ProcessBuilder.start ───────────────▶  java ... ChildMain
 *   stdin: Boot{socket, authkey, token} ─▶  reads it, stdin then at EOF
 *   ControlServer  ◀── connect, HMAC ────  Handshake.asClient
 *                  ◀── HELLO token pid ──
 *                  ◀── READY ────────────  (standby: after warm-up)
 * </pre>
 *
 * Start-up options (measured in BENCHMARKS.md): the serial collector and no perf-data file
 * start faster and leave less to tear down at exit; class data sharing stays on. A child ends
 * with {@code Runtime.halt} once its task is done, and HotSpot's exit then waits, up to 300 ms,
 * for every thread inside native code (the lifeline, blocked reading the parent's socket, always
 * is): {@code UserThreadWaitAttemptsAtExit=0} ends that wait, as Python ends a child with
 * {@code os._exit}. Measured: 300–400 ms from a child's last statement to its reaping without
 * it, ~20 ms with it. Extra
 * options come from {@code -Dc4j.child.jvmOptions="..."}; {@code -Dc4j.*} properties and the
 * stream encodings are passed on, so children see the same configuration.
 */
final class Launcher {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(Config.longValue(Config.Setting.CHILD_CONNECT_TIMEOUT_SECONDS, 60, 1));
    private static final List<String> DEFAULT_OPTIONS = List.of(
            "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto", "-XX:UserThreadWaitAttemptsAtExit=0",
            "--enable-native-access=ALL-UNNAMED");
    private static final List<String> PASSED_PROPERTIES = List.of(
            "stdout.encoding", "stderr.encoding", "file.encoding", "java.io.tmpdir");

    private Launcher() {}

    /** The start-up options: the defaults, or {@code -Dc4j.child.defaultJvmOptions}. */
    static List<String> startupOptions() {
        List<String> options = Config.words(Config.Setting.CHILD_DEFAULT_JVM_OPTIONS);
        return !options.isEmpty() ? options : DEFAULT_OPTIONS;
    }

    /** The command line of a child JVM (without secrets: those go through stdin). */
    static List<String> command() {
        return command(Family.get().aotCache().options());
    }

    /**
     * The command line with {@code extra} options (an AOT cache to use or to write). CDS options
     * ({@code -Xshare}) cannot be combined with AOT ones, so they are dropped when an AOT option is given.
     */
    static List<String> command(List<String> extra) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        boolean aot = extra.stream().anyMatch(o -> o.startsWith("-XX:AOT"));
        for (String o : startupOptions()) if (!(aot && o.startsWith("-Xshare"))) cmd.add(o);
        cmd.addAll(extra);
        for (String p : PASSED_PROPERTIES) {
            String v = System.getProperty(p);
            if (v != null) cmd.add("-D" + p + "=" + v);
        }
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("c4j.")).sorted()
                .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        cmd.addAll(Config.words(Config.Setting.CHILD_JVM_OPTIONS));
        String cp = System.getProperty("java.class.path", "");
        if (!cp.isEmpty()) {
            cmd.add("-cp");
            cmd.add(cp);
        }
        String mp = System.getProperty("jdk.module.path", "");
        if (!mp.isEmpty()) {
            cmd.add("--module-path");
            cmd.add(mp);
            cmd.add("--add-modules");
            cmd.add("ALL-MODULE-PATH");
        }
        cmd.add(ChildMain.class.getName());
        return cmd;
    }

    private static List<String> split(String s) {
        return Arrays.stream(s.trim().split("\\s+")).filter(x -> !x.isEmpty()).toList();
    }

    /**
     * Starts a child JVM and waits until it has connected and authenticated (and, for a
     * standby, warmed up). Fails, rather than waits forever, if the child exits first.
     */
    static Jvm launch(Family family, boolean standby) {
        return launch(family, standby, family.aotCache().options(), pid -> {});
    }

    /**
     * {@link #launch(Family, boolean)} with explicit extra options (the AOT cache's training run),
     * telling {@code started} the child's pid as soon as it exists (the pool counts booting JVMs).
     */
    static Jvm launch(Family family, boolean standby, List<String> extra, java.util.function.LongConsumer started) {
        ControlServer server = family.controlServer();
        List<String> command = command(extra);
        long token = java.nio.ByteBuffer.wrap(HmacSha256.randomBytes(8)).getLong();
        CompletableFuture<ControlServer.Link> link = server.expect(token);
        java.lang.Process os;
        try {
            os = new ProcessBuilder(command).start();
            started.accept(os.pid());
        } catch (IOException e) {
            server.forget(token);
            throw new ProcessStartException("cannot start a child JVM: " + e.getMessage(), e);
        }
        OutputPump out = OutputPump.start(os.getInputStream(), () -> System.out, "c4j-stdout-" + os.pid());
        OutputPump err = OutputPump.start(os.getErrorStream(), () -> System.err, "c4j-stderr-" + os.pid());
        try (OutputStream stdin = os.getOutputStream()) {
            new Boot(server.path().toString(), family.authkey(), token, standby,
                    family.runtimeDir().toString(), family.shmDir().toString()).writeTo(stdin);
        } catch (IOException e) {
            // the child died at once; reported below
        }
        FramedChannel channel = awaitConnection(os, link, token, server, command);
        if (standby) awaitReady(os, channel);
        return new Jvm(os, channel, out, err);
    }

    private static FramedChannel awaitConnection(java.lang.Process os, CompletableFuture<ControlServer.Link> link,
                                                 long token, ControlServer server, List<String> command) {
        try {
            CompletableFuture.anyOf(link, os.onExit()).get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // handled below
        } catch (ExecutionException e) {
            // the link future failed (server closed); handled below
        } catch (InterruptedException e) {
            server.forget(token);
            os.destroyForcibly();
            throw new InterruptedRuntimeException(e);
        }
        if (link.isDone() && !link.isCompletedExceptionally()) return link.join().channel();
        server.forget(token);
        os.destroyForcibly();
        String why = os.isAlive() ? "did not connect back within " + CONNECT_TIMEOUT.toSeconds() + " s"
                : "exited with code " + waitExit(os) + " before connecting back (its stderr is above)";
        throw new ProcessStartException("child JVM " + os.pid() + " " + why + "; command: " + String.join(" ", command));
    }

    private static void awaitReady(java.lang.Process os, FramedChannel channel) {
        try {
            if (channel.poll(CONNECT_TIMEOUT)) {
                byte[] frame = channel.read();
                if (Control.type(frame) == Control.READY) return;
            }
            throw new ProcessStartException("standby JVM " + os.pid() + " did not report ready");
        } catch (IOException e) {
            os.destroyForcibly();
            throw new ProcessStartException("standby JVM " + os.pid() + " died while warming up (exit code "
                    + waitExit(os) + ")", e);
        } catch (RuntimeException e) {
            os.destroyForcibly();
            channel.close();
            throw e;
        }
    }

    private static int waitExit(java.lang.Process os) {
        try {
            return os.waitFor(5, TimeUnit.SECONDS) ? os.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
