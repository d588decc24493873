package io.github.concurrent4j.multiprocessing.managers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.connection.Address;
import io.github.concurrent4j.transport.internal.HmacSha256;

/**
 * Ported from CPython 3.13 {@code Lib/test/_test_multiprocessing.py}, class
 * {@code _TestManagerRestart}: a manager on a TCP port, used by a child, shut down, and a new
 * one started on the same address. Python retries once after a second if the old socket
 * lingers ({@code EADDRINUSE}); so does this port.
 */
@Tag("integration")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TestManagerRestart {
    @Test
    void test_rapid_restart() throws Exception {
        byte[] authkey = HmacSha256.randomBytes(32);
        Address addr;
        try (BaseManager manager = TestRemoteManager.queueManager(Address.tcp("127.0.0.1", 0), authkey).start()) {
            addr = manager.address();
            Address a = addr;
            Process p = new Process(() -> {
                try (BaseManager m = TestRemoteManager.queueManager2(a, authkey).connect()) {
                    TestRemoteManager.SharedQueue q = m.create("getQueue");
                    q.put("hello world");
                }
            });
            p.start();
            p.join();
            TestRemoteManager.SharedQueue queue = manager.create("getQueue");
            assertThat(queue.get()).isEqualTo("hello world");
        }
        BaseManager again;
        try {
            again = TestRemoteManager.queueManager(addr, authkey).start();
        } catch (ManagerException e) {
            if (!String.valueOf(e.getMessage()).contains("in use")) throw e;
            Thread.sleep(1000); // the old socket lingered (Python's sporadic EADDRINUSE)
            again = TestRemoteManager.queueManager(addr, authkey).start();
        }
        try (BaseManager m = again) {
            assertThat(m.address()).isEqualTo(addr);
            TestRemoteManager.SharedQueue q = m.create("getQueue");
            q.put("again");
            assertThat(q.get()).isEqualTo("again");
        }
    }
}
