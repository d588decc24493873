package io.github.concurrent4j.net;

import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * The equivalent of Python's {@code socketserver.BaseServer}: what every server of this
 * package does — accept connections on a bound, listening socket and give each to a fresh
 * {@link BaseRequestHandler}. The implementations are {@link TCPServer} (one request at a time,
 * in the serving thread) and {@link ThreadingTCPServer} (each request on its own virtual thread).
 *
 * <pre>{@code
 * try (var server = ThreadingTCPServer.of(new InetSocketAddress("127.0.0.1", 9000), EchoHandler::new)) {
 *     Thread.ofPlatform().start(server::serveForever);   // Python: threading.Thread(target=server.serve_forever)
 *     ...
 *     server.shutdown();                                 // returns once serveForever has returned
 * }                                                      // close() = Python's server_close()
 * }</pre>
 *
 * <p>Thread safety: {@link #serveForever} and {@link #handleRequest} run in one thread at a time
 * (a second concurrent call is refused); {@link #shutdown} and {@link #serverClose} are meant to
 * be called from other threads.
 *
 * <p>Memory consistency effects: actions in a thread prior to {@code shutdown()} happen-before
 * {@code serveForever} returns; actions of the serving thread happen-before {@code shutdown()}
 * returns in the thread that called it.
 */
public abstract sealed class BaseServer implements AutoCloseable permits TCPServer, ThreadingTCPServer {
    /** Python's {@code poll_interval} default of {@code serve_forever}: 0.5 s. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);

    /** The accept loop, shutdown and close, which every server shares; they differ in {@link #processRequest}. */
    final ServerCore core;

    BaseServer(ServerConfig config) {
        core = new ServerCore(this, config);
    }

    /** Python's {@code process_request}: what the server does with one accepted connection. */
    abstract void processRequest(SocketChannel request, InetSocketAddress client) throws Exception;

    /**
     * Python's {@code server_address}: the address the server is bound to, with the actual port
     * when it was created with port 0.
     */
    public InetSocketAddress serverAddress() {
        return core.address();
    }

    /** Python's {@code serve_forever()}: {@link #serveForever(Duration)} with a 0.5 s poll interval. */
    public void serveForever() {
        serveForever(DEFAULT_POLL_INTERVAL);
    }

    /**
     * Python's {@code serve_forever(poll_interval)}: handles requests until {@link #shutdown()}
     * is called (from another thread) or the server is closed.
     *
     * <p>Difference from Python: Python notices a shutdown request only between two polls, so
     * {@code shutdown()} can take up to {@code pollInterval}; here {@code shutdown()} also wakes
     * the waiting thread, so it returns promptly whatever the interval. As in Python, a
     * {@code shutdown()} requested while the server was not serving makes the next
     * {@code serveForever} return at once (this closes the race between starting a serving
     * thread and stopping it).
     *
     * @param pollInterval how long one wait for a connection may last; positive
     * @throws IllegalArgumentException     if {@code pollInterval} is zero or negative
     * @throws NullPointerException         if {@code pollInterval} is null
     * @throws IllegalStateException        if another thread is serving, or the server is closed
     * @throws io.github.concurrent4j.InterruptedRuntimeException if the serving thread is interrupted
     */
    public void serveForever(Duration pollInterval) {
        core.serveForever(pollInterval, this::processRequest);
    }

    /**
     * Python's {@code handle_request()}: waits for one connection and handles it (for
     * {@link ThreadingTCPServer}: starts its handler thread), or gives up after the server's
     * {@code timeout} (builder option; none means wait as long as it takes).
     *
     * @return true if a connection was ready and was handled, false if the timeout passed first
     *         (where Python calls {@code handle_timeout()})
     * @throws IllegalStateException if another thread is serving, or the server is closed
     * @throws io.github.concurrent4j.InterruptedRuntimeException if the thread is interrupted
     */
    public boolean handleRequest() {
        return core.handleRequest(this::processRequest);
    }

    /**
     * Python's {@code shutdown()}: tells {@link #serveForever} to stop and waits until it has
     * returned. Returns at once if the server is not serving.
     *
     * @throws IllegalStateException if called from the thread running {@code serveForever}
     *                               (Python deadlocks there; this refuses instead)
     * @throws io.github.concurrent4j.InterruptedRuntimeException if interrupted while waiting
     */
    public void shutdown() {
        core.shutdown();
    }

    /**
     * Python's {@code server_close()}: closes the listening socket. If another thread is still
     * in {@code serveForever}, shuts it down first (Python leaves it failing on a closed socket).
     * Connections being handled are not cut: {@link ThreadingTCPServer} waits for them by default
     * ({@code blockOnClose}). Idempotent.
     */
    public void serverClose() {
        core.serverClose();
    }

    /** Python's {@code __exit__}: {@link #serverClose()}. */
    @Override
    public void close() {
        serverClose();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + serverAddress() + "]";
    }
}
