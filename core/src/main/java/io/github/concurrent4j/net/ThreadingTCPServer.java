package io.github.concurrent4j.net;

import io.github.concurrent4j.InterruptedRuntimeException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The equivalent of Python's {@code socketserver.ThreadingTCPServer}
 * ({@code ThreadingMixIn} + {@code TCPServer}): each connection is handled on its own thread —
 * here a virtual thread — so a slow or silent client holds only its own thread, and the server
 * goes on accepting and serving the others.
 *
 * <pre>{@code
 * try (var server = ThreadingTCPServer.builder(new InetSocketAddress("127.0.0.1", 0), EchoHandler::new)
 *         .allowReuseAddress(true).requestQueueSize(1024).build()) {
 *     System.out.println("PORT " + server.serverAddress().getPort());
 *     server.serveForever();
 * }
 * }</pre>
 *
 * <p>Differences from Python: handler threads are virtual threads, so ten thousand idle
 * connections cost ten thousand small stacks on the heap rather than ten thousand OS threads,
 * and blocking socket reads in a handler park the virtual thread instead of holding a carrier.
 * Virtual threads never keep the JVM alive; {@link Builder#daemonThreads(boolean)} and
 * {@link Builder#blockOnClose(boolean)} keep Python's meaning for {@link #serverClose()}: it waits
 * for the running handlers unless {@code daemonThreads} is true or {@code blockOnClose} is false.
 * The number of connections is not bounded (as in Python): a client opening connections without
 * end costs one virtual thread each.
 *
 * <p>Thread safety and memory consistency effects: see {@link BaseServer}. In addition, actions
 * of a handler happen-before {@link #serverClose()} returns, when it waits for the handlers.
 */
public final class ThreadingTCPServer extends BaseServer {
    private final Thread.Builder threads;
    /** Handler threads that serverClose must join (Python's {@code _threads}); null if none are joined. */
    private final Set<Thread> running;

    private ThreadingTCPServer(ServerConfig config) {
        super(config);
        threads = Thread.ofVirtual().name("c4j-request-" + core.address().getPort() + "-", 0);
        running = config.blockOnClose && !config.daemonThreads ? ConcurrentHashMap.newKeySet() : null;
    }

    /**
     * Python's {@code ThreadingTCPServer(server_address, RequestHandlerClass)}: binds and
     * listens with the default options.
     *
     * @throws java.io.UncheckedIOException if the address cannot be bound (e.g. in use)
     */
    public static ThreadingTCPServer of(InetSocketAddress address, Supplier<? extends BaseRequestHandler> handlerFactory) {
        return builder(address, handlerFactory).build();
    }

    /** A builder for a server with options other than Python's defaults. */
    public static Builder builder(InetSocketAddress address, Supplier<? extends BaseRequestHandler> handlerFactory) {
        return new Builder(new ServerConfig(address, handlerFactory));
    }

    /**
     * Python's {@code ThreadingMixIn.server_close()}: closes the listening socket (after stopping
     * {@code serveForever}), then waits for the handlers still running unless
     * {@code daemonThreads} or {@code !blockOnClose}. A handler stuck on a silent client without a
     * timeout makes this wait as long, as in Python.
     *
     * @throws InterruptedRuntimeException if interrupted while waiting for the handlers
     */
    @Override
    public void serverClose() {
        core.serverClose();
        if (running == null) return;
        for (Thread t : running) {
            if (t == Thread.currentThread()) continue;     // a handler closing its own server
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new InterruptedRuntimeException(e);
            }
        }
    }

    /** Python's {@code ThreadingMixIn.process_request}: a new (virtual) thread per request. */
    @Override
    void processRequest(SocketChannel request, InetSocketAddress client) {
        Thread t = threads.unstarted(() -> {
            try {
                core.finishRequest(request, client);
            } catch (Exception e) {
                core.handleError(client, e);
            } finally {
                ServerCore.shutdownRequest(request);
                if (running != null) running.remove(Thread.currentThread());
            }
        });
        if (running != null) running.add(t);
        t.start();
    }

    /** Options of a {@link ThreadingTCPServer}: see {@link ServerBuilder}. */
    public static final class Builder extends ServerBuilder<Builder, ThreadingTCPServer> {
        private Builder(ServerConfig config) {
            super(config);
        }

        /** Python's {@code daemon_threads}: when true, {@code serverClose()} does not wait for handlers. False by default. */
        public Builder daemonThreads(boolean daemon) {
            config.daemonThreads = daemon;
            return this;
        }

        /** Python's {@code block_on_close}: when false, {@code serverClose()} does not wait for handlers. True by default. */
        public Builder blockOnClose(boolean block) {
            config.blockOnClose = block;
            return this;
        }

        @Override
        public ThreadingTCPServer build() {
            return new ThreadingTCPServer(config.copy());
        }
    }
}
