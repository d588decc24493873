package io.github.concurrent4j.net;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The options every {@code socketserver} server has (Python's class attributes), shared by
 * {@link TCPServer.Builder} and {@link ThreadingTCPServer.Builder}. Not thread-safe;
 * {@link #build()} may be called more than once, e.g. for several servers on port 0.
 *
 * @param <B> the concrete builder, returned by every option so that calls chain
 * @param <S> the server it builds
 */
public abstract sealed class ServerBuilder<B extends ServerBuilder<B, S>, S extends BaseServer>
        permits TCPServer.Builder, ThreadingTCPServer.Builder {
    final ServerConfig config;

    ServerBuilder(ServerConfig config) {
        this.config = config;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Python's {@code allow_reuse_address} (SO_REUSEADDR): false by default, as in Python. */
    public B allowReuseAddress(boolean allow) {
        config.allowReuseAddress = allow;
        return self();
    }

    /** Python's {@code request_queue_size}: the listen backlog; 5 by default, as in Python. */
    public B requestQueueSize(int size) {
        config.requestQueueSize(size);
        return self();
    }

    /** Python's {@code timeout}: how long {@code handleRequest()} waits for a connection; none by default. */
    public B timeout(Duration timeout) {
        config.timeout(timeout);
        return self();
    }

    /** Python's {@code verify_request}: connections it refuses are closed at once; all accepted by default. */
    public B verifyRequest(Predicate<InetSocketAddress> verify) {
        config.verifyRequest(verify);
        return self();
    }

    /**
     * Python's {@code handle_error}: called (on the handler's thread) with the client address and
     * the exception when a handler fails; by default prints them to {@code System.err} as Python does.
     */
    public B errorHandler(BiConsumer<InetSocketAddress, Throwable> handler) {
        config.errorHandler(handler);
        return self();
    }

    /**
     * Binds and listens (Python's {@code server_bind()} + {@code server_activate()}).
     *
     * @throws java.io.UncheckedIOException if the address cannot be bound
     */
    public abstract S build();
}
