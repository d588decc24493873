package io.github.concurrent4j.examples.managers;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

import io.github.concurrent4j.multiprocessing.connection.Address;
import io.github.concurrent4j.multiprocessing.managers.BaseManager;

/**
 * A remote manager serving a queue to a client in another JVM (Python's documented
 * "remote manager" recipe):
 *
 * <pre>
 * queue = queue.Queue()
 * class QueueManager(BaseManager): pass
 * QueueManager.register('get_queue', callable=lambda: queue)
 * m = QueueManager(address=('', 50000), authkey=b'abracadabra'); m.get_server().serve_forever()
 * # another machine:
 * QueueManager.register('get_queue')
 * m = QueueManager(address=('foo.bar.org', 50000), authkey=b'abracadabra'); m.connect()
 * queue = m.get_queue(); queue.get()
 * </pre>
 *
 * Run without arguments, it starts the manager on TCP loopback, puts three jobs, and starts a
 * client in a separate JVM (a plain {@code java} command, not a child process of the library)
 * that connects with the key and takes them. {@code client HOST PORT} is that client (the key
 * comes on stdin, in hex, never on a command line); point it at another machine's manager to
 * use it remotely.
 */
public final class RemoteQueue {
    /** What the manager exposes: the registered interface. */
    public interface JobQueue {
        void put(String job);

        String get();
    }

    /** The one queue the server hands out, as Python's {@code lambda: queue}. */
    public static final class SharedJobs implements JobQueue {
        static final SharedJobs QUEUE = new SharedJobs();
        private final LinkedBlockingQueue<String> q = new LinkedBlockingQueue<>();

        @Override
        public void put(String job) {
            q.add(job);
        }

        @Override
        public String get() {
            try {
                return q.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("client")) {
            client(args[1], Integer.parseInt(args[2]));
            return;
        }
        byte[] key = new byte[32]; // Python: os.urandom(32)
        new SecureRandom().nextBytes(key);
        try (BaseManager m = BaseManager.builder().address(Address.tcp("127.0.0.1", 0)).authkey(key)
                .register("getQueue", JobQueue.class, a -> SharedJobs.QUEUE).start()) {
            Address.Tcp at = (Address.Tcp) m.address();
            System.out.println("manager serving on " + at);
            JobQueue queue = m.create("getQueue");
            for (String job : List.of("job 1", "job 2", "job 3")) queue.put(job);
            java.lang.Process client = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    RemoteQueue.class.getName(), "client", at.host(), String.valueOf(at.port()))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            client.getOutputStream().write((HexFormat.of().formatHex(key) + "\n").getBytes(StandardCharsets.UTF_8));
            client.getOutputStream().close();
            System.out.println("client JVM exited with " + client.waitFor());
        }
    }

    static void client(String host, int port) throws Exception {
        byte[] key = HexFormat.of().parseHex(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine().strip());
        try (BaseManager m = BaseManager.builder().address(Address.tcp(host, port)).authkey(key)
                .register("getQueue", JobQueue.class).connect()) {
            JobQueue queue = m.create("getQueue");
            for (int i = 0; i < 3; i++) System.out.println("client (pid " + ProcessHandle.current().pid() + ") got " + queue.get());
        }
    }
}
