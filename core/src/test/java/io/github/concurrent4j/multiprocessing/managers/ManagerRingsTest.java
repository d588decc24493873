package io.github.concurrent4j.multiprocessing.managers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.internal.Config;
import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.connection.Address;
import io.github.concurrent4j.multiprocessing.connection.Client;
import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.multiprocessing.connection.Pipe;
import io.github.concurrent4j.multiprocessing.internal.RuntimeDirs;
import io.github.concurrent4j.transport.internal.HmacSha256;

/**
 * A local client's calls travel through a shared-memory pipe it made and handed to the server
 * ({@link Calls}, "Rings"); a TCP manager refuses one; neither a killed server nor a killed
 * client leaves a pipe file behind.
 */
@Tag("integration")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ManagerRingsTest {
    private static long pipeFiles() {
        try (Stream<Path> s = Files.list(RuntimeDirs.shmDir())) {
            return s.filter(p -> p.getFileName().toString().startsWith("pipe-")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitPipeFiles(long n) {
        await().atMost(Duration.ofSeconds(5)).until(() -> pipeFiles() == n);
    }

    private static String connectionKind(BaseManager m) {
        return Calls.current(m.endpoint()).orElseThrow().getClass().getSimpleName();
    }

    @Test
    void each_client_thread_of_a_local_manager_calls_it_through_its_own_pipe() throws Exception {
        long before = pipeFiles();
        try (Manager m = Manager.start()) {
            DictProxy<String, Integer> d = m.dict();
            d.put("a", 1);
            assertThat(d.get("a")).isEqualTo(1);
            assertThat(connectionKind(m.base())).isEqualTo("PipeConnection");
            assertThat(pipeFiles()).isEqualTo(before + 1);
            String other = CompletableFuture.supplyAsync(() -> {
                d.merge("a", 41, Integer::sum);
                return connectionKind(m.base());
            }).get(30, TimeUnit.SECONDS);
            assertThat(other).isEqualTo("PipeConnection");
            assertThat(d.get("a")).isEqualTo(42);
        }
        awaitPipeFiles(before); // Manager.close() closes this process's pipes; the server closed its ends
    }

    @Test
    void a_large_value_streams_through_the_pipe_both_ways() {
        try (Manager m = Manager.start()) {
            ListProxy<byte[]> l = m.list();
            byte[] big = new byte[Calls.RING_BYTES * 5 + 17];
            for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
            l.add(big);
            assertThat(l.get(0)).isEqualTo(big);
            assertThat(connectionKind(m.base())).isEqualTo("PipeConnection");
        }
    }

    @Test
    void with_rings_off_a_local_client_stays_on_the_socket() {
        String key = Config.Setting.MANAGER_RINGS.key();
        System.setProperty(key, "false");
        try (Manager m = Manager.start()) {
            DictProxy<String, Integer> d = m.dict(Map.of("a", 1));
            assertThat(d.get("a")).isEqualTo(1);
            assertThat(connectionKind(m.base())).isEqualTo("SocketConnection");
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void a_tcp_manager_refuses_a_ring_and_goes_on_serving_that_client() {
        byte[] key = HmacSha256.randomBytes(32);
        long before = pipeFiles();
        try (Manager m = Manager.start(Address.tcp("127.0.0.1", 0), key)) {
            DictProxy<String, Integer> d = m.dict(Map.of("a", 1));
            assertThat(d.get("a")).isEqualTo(1);
            assertThat(connectionKind(m.base())).isEqualTo("SocketConnection");
            try (Connection c = Client.connect(m.address(), key)) {
                Pipe p = Pipe.open();
                c.send(new Wire.Request(Wire.SERVER, "ring", new Object[] {p.conn2()}));
                assertThat(c.<Object>recv()).isInstanceOfSatisfying(Wire.Failure.class,
                        f -> assertThat(f.message()).contains("Unix socket"));
                c.send(new Wire.Request(Wire.SERVER, "ping", null));
                assertThat(c.<Object>recv()).isEqualTo("pong");
                c.send(new Wire.Request(Wire.SERVER, "bye", null));
                p.conn1().close();
                p.conn2().close();
            }
        }
        awaitPipeFiles(before);
    }

    @Test
    void a_ring_request_without_a_pipe_end_is_refused_and_the_socket_stays_in_use() {
        try (Manager m = Manager.start(); Connection c = Client.connect(m.address(), m.authkey())) {
            c.send(new Wire.Request(Wire.SERVER, "ring", new Object[] {"not a pipe"}));
            assertThat(c.<Object>recv()).isInstanceOfSatisfying(Wire.Failure.class,
                    f -> assertThat(f.type()).isEqualTo(IllegalArgumentException.class.getName()));
            c.send(new Wire.Request(Wire.SERVER, "ping", null));
            assertThat(c.<Object>recv()).isEqualTo("pong");
            c.send(new Wire.Request(Wire.SERVER, "bye", null));
        }
    }

    @Test
    void a_killed_server_fails_the_next_call_and_leaves_no_pipe_file() {
        long before = pipeFiles();
        Manager m = Manager.start();
        try {
            DictProxy<String, Integer> d = m.dict(Map.of("a", 1));
            assertThat(d.get("a")).isEqualTo(1);
            assertThat(pipeFiles()).isEqualTo(before + 1);
            m.base().process().orElseThrow().kill();
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> d.get("a")).isInstanceOf(ManagerException.class).hasMessageContaining("is gone");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
        } finally {
            m.close();
        }
        awaitPipeFiles(before);
    }

    @Test
    void a_killed_client_leaves_no_pipe_file_and_the_server_serves_on() {
        long before = pipeFiles();
        try (Manager m = Manager.start()) {
            DictProxy<String, Integer> d = m.dict(Map.of("a", 1));
            EventProxy called = m.event();
            Process child = new Process(() -> {
                d.merge("a", 1, Integer::sum);
                called.set();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            child.start();
            assertThat(called.await(Duration.ofSeconds(60))).isTrue();
            assertThat(pipeFiles()).isEqualTo(before + 2); // ours and the child's
            child.kill();
            child.join();
            awaitPipeFiles(before + 1); // the server saw its end-of-file and removed the child's
            assertThat(d.get("a")).isEqualTo(2);
        }
        awaitPipeFiles(before);
    }
}
