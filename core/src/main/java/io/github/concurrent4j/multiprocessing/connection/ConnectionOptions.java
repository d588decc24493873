package io.github.concurrent4j.multiprocessing.connection;

import java.time.Duration;
import java.util.Objects;

import io.github.concurrent4j.multiprocessing.Multiprocessing;
import io.github.concurrent4j.transport.Codec;
import io.github.concurrent4j.transport.internal.Handshake;
import io.github.concurrent4j.transport.Serialization;

/**
 * The equivalent of the keyword arguments that Python's {@code Listener(...)} and
 * {@code Client(...)} share ({@code authkey}), and what concurrent4j adds to them: the codec of
 * {@code send}/{@code recv} (e.g. {@link io.github.concurrent4j.transport.PickleCodec} to talk
 * to Python), the legacy HMAC-MD5 handshake of Python 3.11 (off unless asked for) and the
 * handshake's deadline. {@link Listener.Builder} and {@link Client.Builder} extend it.
 *
 * <p>Not thread-safe: a builder belongs to the thread that fills it. Memory consistency
 * effects: none beyond those of the connection it opens.
 *
 * @param <B> the concrete builder, returned by each setter
 */
public abstract sealed class ConnectionOptions<B extends ConnectionOptions<B>> permits Listener.Builder, Client.Builder {
    private byte[] authkey;
    private Codec codec;
    private boolean legacyMd5;
    private Duration handshakeTimeout = Handshake.DEFAULT_TIMEOUT;

    ConnectionOptions() {}

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The shared secret (default: the current process's {@code authkey}). */
    public B authkey(byte[] key) {
        if (key == null || key.length == 0) throw new IllegalArgumentException("authkey must be a non-empty byte array");
        authkey = key.clone();
        return self();
    }

    /** The codec of {@code send}/{@code recv} (default: {@link Serialization#codec()}). */
    public B codec(Codec c) {
        codec = Objects.requireNonNull(c, "codec");
        return self();
    }

    /** Also speak Python 3.11's (and older) HMAC-MD5 handshake on this connection. Off by default. */
    public B legacyMd5(boolean on) {
        legacyMd5 = on;
        return self();
    }

    /** How long the peer may take to complete the handshake (default 10 s). */
    public B handshakeTimeout(Duration t) {
        if (t.isNegative() || t.isZero()) throw new IllegalArgumentException("handshake timeout must be positive: " + t);
        handshakeTimeout = t;
        return self();
    }

    /** The codec, or null for the process-wide one. */
    Codec codecOrNull() {
        return codec;
    }

    /** The handshake options these settings make. */
    Handshake.Options handshake() {
        byte[] key = authkey != null ? authkey : Multiprocessing.currentProcess().authkey();
        return Handshake.Options.of(key).withTimeout(handshakeTimeout).withLegacyMd5(legacyMd5);
    }
}
