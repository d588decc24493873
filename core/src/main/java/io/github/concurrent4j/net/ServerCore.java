package io.github.concurrent4j.net;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.internal.Lifecycle;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The machinery of Python's {@code socketserver.BaseServer} + {@code TCPServer}, shared by
 * {@link TCPServer} and {@link ThreadingTCPServer}, which differ only in how they process an
 * accepted request ({@link Dispatcher}: in the serving thread, or on a new virtual thread).
 *
 * <p>Implementation notes. The listening channel is non-blocking and registered with a
 * {@link DefaultSelector}, as in CPython (whose {@code serve_forever} selects on the socket with
 * {@code poll_interval}); {@code shutdown()} also wakes that selector, so it does not wait for the
 * poll interval. {@code lock} guards {@code busy} (the thread in serveForever or handleRequest),
 * {@code servingForever} and the moves of {@code life}; {@code shutdownRequest} is volatile because
 * the serving loop reads it without the lock.
 *
 * <p>Lifecycle ({@link Lifecycle}, the library's one): RUNNING once bound and listening (Python's
 * {@code bind_and_activate}); {@code serverClose()} moves it to STOPPING (from then on the server
 * is closed: serving is refused), and to TERMINATED once the listening socket is closed.
 */
final class ServerCore {
    /** Python's {@code process_request}: what to do with an accepted, verified connection. */
    interface Dispatcher {
        void process(SocketChannel request, InetSocketAddress client) throws Exception;
    }

    private final BaseServer owner;
    private final ServerConfig config;
    private final ServerSocketChannel listener;
    private final InetSocketAddress address;
    private final DefaultSelector<Void> selector = Selectors.defaultSelector();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopped = lock.newCondition();
    private final Lifecycle life = new Lifecycle("the server");
    private Thread busy;                    // guarded by lock
    private boolean servingForever;         // guarded by lock
    private volatile boolean shutdownRequest;

