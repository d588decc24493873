package io.github.concurrent4j.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.concurrent4j.InterruptedRuntimeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link TCPServer} and {@link ThreadingTCPServer} with real loopback clients. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@Tag("integration")
class SocketServerTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final List<BaseServer> servers = new ArrayList<>();
    private final List<Socket> clients = new ArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final List<InetSocketAddress> errorClients = new CopyOnWriteArrayList<>();

    @AfterEach
    void cleanUp() throws IOException {
        for (Socket c : clients) c.close();
        for (BaseServer s : servers) s.serverClose();
    }

    /** Python's classic: {@code data = self.rfile.readline(); self.wfile.write(data.upper())}, until EOF. */
    static final class UpperLines extends StreamRequestHandler {
        @Override
        protected void handle() throws IOException {
            byte[] line;
            while ((line = readline()).length > 0) {
                wfile().write(new String(line, UTF_8).toUpperCase().getBytes(UTF_8));
            }
        }
    }

    /** Same, but with a read timeout: a silent client fails its handler after 300 ms. */
    static final class UpperLinesWithTimeout extends StreamRequestHandler {
        @Override
        protected java.util.Optional<Duration> timeout() {
            return java.util.Optional.of(Duration.ofMillis(300));
        }

        @Override
        protected void handle() throws IOException {
            byte[] line;
            while ((line = readline()).length > 0) wfile().write(new String(line, UTF_8).toUpperCase().getBytes(UTF_8));
        }
    }

    private void recordError(InetSocketAddress client, Throwable e) {
        errorClients.add(client);
        errors.add(e);
    }

    private TCPServer tcp(Supplier<? extends BaseRequestHandler> handler) {
        TCPServer s = TCPServer.builder(ANY_PORT, handler).requestQueueSize(64).errorHandler(this::recordError).build();
        servers.add(s);
        return s;
    }

    private ThreadingTCPServer threading(Supplier<? extends BaseRequestHandler> handler) {
        ThreadingTCPServer s = ThreadingTCPServer.builder(ANY_PORT, handler).requestQueueSize(256)
                .errorHandler(this::recordError).build();
        servers.add(s);
        return s;
    }

    private static CompletableFuture<Void> serveInBackground(BaseServer server, Duration pollInterval) {
        return CompletableFuture.runAsync(() -> server.serveForever(pollInterval),
                r -> Thread.ofPlatform().daemon().name("serve-forever").start(r));
    }

    private Socket connect(BaseServer server) throws IOException {
        Socket s = new Socket(server.serverAddress().getAddress(), server.serverAddress().getPort());
        s.setSoTimeout(20_000);
        clients.add(s);
        return s;
    }

    private static String ask(Socket s, String line) throws IOException {
        s.getOutputStream().write((line + "\n").getBytes(UTF_8));
        return readLine(s.getInputStream());
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') out.write(b);
        return out.toString(UTF_8);
    }

    @Test
    void tcpServerServesAndShutdownFromAnotherThreadReturnsPromptly() throws Exception {
        TCPServer server = tcp(UpperLines::new);
        assertThat(server.serverAddress().getPort()).isPositive();
        // a poll interval far longer than the test: shutdown must wake the loop, not wait for it
        CompletableFuture<Void> serving = serveInBackground(server, Duration.ofMinutes(10));
        try (Socket c = connect(server)) {
            assertThat(ask(c, "hello")).isEqualTo("HELLO");
            assertThat(ask(c, "world")).isEqualTo("WORLD");
        }
        long t0 = System.nanoTime();
        server.shutdown();                  // returns once serveForever has returned ...
        serving.get(5, TimeUnit.SECONDS);   // ... (the future completes just after)
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(5_000);
        assertThat(errors).isEmpty();

        // serveForever may run again after a shutdown
        CompletableFuture<Void> again = serveInBackground(server, Duration.ofMinutes(10));
        try (Socket c = connect(server)) {
            assertThat(ask(c, "again")).isEqualTo("AGAIN");
        }
        server.shutdown();
        again.get(10, TimeUnit.SECONDS);
    }

    @Test
    void shutdownBeforeServeForeverMakesItReturnAtOnceAsInPython() throws Exception {
        TCPServer server = tcp(UpperLines::new);
        server.shutdown();                    // not serving: returns at once, request pending
        serveInBackground(server, Duration.ofMinutes(10)).get(10, TimeUnit.SECONDS);
        // the request was consumed: the next serveForever serves
        CompletableFuture<Void> serving = serveInBackground(server, Duration.ofMinutes(10));
        try (Socket c = connect(server)) {
            assertThat(ask(c, "x")).isEqualTo("X");
        }
        server.shutdown();
        serving.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aSilentClientDoesNotStallTheOthersOnThreadingTCPServer() throws Exception {
        ThreadingTCPServer server = threading(UpperLines::new);
        CompletableFuture<Void> serving = serveInBackground(server, BaseServer.DEFAULT_POLL_INTERVAL);
        Socket silent = connect(server);             // connects, never sends
        Socket halfLine = connect(server);           // sends half a line, then nothing
        halfLine.getOutputStream().write("no newline".getBytes(UTF_8));

        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String msg = "client " + i;
            answers.add(CompletableFuture.supplyAsync(() -> {
                try (Socket c = new Socket(server.serverAddress().getAddress(), server.serverAddress().getPort())) {
                    c.setSoTimeout(20_000);
                    return ask(c, msg);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, Thread::startVirtualThread));
        }
        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).get(20, TimeUnit.SECONDS)).isEqualTo("CLIENT " + i);
        }
        assertThat(silent.isClosed()).isFalse();
        silent.close();
        halfLine.close();
        server.shutdown();
        serving.get(10, TimeUnit.SECONDS);
        assertThat(errors).isEmpty();
    }

    @Test
    void onTheSynchronousServerASilentClientHoldsTheOthersUntilItsHandlerTimesOut() throws Exception {
        TCPServer server = tcp(UpperLinesWithTimeout::new);
        CompletableFuture<Void> serving = serveInBackground(server, BaseServer.DEFAULT_POLL_INTERVAL);
        Socket silent = connect(server);
        long t0 = System.nanoTime();
        try (Socket c = connect(server)) {
            assertThat(ask(c, "after the silent one")).isEqualTo("AFTER THE SILENT ONE");
        }
        // Python's behaviour: served one after the other, so the second waited for the timeout
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(250);
        assertThat(errors).singleElement().isInstanceOf(SocketTimeoutException.class);
        assertThat(silent.getInputStream().read()).as("the timed-out connection was closed").isEqualTo(-1);
        server.shutdown();
        serving.get(10, TimeUnit.SECONDS);
    }

    /** Fails on "boom", echoes anything else (one line per connection). */
    static final class Fussy extends StreamRequestHandler {
        @Override
        protected void handle() throws IOException {
            String line = new String(readline(), UTF_8).strip();
            if (line.equals("boom")) throw new IllegalStateException("handler failed on purpose");
            wfile().write((line + "\n").getBytes(UTF_8));
        }
    }

    @Test
    void handlerExceptionsAreReportedWithTheClientAddressAndTheServerGoesOn() throws Exception {
        for (BaseServer server : List.<BaseServer>of(tcp(Fussy::new), threading(Fussy::new))) {
            errors.clear();
            errorClients.clear();
            CompletableFuture<Void> serving = serveInBackground(server, BaseServer.DEFAULT_POLL_INTERVAL);
            Socket bad = connect(server);
            assertThat(ask(bad, "boom")).as("connection closed after the failure").isEmpty();
            try (Socket good = connect(server)) {
                assertThat(ask(good, "fine")).isEqualTo("fine");
            }
            assertThat(errors).singleElement().satisfies(e ->
                    assertThat(e).isInstanceOf(IllegalStateException.class).hasMessage("handler failed on purpose"));
            assertThat(errorClients).singleElement().satisfies(a -> assertThat(a.getPort()).isEqualTo(bad.getLocalPort()));
            server.shutdown();
            serving.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theDefaultErrorHandlerPrintsWhatPythonPrints() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(captured, true, UTF_8));
        try {
            ThreadingTCPServer server = ThreadingTCPServer.of(ANY_PORT, Fussy::new);
            servers.add(server);
            CompletableFuture<Void> serving = serveInBackground(server, BaseServer.DEFAULT_POLL_INTERVAL);
            Socket bad = connect(server);
            assertThat(ask(bad, "boom")).isEmpty();
            server.shutdown();
            server.serverClose();          // waits for the handler, so its report is complete
            serving.get(10, TimeUnit.SECONDS);
        } finally {
            System.setErr(old);
        }
        assertThat(captured.toString(UTF_8))
                .contains("----------------------------------------")
                .contains("Exception occurred during processing of request from /127.0.0.1:")
                .contains("java.lang.IllegalStateException: handler failed on purpose");
    }

    @Test
    void errorsOfTheHandlerFactoryAreReportedToo() throws Exception {
        AtomicInteger made = new AtomicInteger();
        UpperLines shared = new UpperLines();
        ThreadingTCPServer server = threading(() -> made.incrementAndGet() == 1 ? null : shared);
        CompletableFuture<Void> serving = serveInBackground(server, BaseServer.DEFAULT_POLL_INTERVAL);
        try (Socket c = connect(server)) {
            assertThat(ask(c, "x")).isEmpty();                     // factory returned null
        }
        try (Socket c = connect(server)) {
            assertThat(ask(c, "y")).isEqualTo("Y");                // first use of `shared`
        }
        try (Socket c = connect(server)) {
            assertThat(ask(c, "z")).isEmpty();                     // `shared` again: refused
        }
        server.shutdown();
        server.serverClose();
        serving.get(10, TimeUnit.SECONDS);
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).isInstanceOf(NullPointerException.class).hasMessageContaining("factory returned null");
        assertThat(errors.get(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("serves one request");
    }

    @Test
    void shutdownFromTheServingThreadIsRefusedInsteadOfDeadlocking() throws Exception {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        TCPServer[] box = new TCPServer[1];
        box[0] = tcp(() -> new BaseRequestHandler() {
            @Override
            protected void handle() {
                try {
                    server().shutdown();
                } catch (Throwable e) {
                    seen.set(e);
                }
            }
        });
        CompletableFuture<Void> serving = serveInBackground(box[0], BaseServer.DEFAULT_POLL_INTERVAL);
        try (Socket c = connect(box[0])) {
            assertThat(c.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(seen.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("deadlock");
        box[0].shutdown();
        serving.get(10, TimeUnit.SECONDS);
    }

    @Test
    void verifyRequestRefusalClosesTheConnectionWithoutAHandler() throws Exception {
        AtomicInteger handlers = new AtomicInteger();
        ThreadingTCPServer server = ThreadingTCPServer.builder(ANY_PORT, () -> {
            handlers.incrementAndGet();
            return new UpperLines();
        }).verifyRequest(client -> false).build();
        servers.add(server);
        CompletableFuture<Void> serving = serveInBackground(server, BaseServer.DEFAULT_POLL_INTERVAL);
        try (Socket c = connect(server)) {
            assertThat(c.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(handlers).hasValue(0);
        server.shutdown();
        serving.get(10, TimeUnit.SECONDS);
    }

    @Test
    void serverCloseWaitsForRunningHandlersUnlessDaemonThreads() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inHandler = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        Supplier<BaseRequestHandler> slow = () -> new BaseRequestHandler() {
            @Override
            protected void handle() throws InterruptedException {
                inHandler.countDown();
                release.await();
                finished.incrementAndGet();
            }
        };
        ThreadingTCPServer blocking = threading(slow);
        CompletableFuture<Void> serving = serveInBackground(blocking, BaseServer.DEFAULT_POLL_INTERVAL);
        connect(blocking);
        inHandler.await();
        // serverClose while serveForever runs in another thread: stops it, then waits for the handler
        CompletableFuture<Void> closing = CompletableFuture.runAsync(blocking::serverClose, Thread::startVirtualThread);
        serving.get(10, TimeUnit.SECONDS);
        assertThat(closing).isNotDone();
        release.countDown();
        closing.get(10, TimeUnit.SECONDS);
        assertThat(finished).hasValue(1);

        CountDownLatch neverReleased = new CountDownLatch(1);
        CountDownLatch inDaemon = new CountDownLatch(1);
        ThreadingTCPServer daemon = ThreadingTCPServer.builder(ANY_PORT, () -> new BaseRequestHandler() {
            @Override
            protected void handle() throws InterruptedException {
                inDaemon.countDown();
                neverReleased.await(30, TimeUnit.SECONDS);
            }
        }).daemonThreads(true).build();
        servers.add(daemon);
        CompletableFuture<Void> serving2 = serveInBackground(daemon, BaseServer.DEFAULT_POLL_INTERVAL);
        connect(daemon);
        inDaemon.await();
        daemon.serverClose();                  // returns although the handler still runs
        serving2.get(10, TimeUnit.SECONDS);
        neverReleased.countDown();
    }

    @Test
    void handleRequestServesOneConnectionOrTimesOut() throws Exception {
        TCPServer server = TCPServer.builder(ANY_PORT, UpperLines::new).timeout(Duration.ofMillis(100)).build();
        servers.add(server);
        assertThat(server.handleRequest()).as("nobody connected within the timeout").isFalse();
        Socket c = connect(server);
        c.getOutputStream().write("one\n".getBytes(UTF_8));
        c.shutdownOutput();
        assertThat(server.handleRequest()).isTrue();
        assertThat(readLine(c.getInputStream())).isEqualTo("ONE");
    }

    @Test
    void interruptingTheServingThreadStopsServeForever() throws Exception {
        TCPServer server = tcp(UpperLines::new);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = Thread.ofPlatform().daemon().start(() -> {
            try {
                server.serveForever();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        awaitInSelect(t);
        t.interrupt();
        t.join(10_000);
        assertThat(thrown.get()).isInstanceOf(InterruptedRuntimeException.class);
        // and the server can serve again
        CompletableFuture<Void> serving = serveInBackground(server, BaseServer.DEFAULT_POLL_INTERVAL);
        try (Socket c = connect(server)) {
            assertThat(ask(c, "still here")).isEqualTo("STILL HERE");
        }
        server.shutdown();
        serving.get(10, TimeUnit.SECONDS);
    }

    @Test
    void allowReuseAddressDecidesWhetherAPortInTimeWaitCanBeBoundAgain() throws Exception {
        // The server closes first, so its side of the connection lingers in TIME_WAIT.
        Supplier<BaseRequestHandler> bye = () -> new BaseRequestHandler() {
            @Override
            protected void handle() throws IOException {
                request().getOutputStream().write("bye\n".getBytes(UTF_8));
            }
        };
        TCPServer first = TCPServer.builder(ANY_PORT, bye).allowReuseAddress(true).build();
        int port = first.serverAddress().getPort();
        try (Socket c = connect(first)) {
            assertThat(first.handleRequest()).isTrue();
            assertThat(readLine(c.getInputStream())).isEqualTo("bye");
            assertThat(c.getInputStream().read()).isEqualTo(-1);
        }
        first.serverClose();
        InetSocketAddress same = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);

        assertThatThrownBy(() -> TCPServer.of(same, bye))       // Python's default: allow_reuse_address = False
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(BindException.class)
                .hasMessageContaining("cannot listen on");
        try (TCPServer second = TCPServer.builder(same, bye).allowReuseAddress(true).build()) {
            assertThat(second.serverAddress().getPort()).isEqualTo(port);
        }
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> TCPServer.of(null, UpperLines::new)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("address");
        assertThatThrownBy(() -> ThreadingTCPServer.of(ANY_PORT, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("handlerFactory");
        assertThatThrownBy(() -> TCPServer.of(InetSocketAddress.createUnresolved("no.such.host.invalid", 1), UpperLines::new))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unresolved");
        assertThatThrownBy(() -> TCPServer.builder(ANY_PORT, UpperLines::new).requestQueueSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestQueueSize");
        assertThatThrownBy(() -> ThreadingTCPServer.builder(ANY_PORT, UpperLines::new).timeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> TCPServer.builder(ANY_PORT, UpperLines::new).errorHandler(null))
                .isInstanceOf(NullPointerException.class);

        TCPServer server = tcp(UpperLines::new);
        assertThatThrownBy(() -> server.serveForever(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pollInterval");
        assertThatThrownBy(() -> server.serveForever(null)).isInstanceOf(NullPointerException.class);
        server.serverClose();
        server.serverClose();     // idempotent
        assertThatThrownBy(server::serveForever).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(server::handleRequest).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        server.shutdown();        // not serving: returns at once
    }

    @Test
    void twoThreadsCannotServeTheSameServer() throws Exception {
        TCPServer server = tcp(UpperLines::new);
        CompletableFuture<Void> serving = serveInBackground(server, BaseServer.DEFAULT_POLL_INTERVAL);
        awaitServing(server);
        assertThatThrownBy(server::serveForever).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already serving");
        server.shutdown();
        serving.get(10, TimeUnit.SECONDS);
    }

    @Test
    void bindingAnAddressInUseFailsClearly() {
        TCPServer server = tcp(UpperLines::new);
        assertThatThrownBy(() -> TCPServer.of(server.serverAddress(), UpperLines::new))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(String.valueOf(server.serverAddress().getPort()));
    }

    /** Waits until the server's serving loop is up (a connection is answered). */
    private void awaitServing(BaseServer server) throws IOException {
        try (Socket c = connect(server)) {
            assertThat(ask(c, "ping")).isEqualTo("PING");
        }
    }

    private static void awaitInSelect(Thread t) throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (StackTraceElement e : t.getStackTrace()) {
                if (e.getMethodName().equals("doSelect") && e.getClassName().startsWith("sun.nio.ch.")) return;
            }
            never.await(2, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError(t + " did not reach select within 10 s");
    }
}
