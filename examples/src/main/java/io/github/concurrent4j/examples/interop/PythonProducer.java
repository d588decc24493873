package io.github.concurrent4j.examples.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.multiprocessing.connection.Listener;
import io.github.concurrent4j.transport.PickleCodec;

/**
 * A Python producer and a Java consumer over one authenticated connection: the seeds'
 * producer–consumer, across languages. Java listens (a private Unix socket, a fresh key),
 * starts a CPython 3.12+ producer ({@code producer.py} next to this class), which connects
 * with {@code multiprocessing.connection.Client} and {@code send}s dicts; Java {@code recv}s
 * them as Java maps through the pickle codec and replies with a summary Python prints.
 *
 * <pre>
 *  Python producer                                   Java consumer
 *   Client(address, authkey) ── HMAC handshake ──▶  Listener.builder().codec(PickleCodec).open()
 *   conn.send({'id': 0, ...})  ── pickle ────────▶  Map&lt;String, Object&gt; item = conn.recv()
 *   conn.send(None)            ──────────────────▶  end of work
 *   print(conn.recv())         ◀─ pickle ─────────  conn.send(Map.of("consumed", 5, ...))
 * </pre>
 *
 * Set {@code C4J_PYTHON} to choose the interpreter; without a CPython 3.12+ it says so and stops.
 */
public final class PythonProducer {
    public static void main(String[] args) throws Exception {
        Optional<String> python = findPython();
        if (python.isEmpty()) {
            System.out.println("no CPython 3.12+ found (set C4J_PYTHON, or install one): nothing to talk to");
            return;
        }
        byte[] key = new byte[32]; // Python: os.urandom(32)
        new SecureRandom().nextBytes(key);
        try (Listener listener = Listener.builder().authkey(key).codec(PickleCodec.INSTANCE).open()) {
            ProcessBuilder pb = new ProcessBuilder(python.get(), "-c", script()).inheritIO();
            pb.environment().put("C4J_ADDRESS", listener.address().toString());
            pb.environment().put("C4J_AUTHKEY_HEX", HexFormat.of().formatHex(key));
            java.lang.Process producer = pb.start();
            List<Object> ids = new ArrayList<>();
            long bytes = 0;
            try (Connection conn = listener.accept()) {
                for (Map<String, Object> item; (item = conn.recv()) != null; ) {
                    System.out.println("consumer: received " + describe(item));
                    ids.add(item.get("id"));
                    bytes += ((byte[]) item.get("raw")).length;
                }
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("consumed", ids.size());
                summary.put("ids", ids);
                summary.put("raw_bytes", bytes);
                summary.put("by", new Object[] {"java", Runtime.version().feature()});
                conn.send(summary);
            }
            if (!producer.waitFor(30, TimeUnit.SECONDS)) producer.destroyForcibly();
            System.out.println("consumer: the producer exited with " + producer.exitValue());
        }
    }

    /** Each value with its Java type, to show the mapping. */
    private static String describe(Map<String, Object> item) {
        StringBuilder b = new StringBuilder("{");
        item.forEach((k, v) -> {
            if (b.length() > 1) b.append(", ");
            String shown = v instanceof byte[] a ? HexFormat.of().formatHex(a) : String.valueOf(v);
            b.append(k).append('=').append(shown).append(" (").append(v.getClass().getSimpleName()).append(')');
        });
        return b.append('}').toString();
    }

    private static String script() throws IOException {
        try (InputStream in = PythonProducer.class.getResourceAsStream("producer.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code C4J_PYTHON}, else a pyenv CPython 3.12+, else python3.13 / python3.12 / python3 on PATH if 3.12+. */
    static Optional<String> findPython() throws IOException, InterruptedException {
        List<String> candidates = new ArrayList<>();
        String chosen = System.getenv("C4J_PYTHON");
        if (chosen != null && !chosen.isBlank()) candidates.add(chosen);
        Path pyenv = Path.of(System.getProperty("user.home"), ".pyenv", "versions");
        if (Files.isDirectory(pyenv)) {
            try (var dirs = Files.list(pyenv)) {
                dirs.map(d -> d.resolve("bin/python3").toString()).sorted(java.util.Comparator.reverseOrder())
                        .forEach(candidates::add);
            }
        }
        candidates.addAll(List.of("python3.13", "python3.12", "python3"));
        for (String c : candidates) if (isAtLeast312(c)) return Optional.of(c);
        return Optional.empty();
    }

    private static boolean isAtLeast312(String python) throws InterruptedException {
        try {
            java.lang.Process p = new ProcessBuilder(python, "-c", "import sys; print(sys.version_info >= (3, 12))")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && out.equals("True");
        } catch (IOException e) {
            return false;
        }
    }
}
