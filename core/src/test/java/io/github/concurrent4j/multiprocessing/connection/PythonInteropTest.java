package io.github.concurrent4j.multiprocessing.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.concurrent4j.testing.CPython;
import io.github.concurrent4j.transport.AuthenticationException;
import io.github.concurrent4j.transport.PickleCodec;

/**
 * Issue 9: Java and real CPython 3.12+ processes talk through {@code Listener}/{@code Client}:
 * the handshake, {@code send_bytes}/{@code recv_bytes} and pickled plain data, in both roles,
 * over Unix and TCP addresses; a wrong key fails on both sides; Python 3.11's legacy HMAC-MD5
 * handshake works only when asked for. The Python side is {@code src/test/resources/python/interop.py}.
 * Without a CPython 3.12+ on the machine these tests are skipped, saying so.
 */
@Tag("integration")
@Timeout(60)
class PythonInteropTest {
    private static final byte[] KEY = "shared by java and python".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    static Stream<Arguments> pythonsAndFamilies() {
        List<Arguments> all = new ArrayList<>();
        for (Path py : CPython.all312OrLater()) for (String family : List.of("unix", "tcp")) all.add(Arguments.of(py, family));
        return all.stream();
    }

    private Listener listen(String family, Listener.Builder b) {
        Address a = family.equals("unix") ? Address.unix(dir.resolve("j.sock")) : Address.tcp("127.0.0.1", 0);
        return b.address(a).open();
    }

