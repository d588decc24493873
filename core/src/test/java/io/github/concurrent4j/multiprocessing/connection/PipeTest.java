package io.github.concurrent4j.multiprocessing.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.internal.RuntimeDirs;

@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PipeTest {

    @Test
    void objectsAndBytesGoBothWaysBetweenParentAndChild() {
        Pipe pipe = Pipe.open();
        Connection parent = pipe.conn1(), child = pipe.conn2();
        Process p = new Process(() -> {
            List<Object> got = child.recv();
            byte[] raw = child.recvBytes();
            child.send(List.of("echo", got, raw.length));
            child.sendBytes(new byte[] {9, 8, 7});
            child.close();
        });
        p.start();
        child.close();
        parent.send(new ArrayList<>(List.of(42, "hello", Map.of("k", 1L))));
        parent.sendBytes("raw bytes".getBytes());
        List<Object> echo = parent.recv();
        assertThat(echo).containsExactly("echo", List.of(42, "hello", Map.of("k", 1L)), 9);
        assertThat(parent.recvBytes()).containsExactly(9, 8, 7);
        p.join();
        assertThat(p.exitCode()).hasValue(0);
        assertThatThrownBy(parent::recv).isInstanceOf(EOFException.class);
        parent.close();
    }

    @Test
    void pollWaitsAtMostTheTimeout() throws Exception {
        Pipe pipe = Pipe.open();
        long t0 = System.nanoTime();
        assertThat(pipe.conn1().poll(Duration.ofMillis(200))).isFalse();
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(190L, 2_000L);
        assertThat(pipe.conn1().poll()).isFalse();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            pipe.conn2().send("late");
        });
        assertThat(pipe.conn1().poll(Duration.ofSeconds(10))).isTrue();
        assertThat(pipe.conn1().<String>recv()).isEqualTo("late");
        t.join();
        close(pipe);
    }

    /**
     * A poll that finds nothing trusts a fresh sight of a live peer for a millisecond (the
     * /proc read is the costly part); a close changes the peer's holder table and must be
     * seen by the very next poll all the same.
     */
    @Test
    void aCloseIsSeenAtOnceRightAfterThePeerWasSeenAlive() {
        Pipe pipe = Pipe.open();
        assertThat(pipe.conn1().poll()).isFalse(); // the peer is seen alive now
        pipe.conn2().close();
        assertThat(pipe.conn1().poll()).isTrue();
        assertThatThrownBy(() -> pipe.conn1().recv()).isInstanceOf(EOFException.class);
        pipe.conn1().close();
    }

    @Test
    void endOfFileOnceThePeerClosedAndNothingIsLeft() {
        Pipe pipe = Pipe.open();
        pipe.conn2().send("last");
        pipe.conn2().close();
        assertThat(pipe.conn1().poll()).isTrue();
        assertThat(pipe.conn1().<String>recv()).isEqualTo("last");
        assertThat(pipe.conn1().poll()).isTrue(); // end-of-file is readable
        assertThatThrownBy(() -> pipe.conn1().recv()).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> pipe.conn2().send("x")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        pipe.conn1().close();
    }

    @Test
    void aChildThatDiesHoldingTheOtherEndGivesEndOfFile() {
        Pipe pipe = Pipe.open();
        Connection mine = pipe.conn1(), theirs = pipe.conn2();
        Process p = new Process(() -> {
            theirs.send("hello from child");
            Thread.sleep(60_000);
        });
        p.start();
        theirs.close();
        assertThat(mine.<String>recv()).isEqualTo("hello from child");
        p.kill();
        p.join();
        assertThatThrownBy(mine::recv).isInstanceOf(EOFException.class);
        mine.close();
    }

    @Test
    void aOneWayPipeRefusesTheWrongDirection() {
        Pipe pipe = Pipe.open(false);
        assertThat(pipe.conn1().isReadable()).isTrue();
        assertThat(pipe.conn1().isWritable()).isFalse();
        assertThat(pipe.conn2().isWritable()).isTrue();
        assertThat(pipe.conn2().isReadable()).isFalse();
        assertThatThrownBy(() -> pipe.conn1().send(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
        assertThatThrownBy(() -> pipe.conn2().recv()).isInstanceOf(IllegalStateException.class).hasMessageContaining("write-only");
        pipe.conn2().send(5);
        assertThat(pipe.conn1().<Integer>recv()).isEqualTo(5);
        close(pipe);
    }

    @Test
    void messagesLargerThanTheRingStreamThrough() throws Exception {
        Pipe pipe = Pipe.open(true, 4096);
        byte[] big = new byte[1_000_000];
        new Random(1).nextBytes(big);
        Thread reader = Thread.ofPlatform().start(() -> assertThat(pipe.conn2().recvBytes()).isEqualTo(big));
        pipe.conn1().sendBytes(big);
        reader.join();
        close(pipe);
    }

    @Test
    void aMessageLargerThanTheRingStreamsIntoABufferOrComesWholeInTheError() throws Exception {
        Pipe pipe = Pipe.open(false, 4096);
        byte[] big = new byte[100_000];
        new Random(2).nextBytes(big);
        Thread writer = Thread.ofPlatform().start(() -> {
            pipe.conn2().sendBytes(big);
            pipe.conn2().sendBytes(big);
        });
        byte[] buf = new byte[100_010];
        assertThat(pipe.conn1().recvBytesInto(buf, 10)).isEqualTo(big.length);
        assertThat(java.util.Arrays.copyOfRange(buf, 10, buf.length)).isEqualTo(big);
        assertThatThrownBy(() -> pipe.conn1().recvBytesInto(new byte[1000], 0))
                .isInstanceOfSatisfying(BufferTooShortException.class, e -> assertThat(e.message()).isEqualTo(big));
        writer.join();
        close(pipe);
    }

    @Test
    void recvBytesIntoFillsTheBufferOrSaysItIsTooShort() {
        Pipe pipe = Pipe.open();
        pipe.conn1().sendBytes(new byte[] {1, 2, 3});
        byte[] buf = new byte[8];
        assertThat(pipe.conn2().recvBytesInto(buf, 2)).isEqualTo(3);
        assertThat(buf).startsWith(0, 0, 1, 2, 3);
        pipe.conn1().sendBytes(new byte[10]);
        assertThatThrownBy(() -> pipe.conn2().recvBytesInto(buf, 4))
                .isInstanceOfSatisfying(BufferTooShortException.class, e -> assertThat(e.message()).hasSize(10));
        close(pipe);
    }

    @Test
    void manyThreadsSendingOnOneEndNeverInterleaveMessages() throws Exception {
        Pipe pipe = Pipe.open(true, 4096);
        int threads = 4, each = 2_000;
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            ts.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) pipe.conn1().send("t" + id + "-" + i + "-" + "x".repeat(i % 300));
            }));
        }
        Map<Integer, Integer> next = new ConcurrentHashMap<>();
        for (int n = 0; n < threads * each; n++) {
            String m = pipe.conn2().recv();
            String[] parts = m.split("-", -1);
            int id = Integer.parseInt(parts[0].substring(1)), i = Integer.parseInt(parts[1]);
            assertThat(i).isEqualTo(next.getOrDefault(id, 0));
            assertThat(parts[2]).hasSize(i % 300);
            next.put(id, i + 1);
        }
        for (Thread t : ts) t.join();
        close(pipe);
    }

    @Test
    void closingBothEndsRemovesTheSharedMemoryFile() throws Exception {
        Path dir = RuntimeDirs.shmDir();
        Pipe pipe = Pipe.open();
        assertThat(pipeFiles(dir)).isNotEmpty();
        long before = pipeFiles(dir).size();
        close(pipe);
        assertThat(pipeFiles(dir).size()).isEqualTo(before - 1);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> Pipe.open(true, 1000)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power of two");
        Pipe pipe = Pipe.open();
        assertThatThrownBy(() -> pipe.conn1().poll(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pipe.conn1().sendBytes(new byte[2], 1, 5)).isInstanceOf(IndexOutOfBoundsException.class);
        close(pipe);
    }

    private static List<Path> pipeFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("pipe-")).toList();
        }
    }

    static void close(Pipe pipe) {
        pipe.conn1().close();
        pipe.conn2().close();
    }
}
