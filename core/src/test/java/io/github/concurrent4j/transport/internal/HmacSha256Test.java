package io.github.concurrent4j.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;

@Tag("unit")
class HmacSha256Test {
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 4231 test cases 1, 2, 3, 4, 6 and 7 (case 5 truncates the output). */
    @ParameterizedTest
    @CsvSource({
        "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, 4869205468657265, b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        "4a656665, 7768617420646f2079612077616e7420666f72206e6f7468696e673f, 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd, 773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
        "0102030405060708090a0b0c0d0e0f10111213141516171819, cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd, 82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
        "aa*131, 54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374, 60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        "aa*131, 5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e, 9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
    })
    void matchesTheRfc4231Vectors(String key, String data, String mac) {
        byte[] k = key.equals("aa*131") ? HEX.parseHex("aa".repeat(131)) : HEX.parseHex(key);
        assertThat(HEX.formatHex(HmacSha256.mac(k, HEX.parseHex(data)))).isEqualTo(mac);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void agreesWithTheJdkOnRandomKeysAndMessagesOfEveryLengthAroundTheBlockBoundaries(long seed) throws Exception {
        Random r = new Random(seed);
        for (int i = 0; i < 400; i++) {
            byte[] key = new byte[1 + r.nextInt(150)];
            byte[] msg = new byte[r.nextInt(200)];
            r.nextBytes(key);
            r.nextBytes(msg);
            Mac jdk = Mac.getInstance("HmacSHA256");
            jdk.init(new SecretKeySpec(key, "HmacSHA256"));
            assertThat(HmacSha256.mac(key, msg)).isEqualTo(jdk.doFinal(msg));
            assertThat(HmacSha256.sha256(msg)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(msg));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 32, 1000})
    void randomBytesHaveTheRequestedLengthAndDiffer(int n) {
        byte[] a = HmacSha256.randomBytes(n), b = HmacSha256.randomBytes(n);
        assertThat(a).hasSize(n);
        if (n >= 32) assertThat(a).isNotEqualTo(b);
        assertThat(HmacSha256.constantTimeEquals(a, a.clone())).isTrue();
        if (n > 0) {
            byte[] c = a.clone();
            c[n - 1] ^= 1;
            assertThat(HmacSha256.constantTimeEquals(a, c)).isFalse();
        }
        assertThat(HmacSha256.constantTimeEquals(a, new byte[n + 1])).isFalse();
    }
}
