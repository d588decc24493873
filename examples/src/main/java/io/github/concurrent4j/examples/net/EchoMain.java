package io.github.concurrent4j.examples.net;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The two ways every echo-server example runs:
 * <ul>
 *   <li>no argument (or {@code --demo}): the demonstration that {@code ./demo} runs — start the
 *       server on a free port, let a few clients talk to it at the same time, print what they got
 *       back and what the model did, stop, exit;</li>
 *   <li>{@code --serve [port]}: the benchmark's mode — listen on 127.0.0.1 (a free port unless
 *       given), print {@code PORT <n>} as the first line of stdout (the protocol of
 *       {@code bench/peers}' echo servers), echo until killed (or for at most 10 minutes).</li>
 * </ul>
 */
final class EchoMain {
    /** Starts a server of one model. */
    interface Starter {
        EchoServer start(InetSocketAddress address) throws IOException;
    }

    static final long MAX_LIFETIME_S = 600;

    private EchoMain() {}

    static void run(String[] args, String model, Starter starter) throws Exception {
        String mode = args.length == 0 ? "--demo" : args[0];
        switch (mode) {
            case "--serve" -> serve(args.length > 1 ? Integer.parseInt(args[1]) : 0, starter);
            case "--demo" -> demo(model, starter);
            default -> {
                System.err.println("usage: [--demo | --serve [port]]   (got " + Arrays.toString(args) + ")");
                System.exit(2);
            }
        }
    }

    private static void serve(int port, Starter starter) throws Exception {
        EchoServer server = starter.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        System.out.println("PORT " + server.port());
        System.out.flush();
        // Killed by the benchmark when it is done; the limit only guards against a forgotten server.
        Thread.sleep(TimeUnit.SECONDS.toMillis(MAX_LIFETIME_S));
        System.exit(0);
    }

    private static void demo(String model, Starter starter) throws Exception {
        System.out.println("I/O model: " + model);
        try (EchoServer server = starter.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            System.out.println("echo server listening on 127.0.0.1:" + server.port() + "; three clients talk to it at once");
            List<CompletableFuture<List<String>>> clients = new ArrayList<>();
            for (int c = 1; c <= 3; c++) {
                int id = c;
                clients.add(CompletableFuture.supplyAsync(() -> talk(server.port(), id), Thread::startVirtualThread));
            }
            for (CompletableFuture<List<String>> c : clients) {
                c.get(10, TimeUnit.SECONDS).forEach(System.out::println);
            }
            String stats = server.stats();
            if (!stats.isEmpty()) System.out.println("the server: " + stats);
        }
        System.out.println("server stopped");
    }

    /** One client: three messages, each echoed back exactly. */
    private static List<String> talk(int port, int id) {
        List<String> lines = new ArrayList<>();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 1; i <= 3; i++) {
                String msg = "hello from client " + id + ", message " + i;
                byte[] sent = msg.getBytes(UTF_8);
                out.write(sent);
                String got = new String(in.readNBytes(sent.length), UTF_8);
                lines.add("  client " + id + " sent \"" + msg + "\" and got back \"" + got + "\""
                        + (got.equals(msg) ? "" : "   <-- WRONG"));
            }
        } catch (IOException e) {
            lines.add("  client " + id + " failed: " + e);
        }
        return lines;
    }
}
