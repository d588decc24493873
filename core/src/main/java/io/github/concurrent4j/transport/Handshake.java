package io.github.concurrent4j.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Mutual HMAC-SHA256 challenge-response on a fresh {@link FramedChannel}, as Python 3.12's
 * {@code multiprocessing.connection} does it: each side proves it knows the {@code authkey}
 * without sending it.
 *
 * <pre>
 *  server (accepting side)                          client (connecting side)
 *    "#CHALLENGE#{sha256}" + 32 random bytes  --->
 *                                             <---  "{sha256}" + HMAC(key, "{sha256}" + random)
 *    "#WELCOME#" | "#FAILURE#"                --->
 *                                             <---  "#CHALLENGE#{sha256}" + 32 random bytes
 *    "{sha256}" + HMAC(key, ...)              --->
 *                                             <---  "#WELCOME#" | "#FAILURE#"
 * </pre>
 *
 * The digest is {@link HmacSha256} (the JDK's providers cost a fresh child JVM 160 ms of CPU).
 * Frames are limited to {@link #MAX_HANDSHAKE_FRAME} bytes until both sides are through,
 * digests are compared in constant time, and the whole exchange has a deadline, so a
 * silent or garbage-sending peer gets an {@link AuthenticationException}, never a hang or an
 * allocation of its choosing.
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
    private static final int NONCE_BYTES = 32;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "c4j-handshake-timer");
        t.setDaemon(true);
        return t;
    });

    private Handshake() {}

    /** The accepting side: challenge the peer, then answer its challenge. */
    public static void asServer(FramedChannel ch, byte[] authkey, Duration timeout) {
        run(ch, authkey, timeout, true);
    }

    /** The connecting side: answer the peer's challenge, then challenge it. */
    public static void asClient(FramedChannel ch, byte[] authkey, Duration timeout) {
        run(ch, authkey, timeout, false);
    }

    private static void run(FramedChannel ch, byte[] authkey, Duration timeout, boolean server) {
        checkKey(authkey);
        int limit = ch.maxFrame();
        ch.setMaxFrame(MAX_HANDSHAKE_FRAME);
        java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
        ScheduledFuture<?> alarm = TIMER.schedule(() -> {
            timedOut.set(true);
            ch.close();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            if (server) {
                deliverChallenge(ch, authkey);
                answerChallenge(ch, authkey);
            } else {
                answerChallenge(ch, authkey);
                deliverChallenge(ch, authkey);
            }
        } catch (IOException | SerializationException e) {
            ch.close();
            String why = timedOut.get() ? "no answer within " + timeout.toMillis() + " ms" : e.toString();
            throw new AuthenticationException("handshake failed: " + why, e);
        } catch (AuthenticationException e) {
            ch.close();
            throw e;
        } finally {
            alarm.cancel(false);
        }
        if (!ch.isOpen()) throw new AuthenticationException("handshake failed: no answer within " + timeout.toMillis() + " ms");
        ch.setMaxFrame(limit);
    }

    private static void deliverChallenge(FramedChannel ch, byte[] key) throws IOException {
        byte[] nonce = HmacSha256.randomBytes(NONCE_BYTES);
        byte[] message = concat(SHA256, nonce);
        ch.write(concat(CHALLENGE, message));
        byte[] response = ch.read();
        byte[] expected = concat(SHA256, hmac(key, message));
        if (!HmacSha256.constantTimeEquals(response, expected)) {
            try {
                ch.write(FAILURE);
            } catch (IOException ignored) {
                // the peer may be gone already; the refusal stands either way
            }
            throw new AuthenticationException("digest received was wrong: the peer does not have this authkey");
        }
        ch.write(WELCOME);
    }

    private static void answerChallenge(FramedChannel ch, byte[] key) throws IOException {
        byte[] challenge = ch.read();
        if (!startsWith(challenge, CHALLENGE) || !startsWith(Arrays.copyOfRange(challenge, CHALLENGE.length, challenge.length), SHA256)) {
            throw new AuthenticationException("protocol error: expected a {sha256} challenge, got " + challenge.length + " other bytes");
        }
        byte[] message = Arrays.copyOfRange(challenge, CHALLENGE.length, challenge.length);
        ch.write(concat(SHA256, hmac(key, message)));
        byte[] verdict = ch.read();
        if (!Arrays.equals(verdict, WELCOME)) {
            throw new AuthenticationException("digest sent was rejected: the peer has a different authkey");
        }
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        return HmacSha256.mac(key, message);
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
