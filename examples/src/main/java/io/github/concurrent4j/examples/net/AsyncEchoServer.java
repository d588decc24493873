package io.github.concurrent4j.examples.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * I/O model 5, <b>asynchronous I/O</b> (异步I/O), with NIO.2's {@link AsynchronousSocketChannel}:
 * the program asks for an operation ("read into this buffer") and is called back when it is
 * <i>done</i> — the data are already in the buffer. No thread waits for readiness and then
 * copies, as in the multiplexing model, where the callback means "you may read now".
 *
 * <pre>
 * accept ──completed(conn)──▶ read(buf) ──completed(n)──▶ write(buf) ──completed──▶ read(buf) ...
 *   ▲ (accept again at once)                ╰─ n &lt; 0: close       ╰─ partial: write the rest first
 * </pre>
 *
 * The callbacks run on the threads of an {@link AsynchronousChannelGroup} (here one per core).
 * On Linux the JDK implements this model over epoll and that thread pool (a proactor emulated on
 * a reactor); on Windows it uses the kernel's completion ports, which is asynchronous I/O in the
 * strict sense. Python's nearest equivalents are asyncio's protocols/transports and Windows'
 * proactor event loop.
 *
 * <p>Run: {@code examples/run echo-async} (demo) or {@code ... --serve} (benchmark mode).
 */
public final class AsyncEchoServer {
    private AsyncEchoServer() {}

    public static void main(String[] args) throws Exception {
        EchoMain.run(args, "asynchronous I/O: completion callbacks (NIO.2 AsynchronousSocketChannel)",
                AsyncEchoServer::start);
    }

    static EchoServer start(InetSocketAddress address) throws IOException {
        AsynchronousChannelGroup group = AsynchronousChannelGroup.withFixedThreadPool(
                Runtime.getRuntime().availableProcessors(),
                Thread.ofPlatform().daemon().name("echo-async-", 0).factory());
        AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open(group);
        server.bind(address, 1024);
        AtomicLong completions = new AtomicLong();
        server.accept(null, new CompletionHandler<AsynchronousSocketChannel, Void>() {
            @Override
            public void completed(AsynchronousSocketChannel conn, Void unused) {
                server.accept(null, this);                   // ask for the next client at once
                try {
                    conn.setOption(StandardSocketOptions.TCP_NODELAY, true);
                } catch (IOException e) {
                    closeQuietly(conn);
                    return;
                }
                new Conn(conn, completions).read();
            }

            @Override
            public void failed(Throwable exc, Void unused) {
                if (server.isOpen()) server.accept(null, this);   // one failed accept; go on
            }
        });
        return new EchoServer() {
            @Override
            public int port() {
                try {
                    return ((InetSocketAddress) server.getLocalAddress()).getPort();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public String stats() {
                return completions.get() + " completed reads and writes, each delivered to a callback with the data already moved";
            }

            @Override
            public void close() {
                try {
                    group.shutdownNow();                     // closes the server and every connection
                    group.awaitTermination(10, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException("closing the server", e);
                }
            }
        };
    }

    /** One client: read → write (all of it) → read ..., each step started by the previous one's completion. */
    private static final class Conn {
        private final AsynchronousSocketChannel ch;
        private final AtomicLong completions;
        private final ByteBuffer buf = ByteBuffer.allocateDirect(65536);

        private final CompletionHandler<Integer, Void> onRead = new CompletionHandler<>() {
            @Override
            public void completed(Integer n, Void unused) {
                completions.incrementAndGet();
                if (n < 0) {
                    closeQuietly(ch);
                    return;
                }
                buf.flip();
                ch.write(buf, null, onWrite);
            }

            @Override
            public void failed(Throwable exc, Void unused) {
                closeQuietly(ch);
            }
        };

        private final CompletionHandler<Integer, Void> onWrite = new CompletionHandler<>() {
            @Override
            public void completed(Integer n, Void unused) {
                completions.incrementAndGet();
                if (buf.hasRemaining()) {
                    ch.write(buf, null, this);              // a partial write: send the rest first
                } else {
                    read();
                }
            }

            @Override
            public void failed(Throwable exc, Void unused) {
                closeQuietly(ch);
            }
        };

        Conn(AsynchronousSocketChannel ch, AtomicLong completions) {
            this.ch = ch;
            this.completions = completions;
        }

        void read() {
            buf.clear();
            ch.read(buf, null, onRead);
        }
    }

    private static void closeQuietly(AsynchronousSocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
