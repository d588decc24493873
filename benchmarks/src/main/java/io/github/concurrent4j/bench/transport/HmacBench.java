package io.github.concurrent4j.bench.transport;

import java.security.GeneralSecurityException;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.github.concurrent4j.transport.internal.HmacSha256;

/**
 * HMAC-SHA256 of a 40-byte message (a handshake's nonce and its framing) under a 32-byte key:
 * concurrent4j's {@link HmacSha256} (hand-written, chosen because the first {@code javax.crypto.Mac}
 * of a fresh JVM costs ~160 ms of start-up) against an initialised {@code javax.crypto.Mac}
 * (which may use the CPU's SHA instructions). Both do four SHA-256 compressions per MAC. This is
 * the steady-state cost per MAC, not the start-up cost the hand-written one avoids. Scores are
 * MACs per second. Run by {@code bench/transport.sh}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
// A fixed, pre-touched heap: a growing default heap (G1 or Parallel, up to 1/4 of RAM) touches
// fresh pages for a long time, and the page faults (not the code) made allocating round trips
// 10-60x slower in some forks.
@Fork(value = 5, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class HmacBench {
    private byte[] key;
    private byte[] message;
    private Mac mac;

    @Setup
    public void setUp() throws GeneralSecurityException {
        Random r = new Random(42);
        key = new byte[32];
        message = new byte[40];
        r.nextBytes(key);
        r.nextBytes(message);
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        if (!java.util.Arrays.equals(HmacSha256.mac(key, message), mac.doFinal(message))) {
            throw new AssertionError("HmacSha256 and javax.crypto.Mac disagree");
        }
    }

    @Benchmark
    public byte[] hmacSha256() {
        return HmacSha256.mac(key, message);
    }

    @Benchmark
    public byte[] javaxMac() {
        return mac.doFinal(message);
    }
}
