package io.github.concurrent4j.multiprocessing.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import io.github.concurrent4j.internal.Lifecycle;
import io.github.concurrent4j.transport.internal.FramedChannel;
import io.github.concurrent4j.transport.internal.Handshake;

/**
 * The Unix-domain socket on which this process's child JVMs connect back to it. Each
 * connection is authenticated (mutual HMAC with the family's authkey) before its first
 * message is read; the first message names the launch it belongs to. Connections that fail
 * the handshake, or name no pending launch, are closed and forgotten.
 *
 * <p>The socket lives in the family's private directory (mode 0700) and is itself 0600.
 *
 * <p>Lifecycle ({@link Lifecycle}): RUNNING once bound; {@link #close()} moves it to STOPPING,
 * after which a connection that still arrives is closed at once (never handed to the stopped
 * admitting threads), then to TERMINATED. Its threads never die with an exception.
 */
final class ControlServer implements AutoCloseable {
    private static ControlServer instance;

    private final Lifecycle life = new Lifecycle("the control server");
    private final Path path;
    private final byte[] authkey;
    private final int maxFrame;
    private final ServerSocketChannel server;
    private final ConcurrentHashMap<Long, CompletableFuture<Link>> pending = new ConcurrentHashMap<>();
    private final ExecutorService admitters = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(null, r, "c4j-control-admit", 256 * 1024);
        t.setDaemon(true);
        return t;
    });

    /** An authenticated child connection and the pid the child reported. */
    record Link(FramedChannel channel, long pid) {}

    ControlServer(Path path, byte[] authkey, int maxFrame) throws IOException {
        this.path = path;
        this.authkey = authkey;
        this.maxFrame = maxFrame;
        Files.deleteIfExists(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path), 64);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        Thread t = new Thread(this::acceptLoop, "c4j-control-accept");
        t.setDaemon(true);
        t.start();
        life.running();
    }

    /** This process's control server (opened on first use; closed when the process exits). */
    static synchronized ControlServer get() {
        if (instance == null) {
            try {
                instance = new ControlServer(RuntimeDirs.runtimeDir().resolve("ctl-" + ProcessHandle.current().pid() + ".sock"),
                        ThisProcess.authkey(), FramedChannel.MAX_FRAME);
            } catch (IOException e) {
                throw new ProcessStartException("cannot open the control socket: " + e.getMessage(), e);
            }
            ExitHooks.add(ExitHooks.Phase.SERVICES, instance::close);
        }
        return instance;
    }

    Path path() {
        return path;
    }

    /** A future completed when the child launched with this token has connected and authenticated. */
    CompletableFuture<Link> expect(long token) {
        CompletableFuture<Link> f = new CompletableFuture<>();
        if (life.isClosed()) {
            f.completeExceptionally(life.closedException());
            return f;
        }
        pending.put(token, f);
        return f;
    }

    void forget(long token) {
        pending.remove(token);
    }

    private void acceptLoop() {
        while (!life.isClosed()) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                if (!server.isOpen()) return; // closed
                pause(); // a transient failure (out of descriptors): try again shortly, without spinning
                continue;
            }
            try {
                admitters.execute(() -> admit(ch));
            } catch (RejectedExecutionException closing) {
                closeQuietly(ch); // arrived while the server was closing: no one would admit it
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void admit(SocketChannel ch) {
        FramedChannel fc = null;
        try {
            fc = Handshake.accept(ch, Handshake.Options.of(authkey).withMaxFrame(maxFrame));
            long[] hello = Control.readHello(fc.read());
            CompletableFuture<Link> f = pending.remove(hello[0]);
            if (f == null) {
                fc.close();
                return;
            }
            f.complete(new Link(fc, hello[1]));
        } catch (IOException | RuntimeException e) {
            // a failed handshake, a stray connection, or shutdown interrupting us: drop it
            if (fc != null) fc.close();
            else closeQuietly(ch);
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** Whether this server has been closed. */
    boolean isClosed() {
        return life.isClosed();
    }

    @Override
    public void close() {
        if (!life.stopping()) return;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        admitters.shutdownNow();
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("control server closed")));
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the directory goes too
        }
        life.terminated();
    }
}
