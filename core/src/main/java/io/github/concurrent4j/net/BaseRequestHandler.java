package io.github.concurrent4j.net;

import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The equivalent of Python's {@code socketserver.BaseRequestHandler}: the object that serves
 * one connection. A server creates a new handler for each connection (from the factory it was
 * given, typically {@code MyHandler::new}) and calls {@link #setup()}, {@link #handle()} and,
 * even when {@code handle} throws, {@link #finish()}. Subclass it and override {@code handle}.
 *
 * <pre>{@code
 * final class UpperHandler extends BaseRequestHandler {      // Python: class UpperHandler(BaseRequestHandler)
 *     @Override protected void handle() throws IOException {
 *         byte[] buf = new byte[1024];
 *         int n;
 *         while ((n = request().getInputStream().read(buf)) > 0)   // self.request.recv(1024)
 *             request().getOutputStream().write(new String(buf, 0, n, UTF_8).toUpperCase().getBytes(UTF_8));
 *     }
 * }
 * }</pre>
 *
 * <p>Differences from Python: {@link #request()} is a connected, blocking {@link Socket} (Python's
 * socket object; its {@link Socket#getChannel() channel} is available too). Handler methods may
 * throw any exception; the server reports it (see {@code errorHandler} of the server builders,
 * Python's {@code handle_error}) and closes the connection, and goes on serving. This is an
 * abstract class rather than an interface because Python's handlers are classes whose subclasses
 * extend the hooks (as {@link StreamRequestHandler} does).
 *
 * <p>Thread safety: a handler serves one connection in one thread; it needs no synchronization
 * of its own. State shared between handlers (of a {@link ThreadingTCPServer}) does.
 *
 * <p>Memory consistency effects: actions in the thread that created the server and accepted
 * the connection happen-before {@code setup()}; {@code setup}, {@code handle} and
 * {@code finish} run in program order in one thread.
 */
public abstract class BaseRequestHandler {
    private Socket request;
    private InetSocketAddress clientAddress;
    private BaseServer server;

    /** For subclasses. The server fills in the request, client address and server before {@link #setup()}. */
    protected BaseRequestHandler() {}

    /** Python's {@code self.request}: the connected socket of this request. */
    protected final Socket request() {
        return request;
    }

    /** Python's {@code self.client_address}: the address of the client. */
    protected final InetSocketAddress clientAddress() {
        return clientAddress;
    }

    /** Python's {@code self.server}: the server that accepted this request. */
    protected final BaseServer server() {
        return server;
    }

    /** Python's {@code setup()}: called before {@link #handle()}; does nothing by default. */
    protected void setup() throws Exception {}

    /** Python's {@code handle()}: serves the request. */
    protected abstract void handle() throws Exception;

    /**
     * Python's {@code finish()}: called after {@link #handle()}, even if it threw (but not if
     * {@link #setup()} threw); does nothing by default.
     */
    protected void finish() throws Exception {}

    /** Python's {@code BaseRequestHandler.__init__}: setup, then handle, then finish. */
    final void serve(Socket request, InetSocketAddress clientAddress, BaseServer server) throws Exception {
        if (this.request != null) {
            throw new IllegalStateException("a request handler serves one request; the factory returned a used one: " + this);
        }
        this.request = request;
        this.clientAddress = clientAddress;
        this.server = server;
        setup();
        try {
            handle();
        } finally {
            finish();
        }
    }
}