    private static String hex(byte[] key) {
        return HexFormat.of().formatHex(key);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pythonsAndFamilies")
    void aPythonClientAndAJavaListenerExchangeBytes(Path python, String family) {
        try (Listener l = listen(family, Listener.builder().authkey(KEY));
             CPython py = CPython.run(python, "interop.py", "client", family, l.address().toString(), hex(KEY), "bytes");
             Connection c = l.accept()) {
            assertThat(new String(c.recvBytes(), StandardCharsets.UTF_8)).isEqualTo("ping from python");
            c.sendBytes("pong from java".getBytes(StandardCharsets.UTF_8));
            assertThat(py.expect("GOT")).isEqualTo("GOT pong from java");
            assertThat(py.exitCode()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pythonsAndFamilies")
    void aJavaClientAndAPythonListenerExchangeBytes(Path python, String family) {
        String addr = family.equals("unix") ? dir.resolve("p.sock").toString() : "127.0.0.1:0";
        try (CPython py = CPython.run(python, "interop.py", "listener", family, addr, hex(KEY), "bytes")) {
            Address a = address(family, py.expect("ADDRESS ").substring("ADDRESS ".length()));
            try (Connection c = Client.connect(a, KEY)) {
                assertThat(new String(c.recvBytes(), StandardCharsets.UTF_8)).isEqualTo("ping from python");
                c.sendBytes("pong from java".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(py.expect("GOT")).isEqualTo("GOT pong from java");
            assertThat(py.exitCode()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pythonsAndFamilies")
    void picklesCrossBothWaysAsAJavaListener(Path python, String family) {
        try (Listener l = listen(family, Listener.builder().authkey(KEY).codec(PickleCodec.INSTANCE));
             CPython py = CPython.run(python, "interop.py", "client", family, l.address().toString(), hex(KEY), "pickle");
             Connection c = l.accept()) {
            Map<String, Object> got = c.recv();
            checkWhatPythonSent(got);
            c.send(reply(got));
            assertThat(py.expect("OK").strip()).isEqualTo("OK");
            assertThat(py.exitCode()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pythonsAndFamilies")
    void picklesCrossBothWaysAsAJavaClient(Path python, String family) {
        String addr = family.equals("unix") ? dir.resolve("p.sock").toString() : "127.0.0.1:0";
        try (CPython py = CPython.run(python, "interop.py", "listener", family, addr, hex(KEY), "pickle")) {
            Address a = address(family, py.expect("ADDRESS ").substring("ADDRESS ".length()));
            try (Connection c = Client.builder(a).authkey(KEY).codec(PickleCodec.INSTANCE).connect()) {
                Map<String, Object> got = c.recv();
                checkWhatPythonSent(got);
                c.send(reply(got));
            }
            assertThat(py.expect("OK").strip()).isEqualTo("OK");
            assertThat(py.exitCode()).isZero();
        }
    }

    /** Python's SENT, mapped as the codec's table says. */
    private static void checkWhatPythonSent(Map<String, Object> m) {
        assertThat(m).isInstanceOf(LinkedHashMap.class).containsKey("none");
        assertThat(m.get("none")).isNull();
        assertThat(m.get("true")).isEqualTo(Boolean.TRUE);
        assertThat(m.get("small")).isEqualTo(7);
        assertThat(m.get("big")).isEqualTo(BigInteger.TWO.pow(100));
        assertThat(m.get("negative")).isEqualTo(-(1L << 40));
        assertThat(m.get("float")).isEqualTo(1.5);
        assertThat(m.get("str")).isEqualTo("héllo ✓");
        assertThat((byte[]) m.get("bytes")).containsExactly(0x00, 0xff);
        assertThat(m.get("list")).isInstanceOf(ArrayList.class).isEqualTo(List.of(1, List.of(2, 3)));
        assertThat(m.get("tuple")).isEqualTo(List.of(1, "a"));
        assertThatThrownBy(() -> ((List<Object>) m.get("tuple")).add(2)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(m.get("set")).isEqualTo(Set.of(1, 2));
        assertThat(m.get("frozenset")).isEqualTo(Set.of(3));
        assertThat(((Map<?, ?>) m.get("dict")).get(List.of(1, 2))).as("a tuple key found by value").isEqualTo("tuple key");
    }

    /** Python's EXPECTED_BACK: a value of every Java type in the table, and Python's own value echoed. */
    private static Map<String, Object> reply(Map<String, Object> echo) {
        Map<String, Object> back = new LinkedHashMap<>();
        back.put("none", null);
        back.put("false", false);
        back.put("int", BigInteger.TWO.pow(70));
        back.put("float", 2.5);
        back.put("str", "wörld");
        back.put("bytes", new byte[] {1, 2});
        back.put("list", new ArrayList<>(List.of(1, List.of(2, 3))));
        back.put("tuple", new Object[] {4, "x"});
        back.put("set", new LinkedHashSet<>(List.of(5, 6)));
        back.put("echo", echo);
        return back;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pythonsAndFamilies")
    void aWrongKeyFailsOnBothSidesWhenPythonConnects(Path python, String family) {
        try (Listener l = listen(family, Listener.builder().authkey(KEY));
             CPython py = CPython.run(python, "interop.py", "client", family, l.address().toString(), hex("wrong".getBytes()), "bytes")) {
            assertThatThrownBy(l::accept).isInstanceOf(AuthenticationException.class).hasMessageContaining("digest received was wrong");
            assertThat(py.expect("ERROR")).contains("AuthenticationError");
            assertThat(py.exitCode()).isEqualTo(3);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pythonsAndFamilies")
    void aWrongKeyFailsOnBothSidesWhenJavaConnects(Path python, String family) {
        String addr = family.equals("unix") ? dir.resolve("p.sock").toString() : "127.0.0.1:0";
        try (CPython py = CPython.run(python, "interop.py", "listener", family, addr, hex(KEY), "bytes")) {
            Address a = address(family, py.expect("ADDRESS ").substring("ADDRESS ".length()));
            assertThatThrownBy(() -> Client.connect(a, "wrong".getBytes())).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("rejected");
            assertThat(py.expect("ERROR")).contains("AuthenticationError");
            assertThat(py.exitCode()).isEqualTo(3);
        }
    }

    /** Python 3.11 speaks only HMAC-MD5: refused by default, accepted when asked for, in both roles. */
    @Test
    void theLegacyMd5HandshakeOfPython311OnlyWhenAskedFor() {
        Optional<Path> py311 = CPython.find("3.11");
        assumeTrue(py311.isPresent(), "no CPython 3.11 found: the legacy-handshake test cannot run here");
        try (Listener strict = listen("tcp", Listener.builder().authkey(KEY));
             CPython py = CPython.run(py311.get(), "interop.py", "client", "tcp", strict.address().toString(), hex(KEY), "bytes")) {
            assertThatThrownBy(strict::accept).isInstanceOf(AuthenticationException.class).hasMessageContaining("legacy")
                    .hasMessageContaining("legacyMd5");
            py.exitCode();
        }
        try (Listener legacy = listen("tcp", Listener.builder().authkey(KEY).legacyMd5(true));
             CPython py = CPython.run(py311.get(), "interop.py", "client", "tcp", legacy.address().toString(), hex(KEY), "bytes");
             Connection c = legacy.accept()) {
            assertThat(c.recvBytes()).asString().isEqualTo("ping from python");
            c.sendBytes("pong from java".getBytes());
            assertThat(py.expect("GOT")).isEqualTo("GOT pong from java");
        }
        try (CPython py = CPython.run(py311.get(), "interop.py", "listener", "tcp", "127.0.0.1:0", hex(KEY), "bytes")) {
            Address a = address("tcp", py.expect("ADDRESS ").substring("ADDRESS ".length()));
            assertThatThrownBy(() -> Client.connect(a, KEY)).isInstanceOf(AuthenticationException.class).hasMessageContaining("legacy");
        }
        try (CPython py = CPython.run(py311.get(), "interop.py", "listener", "tcp", "127.0.0.1:0", hex(KEY), "bytes")) {
            Address a = address("tcp", py.expect("ADDRESS ").substring("ADDRESS ".length()));
            try (Connection c = Client.builder(a).authkey(KEY).legacyMd5(true).connect()) {
                assertThat(c.recvBytes()).asString().isEqualTo("ping from python");
                c.sendBytes("pong from java".getBytes());
            }
            assertThat(py.expect("GOT")).isEqualTo("GOT pong from java");
        }
    }

    private static Address address(String family, String printed) {
        if (family.equals("unix")) return Address.unix(Path.of(printed));
        int colon = printed.lastIndexOf(':');
        return Address.tcp(printed.substring(0, colon), Integer.parseInt(printed.substring(colon + 1)));
    }
}
