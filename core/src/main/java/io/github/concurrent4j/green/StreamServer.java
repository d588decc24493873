package io.github.concurrent4j.green;

import io.github.concurrent4j.Timeouts;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The equivalent of Python's {@code gevent.server.StreamServer}: a TCP server that accepts
 * connections in a greenlet and handles each one in a greenlet of its own.
 *
 * <pre>{@code
 * StreamServer server = StreamServer.create(new InetSocketAddress("127.0.0.1", 0), (sock, addr) -> {
 *     byte[] data;
 *     while ((data = sock.recv(65536)).length > 0) sock.sendAll(data);     // echo
 * });
 * server.serveForever();
 * }</pre>
 *
 * <p>The handler's socket is closed when the handler returns. A handler that fails is
 * reported on standard error, except for {@link UncheckedIOException}s (the client went
 * away). A slow or silent client holds only its own greenlet: the others are served
 * meanwhile. {@link #pool(int)} bounds how many handlers run at once (gevent's
 * {@code spawn=Pool(n)}); the acceptor waits for a free slot.
 *
 * <p><b>Thread safety.</b> Configure it, then start it, from one greenlet; it belongs to that
 * greenlet's hub. {@link #port()} may be read from any thread once started.
 *
 * <p><b>Memory consistency effects.</b> None beyond the hub's baton.
 */
public final class StreamServer implements AutoCloseable {
    private final InetSocketAddress address;
    private final BiConsumer<GreenSocket, InetSocketAddress> handle;
    private int backlog = 1024;
    private Group handlers = new Group();
    private Duration stopTimeout = Duration.ofSeconds(1);
    private GreenServerSocket listener;
    private Greenlet<Void> acceptor;
    private final Event stopped = new Event();
    private volatile int port = -1;

    private StreamServer(InetSocketAddress address, BiConsumer<GreenSocket, InetSocketAddress> handle) {
        this.address = address;
        this.handle = handle;
    }

    /** A server for {@code address} (port 0: ephemeral) calling {@code handle(socket, peer)} per connection. */
    public static StreamServer create(InetSocketAddress address, BiConsumer<GreenSocket, InetSocketAddress> handle) {
        return new StreamServer(Objects.requireNonNull(address, "address"), Objects.requireNonNull(handle, "handle"));
    }

    /** Sets the listen backlog (default 1024); before {@link #start()}. */
    public StreamServer backlog(int backlog) {
        if (backlog <= 0) throw new IllegalArgumentException("backlog must be positive: " + backlog);
        checkNotStarted();
        this.backlog = backlog;
        return this;
    }

    /** Runs at most {@code max} handlers at once (gevent's {@code spawn=Pool(max)}); before {@link #start()}. */
    public StreamServer pool(int max) {
        checkNotStarted();
        this.handlers = new GreenPool(max);
        return this;
    }

    /** How long {@link #stop()} waits for running handlers before killing them (default 1 s). */
    public StreamServer stopTimeout(Duration timeout) {
        Timeouts.toNanos(timeout);
        this.stopTimeout = timeout;
        return this;
    }

    private void checkNotStarted() {
        if (listener != null) throw new IllegalStateException("server already started");
    }

    /** Binds, listens and starts accepting in a background greenlet; returns at once ({@code start()}). */
    public StreamServer start() {
        checkNotStarted();
        listener = GreenServerSocket.bind(address, backlog);
        port = listener.port();
        acceptor = Gevent.spawn(this::acceptLoop);
        return this;
    }

    private void acceptLoop() {
        while (!stopped.isSet()) {
            GreenSocket s;
            try {
                s = listener.accept();
            } catch (UncheckedIOException e) {
                if (stopped.isSet() || !listener.isOpen()) return;
                throw e;
            }
            InetSocketAddress peer = s.remoteAddress();
            handlers.spawn(() -> serve(s, peer));
        }
    }

    private void serve(GreenSocket s, InetSocketAddress peer) {
        try (s) {
            handle.accept(s, peer);
        } catch (UncheckedIOException e) {
            // the client went away (reset, broken pipe): nothing to report
        }
    }

    /** Starts if needed, then waits until {@link #stop()} ({@code serve_forever()}). */
    public void serveForever() {
        if (listener == null) start();
        stopped.await();
    }

    /**
     * Stops accepting, closes the listening socket, waits up to the stop timeout for the
     * running handlers and kills those still running ({@code stop(timeout)}).
     */
    public void stop() {
        if (listener == null || stopped.isSet()) return;
        stopped.set();
        listener.close();
        if (acceptor != null) acceptor.kill();
        if (!handlers.join(stopTimeout)) handlers.kill();
    }

    /** The same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** The bound address (after {@link #start()}). */
    public InetSocketAddress address() {
        if (listener == null) throw new IllegalStateException("server not started");
        return listener.localAddress();
    }

    /** The bound port (after {@link #start()}); any thread may read it. */
    public int port() {
        int p = port;
        if (p < 0) throw new IllegalStateException("server not started");
        return p;
    }

    /** Whether it has started and not stopped. */
    public boolean started() {
        return listener != null && !stopped.isSet();
    }

    /** The number of connections being handled. */
    public int connections() {
        return handlers.size();
    }
}
