package io.github.concurrent4j.multiprocessing.internal;

import io.github.concurrent4j.internal.Config;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.transport.internal.FramedChannel;
import io.github.concurrent4j.transport.internal.HmacSha256;

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
public final class Launcher {
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
    public static List<String> command() {
        return command(AotCache.get().options());
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
        Module self = Launcher.class.getModule();
        if (self.isNamed()) {
            // On the module path (UserModuleTest): the futex's native calls are this module's,
            // not the unnamed one's, and the child's main class is named with its module.
            if (!cmd.contains("--enable-native-access=" + self.getName())) cmd.add("--enable-native-access=" + self.getName());
            cmd.add("-m");
            cmd.add(self.getName() + "/" + ChildMain.class.getName());
        } else {
            cmd.add(ChildMain.class.getName());
        }
        return cmd;
    }

    /** What a child JVM is started for. */
    enum Kind {
        /** A process's own JVM: it takes its task as soon as it has connected. */
        COLD,
        /** A standby: it warms up, says READY, and waits for a task. */
        STANDBY,
        /**
         * The AOT cache's training run: a standby that serves no process. Its output (the JVM's
         * own "AOTConfiguration recorded" line) is discarded: a user's program prints only what
         * it prints.
         */
        TRAINING
    }

    /**
     * Starts a child JVM and returns at once, before it has connected: the caller learns its pid
     * (to encode a task for it) and {@link Pending#await awaits} it when it needs it.
     */
    static Pending spawn(Kind kind, List<String> extra) {
        return spawn(kind, extra, List.of());
    }

    /** {@link #spawn(Kind, List)} with a command prefix (such as {@link #lowPriority()}). */
    static Pending spawn(Kind kind, List<String> extra, List<String> prefix) {
        ControlServer server = ControlServer.get();
        List<String> command = new ArrayList<>(prefix);
        command.addAll(command(extra));
        long token = java.nio.ByteBuffer.wrap(HmacSha256.randomBytes(8)).getLong();
        CompletableFuture<ControlServer.Link> link = server.expect(token);
        ProcessBuilder pb = new ProcessBuilder(command);
        if (kind == Kind.TRAINING) pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        java.lang.Process os;
        try {
            os = pb.start();
        } catch (IOException e) {
            server.forget(token);
            throw new ProcessStartException("cannot start a child JVM: " + e.getMessage(), e);
        }
        Path member = ResourceTracker.addMember(os.pid());
        os.onExit().thenRun(() -> ResourceTracker.removeMember(member));
        OutputPump out = kind == Kind.TRAINING ? null : OutputPump.start(os.getInputStream(), () -> System.out, "c4j-stdout-" + os.pid());
        OutputPump err = kind == Kind.TRAINING ? null : OutputPump.start(os.getErrorStream(), () -> System.err, "c4j-stderr-" + os.pid());
        try (OutputStream stdin = os.getOutputStream()) {
            new Boot(server.path().toString(), ThisProcess.authkey(), token, kind != Kind.COLD,
                    RuntimeDirs.runtimeDir().toString(), RuntimeDirs.shmDir().toString()).writeTo(stdin);
        } catch (IOException e) {
            // the child died at once; reported by await
        }
        return new Pending(kind, os, link, token, server, command, out, err);
    }

    private static final String NICE = java.util.stream.Stream.of("/usr/bin/nice", "/bin/nice")
            .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);

    /** The prefix that runs a command at the lowest CPU priority (none if there is no {@code nice}). */
    static List<String> lowPriority() {
        return NICE == null ? List.of() : List.of(NICE, "-n", "19");
    }

    /** A child JVM that has been started and may not have connected yet. */
    static final class Pending {
        private final Kind kind;
        private final java.lang.Process os;
        private final CompletableFuture<ControlServer.Link> link;
        private final long token;
        private final ControlServer server;
        private final List<String> command;
        private final OutputPump out, err;

        private Pending(Kind kind, java.lang.Process os, CompletableFuture<ControlServer.Link> link, long token,
                        ControlServer server, List<String> command, OutputPump out, OutputPump err) {
            this.kind = kind;
            this.os = os;
            this.link = link;
            this.token = token;
            this.server = server;
            this.command = command;
            this.out = out;
            this.err = err;
        }

        long pid() {
            return os.pid();
        }

        /** Completes once the child has connected and authenticated, or has died, or the server closed. */
        CompletableFuture<?> settled() {
            return CompletableFuture.anyOf(link, os.onExit());
        }

        /**
         * Waits until the child has connected and authenticated (and, for a standby, warmed up).
         * Fails, rather than waits forever, if the child exits first or takes too long.
         */
        Jvm await() {
            FramedChannel channel = awaitConnection();
            if (kind != Kind.COLD) awaitReady(channel);
            return new Jvm(os, channel, out, err);
        }

        /** Gives up on this child: it is killed, its output dropped, and its connection, if it comes, refused. */
        void abandon() {
            if (out != null) out.silence();
            if (err != null) err.silence();
            server.forget(token);
            os.destroyForcibly();
            link.thenAccept(l -> l.channel().close());
        }

        private FramedChannel awaitConnection() {
            try {
                settled().get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // handled below (the link future fails when the server closes)
            } catch (InterruptedException e) {
                abandon();
                throw new InterruptedRuntimeException(e);
            }
            if (link.isDone() && !link.isCompletedExceptionally()) return link.join().channel();
            abandon();
            String why = os.isAlive() ? "did not connect back within " + CONNECT_TIMEOUT.toSeconds() + " s"
                    : "exited with code " + waitExit(os) + " before connecting back (its stderr is above)";
            throw new ProcessStartException("child JVM " + os.pid() + " " + why + "; command: " + String.join(" ", command));
        }

        private void awaitReady(FramedChannel channel) {
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
