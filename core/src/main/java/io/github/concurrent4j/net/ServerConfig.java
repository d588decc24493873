package io.github.concurrent4j.net;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The options of a server (Python's class attributes of {@code socketserver} servers), shared by the builders. */
final class ServerConfig {
    final InetSocketAddress address;
    final Supplier<? extends BaseRequestHandler> handlerFactory;
    boolean allowReuseAddress = false;          // Python: allow_reuse_address = False
    int requestQueueSize = 5;                   // Python: request_queue_size = 5
    Optional<Duration> timeout = Optional.empty();   // Python: timeout = None (handle_request only)
    Predicate<InetSocketAddress> verifyRequest = client -> true;
    BiConsumer<InetSocketAddress, Throwable> errorHandler = ServerCore::printError;
    boolean daemonThreads = false;              // ThreadingMixIn.daemon_threads
    boolean blockOnClose = true;                // ThreadingMixIn.block_on_close

    ServerConfig(InetSocketAddress address, Supplier<? extends BaseRequestHandler> handlerFactory) {
        this.address = Objects.requireNonNull(address, "address");
        this.handlerFactory = Objects.requireNonNull(handlerFactory, "handlerFactory");
        if (address.isUnresolved()) throw new IllegalArgumentException("unresolved address: " + address);
    }

    /** A copy, so that a builder used again does not change the servers it already built. */
    ServerConfig copy() {
        ServerConfig c = new ServerConfig(address, handlerFactory);
        c.allowReuseAddress = allowReuseAddress;
        c.requestQueueSize = requestQueueSize;
        c.timeout = timeout;
        c.verifyRequest = verifyRequest;
        c.errorHandler = errorHandler;
        c.daemonThreads = daemonThreads;
        c.blockOnClose = blockOnClose;
        return c;
    }

    void requestQueueSize(int n) {
        if (n <= 0) throw new IllegalArgumentException("requestQueueSize must be positive: " + n);
        requestQueueSize = n;
    }

    void timeout(Duration t) {
        Objects.requireNonNull(t, "timeout");
        if (t.isNegative() || t.isZero()) throw new IllegalArgumentException("timeout must be positive: " + t);
        timeout = Optional.of(t);
    }

    void verifyRequest(Predicate<InetSocketAddress> p) {
        verifyRequest = Objects.requireNonNull(p, "verifyRequest");
    }

    void errorHandler(BiConsumer<InetSocketAddress, Throwable> h) {
        errorHandler = Objects.requireNonNull(h, "errorHandler");
    }
}
