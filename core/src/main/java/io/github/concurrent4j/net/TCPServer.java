package io.github.concurrent4j.net;

import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * The equivalent of Python's {@code socketserver.TCPServer}: a synchronous TCP server, which
 * handles one connection at a time, in the thread that runs {@link #serveForever}.
 *
 * <pre>{@code
 * // Python: with socketserver.TCPServer(("127.0.0.1", 9000), Handler) as server: server.serve_forever()
 * try (TCPServer server = TCPServer.of(new InetSocketAddress("127.0.0.1", 9000), Handler::new)) {
 *     server.serveForever();
 * }
 * }</pre>
 *
 * <p>Because requests are handled one after the other, a client that connects and then stays
 * silent holds every other client back until it leaves (or until the handler's read timeout,
 * {@link StreamRequestHandler#timeout()}). That is Python's behaviour and the reason
 * {@link ThreadingTCPServer} exists; use this class for short request/response exchanges.
 *
 * <p>Differences from Python: options that Python sets as class attributes are
 * {@link #builder builder} options; {@code build()} binds and listens at once (Python's
 * {@code bind_and_activate=True}); the other differences are those of {@link BaseServer}.
 *
 * <p>Thread safety and memory consistency effects: see {@link BaseServer}.
 */
public final class TCPServer extends BaseServer {
    private TCPServer(ServerConfig config) {
        super(config);
    }

    /**
     * Python's {@code TCPServer(server_address, RequestHandlerClass)}: binds and listens with the
     * default options.
     *
     * @param address        where to listen; port 0 picks a free port ({@link #serverAddress()} tells it)
     * @param handlerFactory makes one handler per connection, e.g. {@code MyHandler::new}
     * @throws java.io.UncheckedIOException if the address cannot be bound (e.g. in use)
     */
    public static TCPServer of(InetSocketAddress address, Supplier<? extends BaseRequestHandler> handlerFactory) {
        return builder(address, handlerFactory).build();
    }

    /** A builder for a server with options other than Python's defaults. */
    public static Builder builder(InetSocketAddress address, Supplier<? extends BaseRequestHandler> handlerFactory) {
        return new Builder(new ServerConfig(address, handlerFactory));
    }

    /** Python's {@code TCPServer.process_request}: handle the request here and now, then close it. */
    @Override
    void processRequest(java.nio.channels.SocketChannel request, InetSocketAddress client) throws Exception {
        core.finishRequest(request, client);
        ServerCore.shutdownRequest(request);
    }

    /** Options of a {@link TCPServer}: see {@link ServerBuilder}. */
    public static final class Builder extends ServerBuilder<Builder, TCPServer> {
        private Builder(ServerConfig config) {
            super(config);
        }

        @Override
        public TCPServer build() {
            return new TCPServer(config.copy());
        }
    }
}
