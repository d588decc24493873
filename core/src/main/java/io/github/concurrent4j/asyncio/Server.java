package io.github.concurrent4j.asyncio;

import io.github.concurrent4j.coroutine.internal.IoHandle;
import io.github.concurrent4j.coroutine.internal.Loop;
import io.github.concurrent4j.coroutine.internal.WaitQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;

/**
 * The equivalent of Python's {@code asyncio.Server} (what {@code asyncio.start_server}
 * returns): a listening socket whose accept loop runs as a task of the loop, starting one
 * task per connection.
 *
 * <p><b>Differences from Python.</b> When a connection's handler returns (or fails), its
 * writer is closed if the handler did not close it (Python leaves the transport open until
 * the writer is garbage-collected). A handler's exception is reported to the loop's exception
 * handler, except for connection errors ({@link UncheckedIOException}) and cancellation.
 *
 * <p><b>Thread safety.</b> Used from tasks of its loop, except {@link #port()}.
 *
 * <p><b>Memory consistency effects.</b> None beyond those of the loop.
 */
public final class Server implements AutoCloseable {
    private final EventLoop loop;
    private final Loop rt;
    private final ServerSocketChannel ch;
    private final IoHandle io;
    private final int port;
    private final Asyncio.ClientConnected handler;
    private final WaitQueue closedWaiters = new WaitQueue();
    private Task<Void> acceptor;
    private int connections;
    private boolean closed;

    Server(EventLoop loop, ServerSocketChannel ch, Asyncio.ClientConnected handler) throws IOException {
        this.loop = loop;
        this.rt = loop.rt;
        this.ch = ch;
        this.io = rt.ioHandle(ch);
        this.port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
        this.handler = handler;
    }

    void startServing() {
        acceptor = loop.createTask(() -> {
            acceptLoop();
            return null;
        }, "asyncio-server-" + port);
    }

    private void acceptLoop() {
        while (!closed) {
            java.nio.channels.SocketChannel c;
            try {
                c = ch.accept();
            } catch (IOException e) {
                if (closed) return;
                throw new UncheckedIOException(e);
            }
            if (c == null) {
                try {
                    rt.awaitIo(io, SelectionKey.OP_ACCEPT, -1);
                } catch (UncheckedIOException e) {
                    if (closed) return;
                    throw e;
                }
                continue;
            }
            StreamPair p;
            try {
                p = Streams.wrap(loop, c);
            } catch (IOException | UncheckedIOException e) {
                continue;   // the client went away before we looked at it
            }
            connections++;
            loop.createTask(() -> {
                serve(p);
                return null;
            });
        }
    }

    private void serve(StreamPair p) {
        try {
            handler.handle(p.reader(), p.writer());
        } catch (UncheckedIOException | CancelledException e) {
            // the client went away, or the server is shutting down
        } catch (Throwable t) {
            rt.reportException("unhandled exception in client_connected_cb", t);
        } finally {
            p.writer().close();
            if (--connections == 0) closedWaiters.wakeAll(rt);
        }
    }

    /** The bound port; any thread may read it. */
    public int port() {
        return port;
    }

    /** The bound address ({@code server.sockets[0].getsockname()}). */
    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) ch.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether it accepts connections ({@code is_serving()}). */
    public boolean isServing() {
        return !closed;
    }

    /** Waits until the server is closed ({@code serve_forever()}). */
    public void serveForever() {
        while (!closed) closedWaiters.await(rt, -1, null);
    }

    /** Stops listening; connections being handled go on ({@code close()}). */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        rt.closeIo(io);
        if (acceptor != null) acceptor.cancel();
        closedWaiters.wakeAll(rt);
    }

    /** Waits until it is closed and its connections are done ({@code wait_closed()}). */
    public void waitClosed() {
        while (!closed || connections > 0) closedWaiters.await(rt, -1, null);
    }

    @Override
    public String toString() {
        return "<Server port=" + port + (closed ? " closed" : " serving") + ">";
    }
}
