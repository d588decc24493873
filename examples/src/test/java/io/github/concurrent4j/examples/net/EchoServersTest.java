package io.github.concurrent4j.examples.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance 7 of issue 5: every echo server of {@code bench/echo-models.tsv} — the five I/O
 * models, one line each, the same list the benchmark measures — passes the same correctness
 * test: 200 concurrent clients × 100 round trips of random-size payloads, each echoed exactly.
 * Each server runs as the benchmark runs it: a child JVM started with the line's main class and
 * arguments, which prints {@code PORT <n>}.
 */
@Tag("integration")
class EchoServersTest {
    static final Path MODELS = Path.of("..", "bench", "echo-models.tsv");
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    static Stream<Arguments> models() throws IOException {
        return Files.readAllLines(MODELS).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t"))
                .map(f -> Arguments.of(f[0], f[1], f.length > 2 ? f[2] : ""));
    }

    static Stream<Arguments> inProcess() {
        return Stream.of(
                Arguments.of("blocking", (EchoMain.Starter) BlockingEchoServer::start),
                Arguments.of("socketserver", (EchoMain.Starter) ThreadingEchoServer::start),
                Arguments.of("nonblocking", (EchoMain.Starter) NonBlockingEchoServer::start),
                Arguments.of("selector", (EchoMain.Starter) SelectorEchoServer::start),
                Arguments.of("async", (EchoMain.Starter) AsyncEchoServer::start));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void theModelsFileListsMyFourModels() throws IOException {
        assertThat(models().map(a -> (String) a.get()[0]))
                .contains("blocking", "nonblocking", "selector", "async");
    }

    @ParameterizedTest(name = "acceptance 7: {0}")
    @MethodSource("models")
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void eachEchoServerEchoesExactlyFor200ConcurrentClients(String model, String mainClass, String args) throws Exception {
        try (Child server = Child.start(mainClass, args)) {
            int port = server.port();
            long bytes = exchange(port, 200, 100, model.hashCode());
            assertThat(bytes).isPositive();
            assertThat(server.process.isAlive()).as("the server survived").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inProcess")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSilentClientAndAClientThatNeverReadsDoNotStallTheOthers(String model, EchoMain.Starter starter) throws Exception {
        try (EchoServer server = starter.start(new InetSocketAddress(LOOPBACK, 0));
             Socket silent = new Socket(LOOPBACK, server.port());        // connects, never sends
             Socket hog = new Socket(LOOPBACK, server.port())) {          // sends without end, never reads
            AtomicLong hogged = new AtomicLong();
            CompletableFuture<Void> hogging = CompletableFuture.runAsync(() -> {
                byte[] junk = new byte[64 * 1024];
                try {
                    OutputStream out = hog.getOutputStream();
                    while (true) {
                        out.write(junk);                    // blocks once the buffers on both sides are full
                        hogged.addAndGet(junk.length);
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }, Thread::startVirtualThread);
            while (hogged.get() < 2 * 1024 * 1024 && !hogging.isDone()) Thread.onSpinWait();  // the hog is going

            exchange(server.port(), 20, 50, 42);            // the others are served meanwhile

            assertThat(silent.isClosed()).isFalse();
            hog.close();
            hogging.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anUnknownArgumentIsRefusedWithTheUsage() throws Exception {
        Process p = Child.builder(SelectorEchoServer.class.getName(), "--bogus").redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(2);
            assertThat(out).contains("usage: [--demo | --serve [port]]").contains("--bogus");
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * {@code clients} concurrent connections, each doing {@code roundTrips} exchanges of a random
     * payload (mostly small, some larger than the servers' 64 KiB buffers), checking every echoed
     * byte, then closing its side and expecting the server to close too.
     *
     * @return the number of bytes echoed
     */
    static long exchange(int port, int clients, int roundTrips, long seed) throws Exception {
        AtomicLong total = new AtomicLong();
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int id = c;
                futures.add(exec.submit(() -> {
                    Random rnd = new Random(seed * 1_000_003 + id);
                    try (Socket s = new Socket(LOOPBACK, port)) {
                        s.setTcpNoDelay(true);
                        s.setSoTimeout(30_000);
                        OutputStream out = s.getOutputStream();
                        InputStream in = s.getInputStream();
                        for (int r = 0; r < roundTrips; r++) {
                            byte[] sent = new byte[size(rnd)];
                            rnd.nextBytes(sent);
                            out.write(sent);
                            byte[] got = in.readNBytes(sent.length);
                            if (!Arrays.equals(sent, got)) {
                                throw new AssertionError("client " + id + " round trip " + r + ": sent " + sent.length
                                        + " bytes, got back " + got.length + " different bytes");
                            }
                            total.addAndGet(sent.length);
                        }
                        s.shutdownOutput();
                        assertThat(in.read()).as("client %d: the server closes after the client", id).isEqualTo(-1);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get(60, TimeUnit.SECONDS);
        }
        return total.get();
    }

    /** Payload sizes: 80 % up to 512 bytes, 18 % up to 16 KiB, 2 % up to 100 KB (several server reads). */
    private static int size(Random rnd) {
        int k = rnd.nextInt(100);
        if (k < 80) return 1 + rnd.nextInt(512);
        if (k < 98) return 513 + rnd.nextInt(16 * 1024 - 512);
        return 16 * 1024 + rnd.nextInt(100_000 - 16 * 1024);
    }

    /** A server in a child JVM on the test class path, as {@code bench/echo.sh} starts it. */
    static final class Child implements AutoCloseable {
        final Process process;
        final File stderr;

        private Child(Process process, File stderr) {
            this.process = process;
            this.stderr = stderr;
        }

        static ProcessBuilder builder(String mainClass, String args) {
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    mainClass));
            for (String a : args.trim().split("\\s+")) if (!a.isEmpty()) cmd.add(a);
            return new ProcessBuilder(cmd);
        }

        static Child start(String mainClass, String args) throws IOException {
            File err = File.createTempFile("echo-server", ".err");
            err.deleteOnExit();
            Process p = builder(mainClass, args).redirectError(err).start();
            return new Child(p, err);
        }

        /** The port of its first stdout line, {@code PORT <n>}. */
        int port() throws Exception {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, Thread::startVirtualThread);
            String line = first.get(30, TimeUnit.SECONDS);
            if (line == null || !line.startsWith("PORT ")) {
                throw new AssertionError("expected 'PORT <n>' as the first line, got " + line + "; stderr:\n"
                        + Files.readString(stderr.toPath()));
            }
            return Integer.parseInt(line.substring(5).trim());
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
