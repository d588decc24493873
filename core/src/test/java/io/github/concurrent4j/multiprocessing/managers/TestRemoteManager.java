package io.github.concurrent4j.multiprocessing.managers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.connection.Address;
import io.github.concurrent4j.transport.internal.HmacSha256;
import io.github.concurrent4j.transport.SerializationException;

/**
 * Ported from CPython 3.13 {@code Lib/test/_test_multiprocessing.py}, class
 * {@code _TestRemoteManager} (with its {@code QueueManager}/{@code QueueManager2}): a manager on
 * TCP with a random key, a child that connects and puts, the parent that connects and gets.
 * Python's xmlrpclib serializer check ({@code put(time.sleep)} fails) becomes an object the
 * codec does not allow. Plus acceptance 6: a wrong key is refused and the server goes on.
 */
@Tag("integration")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TestRemoteManager {
    /** The queue the server hands out: Python's module-level {@code queue = pyqueue.Queue()}. */
    public interface SharedQueue {
        void put(Object item);

        Object get();
    }

    public static final class SharedQueueImpl implements SharedQueue {
        static final SharedQueueImpl INSTANCE = new SharedQueueImpl();
        private final LinkedBlockingQueue<Object> q = new LinkedBlockingQueue<>();

        @Override
        public void put(Object item) {
            q.add(item);
        }

        @Override
        public Object get() {
            try {
                return q.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static final List<Object> VALUES = Arrays.asList("hello world", null, true, 2.25, "hall\u00e5 v\u00e4rlden",
            "\u043f\u0440\u0438\u0432\u0456\u0442 \u0441\u0432\u0456\u0442", "hall\u00e5 v\u00e4rlden".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

    static BaseManager.Builder queueManager(Address address, byte[] key) {
        return BaseManager.builder().address(address).authkey(key).register("getQueue", SharedQueue.class, args -> SharedQueueImpl.INSTANCE);
    }

    static BaseManager.Builder queueManager2(Address address, byte[] key) {
        return BaseManager.builder().address(address).authkey(key).register("getQueue", SharedQueue.class);
    }

    static void putter(Address address, byte[] key) {
        try (BaseManager manager = queueManager2(address, key).connect()) {
            SharedQueue queue = manager.create("getQueue");
            queue.put(new ArrayList<>(VALUES));
        }
    }

    @Test
    void test_remote() {
        byte[] authkey = HmacSha256.randomBytes(32);
        try (BaseManager manager = queueManager(Address.tcp("127.0.0.1", 0), authkey).start()) {
            Address address = manager.address();
            Process p = new Process(() -> putter(address, authkey));
            p.setDaemon(true);
            p.start();
            try (BaseManager manager2 = queueManager2(address, authkey).connect()) {
                SharedQueue queue = manager2.create("getQueue");
                @SuppressWarnings("unchecked")
                List<Object> got = (List<Object>) queue.get();
                assertThat(got).hasSize(VALUES.size());
                assertThat(got.subList(0, 6)).isEqualTo(VALUES.subList(0, 6));
                assertThat((byte[]) got.get(6)).isEqualTo((byte[]) VALUES.get(6));
                assertThatThrownBy(() -> queue.put(new StringWriter())).isInstanceOf(SerializationException.class);
            }
            p.join();
            assertThat(p.exitCode()).hasValue(0);
        }
    }

    /** Acceptance 6: on TCP the right key works; a wrong key is refused and the server goes on serving. */
    @Test
    void a_wrong_key_is_refused_and_the_server_goes_on_serving() {
        byte[] authkey = HmacSha256.randomBytes(32);
        try (Manager m = Manager.start(Address.tcp("127.0.0.1", 0), authkey)) {
            DictProxy<String, Integer> d = m.dict();
            d.put("x", 1);
            assertThatThrownBy(() -> Manager.connect(m.address(), "wrong key".getBytes()))
                    .isInstanceOf(ManagerException.class).hasMessageContaining("refused");
            Address address = m.address();
            Process other = new Process(() -> {
                try (Manager c = Manager.connect(address, "also wrong".getBytes())) {
                    System.exit(3);
                } catch (ManagerException refused) {
                    System.exit(42);
                }
            });
            other.start();
            other.join();
            assertThat(other.exitCode()).hasValue(42);
            try (Manager client = Manager.connect(m.address(), authkey)) {
                DictProxy<String, Integer> d2 = client.dict();
                d2.put("y", 2);
                assertThat(d2.get("y")).isEqualTo(2);
            }
            assertThat(d.get("x")).isEqualTo(1);
            // A proxy sent to a child carries the manager's key (not the family's) and works there.
            Process user = new Process(() -> d.put("from child", 3));
            user.start();
            user.join();
            assertThat(user.exitCode()).hasValue(0);
            assertThat(d.get("from child")).isEqualTo(3);
        }
    }
}
