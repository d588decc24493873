package io.github.concurrent4j.transport.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.concurrent4j.transport.AuthenticationException;
import io.github.concurrent4j.transport.SerializationException;

/**
 * The one authentication call: {@link #accept} and {@link #connect} turn a fresh socket into a
 * ready, authenticated {@link FramedChannel}, or close it and throw. Every socket concurrent4j
 * reads objects from (listener, client, the control link between a parent and its children)
 * goes through one of them.
 *
 * <p>What they do, in order: the accepting side checks the peer's credentials on a Unix-domain
 * socket ({@link PeerCredentials}: another user is refused unless the options allow it); both
 * sides then run the mutual HMAC-SHA256 challenge-response of Python 3.12's
 * {@code multiprocessing.connection}, byte for byte, so each side proves it knows the
 * {@code authkey} without sending it; only then is the frame limit raised from
 * {@link #MAX_HANDSHAKE_FRAME} to the options' limit.
 *
 * <pre>
 *  server (accepting side)                          client (connecting side)
 *    "#CHALLENGE#{sha256}" + 40 random bytes  ---&gt;
 *                                             &lt;---  "{sha256}" + HMAC(key, "{sha256}" + random)
 *    "#WELCOME#" | "#FAILURE#"                ---&gt;
 *                                             &lt;---  "#CHALLENGE#{sha256}" + 40 random bytes
 *    "{sha256}" + HMAC(key, ...)              ---&gt;
 *                                             &lt;---  "#WELCOME#" | "#FAILURE#"
 * </pre>
 *
 * <p>Python 3.11 and older speak a legacy form: a bare 20-byte challenge and a bare 16-byte
 * HMAC-MD5 answer. It is accepted only when {@link Options#legacyMd5()} asks for it on that
 * connection; otherwise a legacy challenge or answer fails the handshake (so a peer cannot
 * downgrade the digest). The SHA-256 HMAC is {@link HmacSha256} (the JDK's providers cost a
 * fresh child JVM 160 ms of CPU); legacy MD5 uses the JDK's.
 *
 * <p>Frames are limited to {@link #MAX_HANDSHAKE_FRAME} bytes until both sides are through,
 * digests are compared in constant time, and the whole exchange has a deadline, so a silent or
 * garbage-sending peer gets an {@link AuthenticationException}, never a hang or an allocation of
 * its choosing; nothing the peer sends is decoded before it is authenticated.
 */
