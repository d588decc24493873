package io.github.concurrent4j.multiprocessing.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.Process;

/**
 * Issue 14, acceptance 3: 64 processes hold ends of one pipe at once (a queue shared by a
 * pool's workers needs more than the 15 holders a pipe end used to allow), and end-of-file
 * still arrives exactly when the last of them closes.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ManyHoldersTest {
    private static final int HOLDERS = 64;

    @Test
    void sixtyFourProcessesHoldOneEndAndEndOfFileComesWhenTheLastCloses() throws Exception {
        Pipe data = Pipe.open(false), go = Pipe.open(false);
        Connection r = data.conn1(), w = data.conn2(), goR = go.conn1(), goW = go.conn2();
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < HOLDERS; i++) {
            int id = i;
            children.add(new Process(() -> {
                w.send(id);      // holding w now (and goR)
                goR.recv();      // until told to let go
                w.close();
            }));
        }
        // Started from a few threads at once: each start waits for its JVM to connect back.
        try (var starters = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var started = children.stream().map(p -> starters.submit(p::start)).toList();
            for (var f : started) f.get(2, TimeUnit.MINUTES); // a failed start fails the test here
        }
        w.close();
        goR.close();

        // Every child says hello before any is told to close: 64 hold w at once.
        Set<Integer> hello = new HashSet<>();
        for (int i = 0; i < HOLDERS; i++) hello.add(r.recv());
        assertThat(hello).hasSize(HOLDERS);

        for (int i = 0; i < HOLDERS - 1; i++) goW.send("close");
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> children.stream().filter(p -> !p.isAlive()).count() == HOLDERS - 1);
        assertThat(r.poll(Duration.ofMillis(300))).as("no end-of-file while one process still holds the end").isFalse();

        goW.send("close");
        assertThat(r.poll(Duration.ofSeconds(30))).isTrue();
        assertThatThrownBy(r::recv).isInstanceOf(EOFException.class);
        for (Process p : children) {
            p.join();
            assertThat(p.exitCode()).hasValue(0);
        }
        r.close();
        goW.close();
    }
}