    /** Python's {@code server_bind()} + {@code server_activate()}. */
    ServerCore(BaseServer owner, ServerConfig config) {
        this.owner = owner;
        this.config = config;
        ServerSocketChannel ch = null;
        try {
            ch = ServerSocketChannel.open(config.address.getAddress() instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            // The JDK turns SO_REUSEADDR on by default on Unix; Python leaves it off unless asked.
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, config.allowReuseAddress);
            ch.bind(config.address, config.requestQueueSize);
            ch.configureBlocking(false);
            address = (InetSocketAddress) ch.getLocalAddress();
            selector.register(ch, Selectors.EVENT_READ);
        } catch (IOException e) {
            closeQuietly(ch);
            selector.close();
            throw new UncheckedIOException("cannot listen on " + config.address + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            selector.close();
            throw e;
        }
        listener = ch;
        life.running();
    }

    InetSocketAddress address() {
        return address;
    }

    ServerConfig config() {
        return config;
    }

    void serveForever(Duration pollInterval, Dispatcher dispatcher) {
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
        }
        enter(true);
        try {
            while (!shutdownRequest) {
                boolean ready = !selector.select(pollInterval).isEmpty();
                if (shutdownRequest) break;      // shutdown() during select: stop at once (bpo-35017)
                if (ready) handleRequestNoblock(dispatcher);
            }
        } finally {
            lock.lock();
            try {
                shutdownRequest = false;
                servingForever = false;
                busy = null;
                stopped.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    boolean handleRequest(Dispatcher dispatcher) {
        enter(false);
        try {
            long deadline = config.timeout.map(t -> System.nanoTime() + t.toNanos()).orElse(0L);
            while (true) {
                boolean ready;
                if (config.timeout.isEmpty()) {
                    ready = !selector.select().isEmpty();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) return false;        // Python: handle_timeout()
                    ready = !selector.select(Duration.ofNanos(left)).isEmpty();
                }
                if (ready) {
                    handleRequestNoblock(dispatcher);
                    return true;
                }
            }
        } finally {
            lock.lock();
            try {
                busy = null;
            } finally {
                lock.unlock();
            }
        }
    }

    void shutdown() {
        lock.lock();
        try {
            if (servingForever && busy == Thread.currentThread()) {
                throw new IllegalStateException("shutdown() called from the thread running serveForever() would wait "
                        + "for itself (Python deadlocks here); call it from another thread");
            }
            shutdownRequest = true;
            if (servingForever) selector.wakeup();
            while (servingForever) stopped.await();
        } catch (InterruptedException e) {
            throw new InterruptedRuntimeException(e);
        } finally {
            lock.unlock();
        }
    }

    /** Closes the listening socket, after stopping a serveForever running in another thread. */
    void serverClose() {
        while (true) {
            lock.lock();
            try {
                if (life.isClosed()) return;
                if (!servingForever || busy == Thread.currentThread()) {
                    life.stopping();
                    shutdownRequest = true;     // a handler closing its own synchronous server: stop the loop
                    break;
                }
            } finally {
                lock.unlock();
            }
            shutdown();
        }
        closeQuietly(listener);
        selector.close();
        life.terminated();
    }

    /** Python's {@code _handle_request_noblock}: accept one connection, verify it, process it. */
    private void handleRequestNoblock(Dispatcher dispatcher) {
        SocketChannel request;
        InetSocketAddress client;
        try {
            request = listener.accept();
            if (request == null) return;            // the client gave up between select and accept
        } catch (IOException e) {
            return;                                 // Python: get_request() raised OSError
        }
        try {
            client = (InetSocketAddress) request.getRemoteAddress();
        } catch (IOException e) {
            closeQuietly(request);
            return;
        }
        try {
            if (config.verifyRequest.test(client)) {
                dispatcher.process(request, client);
            } else {
                shutdownRequest(request);
            }
        } catch (Exception e) {
            handleError(client, e);
            shutdownRequest(request);
        } catch (Error e) {
            shutdownRequest(request);
            throw e;
        }
    }

    /** Python's {@code finish_request}: a fresh handler serves the request. */
    void finishRequest(SocketChannel request, InetSocketAddress client) throws Exception {
        BaseRequestHandler handler = config.handlerFactory.get();
        if (handler == null) throw new NullPointerException("the handler factory returned null");
        handler.serve(request.socket(), client, owner);
    }

    /** Python's {@code handle_error}: reports a failed request; the server goes on. */
    void handleError(InetSocketAddress client, Throwable error) {
        try {
            config.errorHandler.accept(client, error);
        } catch (RuntimeException e) {
            e.addSuppressed(error);
            printError(client, e);
        }
    }

    /** Python's {@code shutdown_request}: half-close (so the client sees the end), then close. */
    static void shutdownRequest(SocketChannel request) {
        try {
            request.shutdownOutput();
        } catch (IOException | RuntimeException e) {
            // already closed, reset by the peer: nothing left to tell the client
        }
        closeQuietly(request);
    }

    /** The default error handler: what Python's {@code handle_error} prints. */
    static void printError(InetSocketAddress client, Throwable error) {
        PrintStream err = System.err;
        synchronized (err) {
            err.println("-".repeat(40));
            err.println("Exception occurred during processing of request from " + client);
            error.printStackTrace(err);
            err.println("-".repeat(40));
        }
    }

    private void enter(boolean forever) {
        lock.lock();
        try {
            life.checkOpen();
            if (busy != null) {
                throw new IllegalStateException("the server is already serving in " + busy
                        + "; serveForever/handleRequest run in one thread at a time");
            }
            busy = Thread.currentThread();
            servingForever = forever;
        } finally {
            lock.unlock();
        }
    }

    static void closeQuietly(java.nio.channels.Channel ch) {
        if (ch == null) return;
        try {
            ch.close();
        } catch (IOException e) {
            // closing: nothing useful to do with the error
        }
    }
}
