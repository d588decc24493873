package io.github.concurrent4j.net;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

/**
 * The equivalent of Python's {@code socketserver.StreamRequestHandler}: a
 * {@link BaseRequestHandler} whose {@link #setup()} opens the connection as two streams,
 * {@link #rfile()} (buffered, for reading lines or bytes) and {@link #wfile()} (unbuffered by
 * default, as Python's {@code wbufsize = 0}), and whose {@link #finish()} flushes
 * {@code wfile}.
 *
 * <pre>{@code
 * final class LineUpper extends StreamRequestHandler {
 *     @Override protected Optional<Duration> timeout() { return Optional.of(Duration.ofSeconds(30)); }
 *     @Override protected void handle() throws IOException {
 *         byte[] line;
 *         while ((line = readline()).length > 0)                           // self.rfile.readline()
 *             wfile().write(new String(line, UTF_8).toUpperCase().getBytes(UTF_8));
 *     }
 * }
 * }</pre>
 *
 * <p>Python's class attributes are overridable methods here: {@link #timeout()} (a read
 * timeout on the socket: a silent client then makes {@code handle} fail with
 * {@link java.net.SocketTimeoutException} instead of holding the handler for ever),
 * {@link #disableNagleAlgorithm()}, {@link #rbufsize()} and {@link #wbufsize()}. Differences from
 * Python: {@code rfile}'s {@code readline} is the handler's {@link #readline()}, since
 * {@link InputStream} has none; {@code finish()} does not close the streams, because closing a
 * socket stream closes the socket, which the server does right after anyway.
 *
 * <p>Thread safety and memory consistency effects: as {@link BaseRequestHandler}.
 */
public abstract class StreamRequestHandler extends BaseRequestHandler {
    private InputStream rfile;
    private OutputStream wfile;

    /** For subclasses. */
    protected StreamRequestHandler() {}

    /** Python's {@code timeout}: the socket read timeout; empty (the default) means none. */
    protected Optional<Duration> timeout() {
        return Optional.empty();
    }

    /** Python's {@code disable_nagle_algorithm}: sets TCP_NODELAY when true; false by default. */
    protected boolean disableNagleAlgorithm() {
        return false;
    }

    /** Python's {@code rbufsize}: the buffer of {@link #rfile()} in bytes; 8192 by default. */
    protected int rbufsize() {
        return 8192;
    }

    /** Python's {@code wbufsize}: the buffer of {@link #wfile()} in bytes; 0 (unbuffered) by default. */
    protected int wbufsize() {
        return 0;
    }

    /** Python's {@code self.rfile}: the buffered input stream of the connection (after {@code setup}). */
    protected final InputStream rfile() {
        return rfile;
    }

    /** Python's {@code self.wfile}: the output stream of the connection (after {@code setup}). */
    protected final OutputStream wfile() {
        return wfile;
    }

    /**
     * Python's {@code rfile.readline()}: the bytes up to and including the next {@code '\n'},
     * or up to the end of the stream; an empty array at the end of the stream. A client that
     * never sends a newline makes this grow without bound: see {@link #readline(int)}.
     */
    protected final byte[] readline() throws IOException {
        return readline(Integer.MAX_VALUE);
    }

    /**
     * Python's {@code rfile.readline(limit)}: as {@link #readline()}, but returns after at most
     * {@code limit} bytes even without a newline.
     *
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    protected final byte[] readline(int limit) throws IOException {
        if (limit < 0) throw new IllegalArgumentException("negative limit: " + limit);
        if (rfile == null) throw new IllegalStateException("readline() before setup(): the streams are not open yet");
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (line.size() < limit) {
            int b = rfile.read();
            if (b < 0) break;
            line.write(b);
            if (b == '\n') break;
        }
        return line.toByteArray();
    }

    /** Opens {@link #rfile()} and {@link #wfile()}, after applying the timeout and TCP_NODELAY. */
    @Override
    protected void setup() throws Exception {
        Socket s = request();
        Optional<Duration> t = timeout();
        if (t.isPresent()) {
            Duration d = t.get();
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("timeout() must be positive: " + d);
            s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis())));
        }
        if (disableNagleAlgorithm()) s.setTcpNoDelay(true);
        int rb = rbufsize();
        int wb = wbufsize();
        if (rb < 0 || wb < 0) throw new IllegalArgumentException("rbufsize()/wbufsize() must not be negative: " + rb + "/" + wb);
        rfile = rb == 0 ? s.getInputStream() : new BufferedInputStream(s.getInputStream(), rb);
        wfile = wb == 0 ? s.getOutputStream() : new BufferedOutputStream(s.getOutputStream(), wb);
    }

    /** Flushes {@link #wfile()} (a connection the client already closed is not an error here, as in Python). */
    @Override
    protected void finish() throws Exception {
        if (wfile != null && !request().isClosed()) {
            try {
                wfile.flush();
            } catch (IOException e) {
                // Python: "A final socket error may have occurred here, such as the local
                // error ECONNABORTED." — ignored.
            }
        }
    }
}