public final class Handshake {
    /** Frame limit while the peer is unauthenticated (Python uses 256 too). */
    public static final int MAX_HANDSHAKE_FRAME = 256;
    /** Default deadline for the whole exchange. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final byte[] CHALLENGE = ascii("#CHALLENGE#");
    private static final byte[] WELCOME = ascii("#WELCOME#");
    private static final byte[] FAILURE = ascii("#FAILURE#");
    private static final byte[] SHA256 = ascii("{sha256}");
    /** Python 3.12's {@code MESSAGE_LENGTH}. */
    private static final int NONCE_BYTES = 40;
    /** Python 3.11's challenge length and HMAC-MD5's digest length. */
    private static final int LEGACY_CHALLENGE = 20, MD5_DIGEST = 16;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "c4j-handshake-timer");
        t.setDaemon(true);
        return t;
    });

    private Handshake() {}

    /**
     * How to authenticate a connection.
     *
     * @param authkey    the shared secret (non-empty; copied)
     * @param timeout    deadline for the whole exchange
     * @param maxFrame   the frame limit once authenticated
     * @param legacyMd5  also accept Python 3.11's HMAC-MD5 handshake (never by default)
     * @param otherUsers accept a Unix-domain peer of another user (never by default)
     */
    public record Options(byte[] authkey, Duration timeout, int maxFrame, boolean legacyMd5, boolean otherUsers) {
        public Options {
            checkKey(authkey);
            authkey = authkey.clone();
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("handshake timeout must be positive: " + timeout);
            if (maxFrame < MAX_HANDSHAKE_FRAME) throw new IllegalArgumentException("frame limit below " + MAX_HANDSHAKE_FRAME + ": " + maxFrame);
        }

        /** The defaults: 10 s, {@link FramedChannel#MAX_FRAME}, SHA-256 only, same user only. */
        public static Options of(byte[] authkey) {
            return new Options(authkey, DEFAULT_TIMEOUT, FramedChannel.MAX_FRAME, false, false);
        }

        @Override
        public byte[] authkey() {
            return authkey.clone();
        }

        public Options withTimeout(Duration t) {
            return new Options(authkey, t, maxFrame, legacyMd5, otherUsers);
        }

        public Options withMaxFrame(int limit) {
            return new Options(authkey, timeout, limit, legacyMd5, otherUsers);
        }

        public Options withLegacyMd5(boolean on) {
            return new Options(authkey, timeout, maxFrame, on, otherUsers);
        }

        public Options withOtherUsers(boolean on) {
            return new Options(authkey, timeout, maxFrame, legacyMd5, on);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Options p && Arrays.equals(authkey, p.authkey) && timeout.equals(p.timeout)
                    && maxFrame == p.maxFrame && legacyMd5 == p.legacyMd5 && otherUsers == p.otherUsers;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(authkey), timeout, maxFrame, legacyMd5, otherUsers);
        }

        @Override
        public String toString() {
            return "Handshake.Options[authkey=(" + authkey.length + " bytes), timeout=" + timeout + ", maxFrame=" + maxFrame
                    + ", legacyMd5=" + legacyMd5 + ", otherUsers=" + otherUsers + "]";
        }
    }

    /**
     * The accepting side: checks the peer's user (Unix-domain sockets), challenges the peer, then
     * answers its challenge. Returns the authenticated channel with the options' frame limit; on
     * any failure closes {@code socket} and throws {@link AuthenticationException}.
     */
    public static FramedChannel accept(SocketChannel socket, Options options) {
        FramedChannel ch = wrap(socket);
        try {
            PeerCredentials.check(socket, options.otherUsers());
        } catch (AuthenticationException e) {
            ch.close();
            throw e;
        }
        run(ch, options, true);
        return ch;
    }

    /** The connecting side: answers the peer's challenge, then challenges it; as {@link #accept} otherwise. */
    public static FramedChannel connect(SocketChannel socket, Options options) {
        FramedChannel ch = wrap(socket);
        run(ch, options, false);
        return ch;
    }

    private static FramedChannel wrap(SocketChannel socket) {
        try {
            return new FramedChannel(socket, MAX_HANDSHAKE_FRAME);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // failing already
            }
            throw new UncheckedIOException("cannot set up the connection: " + e.getMessage(), e);
        }
    }

    private static void run(FramedChannel ch, Options o, boolean server) {
        ch.setMaxFrame(MAX_HANDSHAKE_FRAME);
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> alarm = TIMER.schedule(() -> {
            timedOut.set(true);
            ch.close();
        }, o.timeout().toNanos(), TimeUnit.NANOSECONDS);
        try {
            if (server) {
                deliverChallenge(ch, o);
                answerChallenge(ch, o);
            } else {
                answerChallenge(ch, o);
                deliverChallenge(ch, o);
            }
        } catch (IOException | SerializationException | io.github.concurrent4j.InterruptedRuntimeException e) {
            ch.close();
            String why = timedOut.get() ? "no answer within " + o.timeout().toMillis() + " ms" : e.toString();
            throw new AuthenticationException("handshake failed: " + why, e);
        } catch (AuthenticationException e) {
            ch.close();
            throw e;
        } finally {
            alarm.cancel(false);
        }
        if (!ch.isOpen()) throw new AuthenticationException("handshake failed: no answer within " + o.timeout().toMillis() + " ms");
        ch.setMaxFrame(o.maxFrame());
    }

    private static void deliverChallenge(FramedChannel ch, Options o) throws IOException {
        byte[] key = o.authkey;
        byte[] message = concat(SHA256, HmacSha256.randomBytes(NONCE_BYTES));
        ch.write(concat(CHALLENGE, message));
        byte[] response = ch.read();
        boolean ok;
        if (response.length != MD5_DIGEST && response.length != LEGACY_CHALLENGE && startsWith(response, SHA256)) {
            ok = HmacSha256.constantTimeEquals(response, concat(SHA256, HmacSha256.mac(key, message)));
        } else if (response.length == MD5_DIGEST && o.legacyMd5()) {
            ok = HmacSha256.constantTimeEquals(response, hmacMd5(key, message));
        } else {
            refuse(ch);
            throw new AuthenticationException(response.length == MD5_DIGEST
                    ? "the peer answered with the legacy HMAC-MD5 digest of Python 3.11 or older; allow it on this"
                            + " connection with legacyMd5 (Listener.builder().legacyMd5(true))"
                    : "protocol error: expected a {sha256} digest, got " + response.length + " other bytes");
        }
        if (!ok) {
            refuse(ch);
            throw new AuthenticationException("digest received was wrong: the peer does not have this authkey");
        }
        ch.write(WELCOME);
    }

    private static void refuse(FramedChannel ch) {
        try {
            ch.write(FAILURE);
        } catch (IOException ignored) {
            // the peer may be gone already; the refusal stands either way
        }
    }

    private static void answerChallenge(FramedChannel ch, Options o) throws IOException {
        byte[] challenge = ch.read();
        if (!startsWith(challenge, CHALLENGE)) {
            throw new AuthenticationException("protocol error: expected a #CHALLENGE#, got " + challenge.length + " other bytes");
        }
        byte[] message = Arrays.copyOfRange(challenge, CHALLENGE.length, challenge.length);
        byte[] answer;
        // As Python's _get_digest_name_and_payload: a 20-byte challenge is legacy MD5 whatever it starts with.
        if (message.length == LEGACY_CHALLENGE) {
            if (!o.legacyMd5()) {
                throw new AuthenticationException("the peer sent the legacy HMAC-MD5 challenge of Python 3.11 or older;"
                        + " allow it on this connection with legacyMd5 (Client.builder(address).legacyMd5(true))");
            }
            answer = hmacMd5(o.authkey, message);
        } else if (startsWith(message, SHA256) && message.length > LEGACY_CHALLENGE) {
            answer = concat(SHA256, HmacSha256.mac(o.authkey, message));
        } else {
            throw new AuthenticationException("protocol error: expected a {sha256} challenge, got " + message.length + " other bytes");
        }
        ch.write(answer);
        byte[] verdict = ch.read();
        if (!Arrays.equals(verdict, WELCOME)) {
            throw new AuthenticationException("digest sent was rejected: the peer has a different authkey");
        }
    }

    private static byte[] hmacMd5(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new AuthenticationException("HMAC-MD5 is not available in this JVM: " + e, e);
        }
    }

    static void checkKey(byte[] authkey) {
        if (authkey == null || authkey.length == 0) {
            throw new IllegalArgumentException("authkey must be a non-empty byte array");
        }
    }

    /** A fresh random authkey (32 bytes, as Python's {@code os.urandom(32)}). */
    public static byte[] newAuthkey() {
        return HmacSha256.randomBytes(32);
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        return a.length >= prefix.length && Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
