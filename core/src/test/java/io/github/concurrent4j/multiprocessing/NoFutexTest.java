package io.github.concurrent4j.multiprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.multiprocessing.connection.Connections;
import io.github.concurrent4j.multiprocessing.connection.Pipe;
import io.github.concurrent4j.multiprocessing.sharedctypes.Value;
import io.github.concurrent4j.multiprocessing.synchronize.Event;
import io.github.concurrent4j.multiprocessing.synchronize.RLock;
import io.github.concurrent4j.queue.EmptyException;
import io.github.concurrent4j.testing.JavaProgram;
import io.github.concurrent4j.transport.shm.Futex;

/**
 * Shared memory without futexes (issue 10: "no futex: correct and slower"): a program started
 * with {@code -Dc4j.futex=false}, as a sandbox that refuses the system call would need, runs
 * the cross-process queue, lock, pipe, event, joinable queue and {@code Connections.wait} with
 * every wait polling its word, in itself and in its children, and leaves nothing behind.
 */
@Tag("integration")
class NoFutexTest {

    @Test
    @Timeout(240)
    void queuesLocksAndPipesWorkWhenEveryWaitPolls() throws Exception {
        try (JavaProgram p = JavaProgram.start(List.of("-Dc4j.futex=false"), System.getProperty("java.class.path"),
                Program.class)) {
            Duration step = Duration.ofSeconds(60);
            assertThat(p.awaitLine("POLLING", step)).isEqualTo("POLLING true WAITV false");
            assertThat(p.awaitLine("QUEUE", step)).isEqualTo("QUEUE child polling true, 20000 items in order");
            assertThat(p.awaitLine("EMPTY", step)).isEqualTo("EMPTY after a timeout within bounds");
            assertThat(p.awaitLine("COUNTER", step)).isEqualTo("COUNTER 8000");
            assertThat(p.awaitLine("PIPE", step)).isEqualTo("PIPE 1000 echoes");
            assertThat(p.awaitLine("WAIT", step)).isEqualTo("WAIT the late end only");
            assertThat(p.awaitLine("JOIN", step)).isEqualTo("JOIN after 10 taskDone");
            assertThat(p.awaitExit(step)).as(p.stderr()).isZero();
            long pid = p.process().pid();
            try (Stream<Path> left = Files.list(Path.of("/dev/shm"))) {
                assertThat(left.map(Path::getFileName).map(Path::toString).filter(n -> n.startsWith("c4j-" + pid + "-")))
                        .as("the program's shared-memory directory is gone").isEmpty();
            }
        }
    }

    /** The program: each step prints one line; any failure ends it with a non-zero status. */
    public static final class Program {
        static final Integer END = -1;

        public static void main(String[] args) throws Exception {
            System.out.println("POLLING " + Futex.POLLING + " WAITV " + Futex.WAITV);
            queue();
            counter();
            pipe();
            waitOnTwoEnds();
            joinable();
            System.exit(0);
        }

        static void queue() {
            Queue<Object> q = new Queue<>(100); // bounded: the producer waits for room too
            Process producer = new Process(() -> {
                q.put(Futex.POLLING);
                for (int i = 0; i < 20_000; i++) q.put(i);
                q.put(END);
            });
            producer.start();
            Object childPolling = q.get();
            int next = 0;
            for (Object o; !END.equals(o = q.get()); next++) {
                if (!Integer.valueOf(next).equals(o)) throw new AssertionError("item " + o + " where " + next + " was due");
            }
            producer.join();
            System.out.println("QUEUE child polling " + childPolling + ", " + next + " items in order");
            long t0 = System.nanoTime();
            try {
                q.get(Duration.ofMillis(200));
                throw new AssertionError("get on an empty queue returned");
            } catch (EmptyException expected) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (ms < 100 || ms >= 1_000) throw new AssertionError("get(200 ms) gave up after " + ms + " ms");
            }
            System.out.println("EMPTY after a timeout within bounds");
            q.close();
        }

        static void counter() {
            Value v = Value.of('i', 0);
            List<Process> ps = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Process p = new Process(() -> {
                    RLock lock = v.getLock();
                    for (int k = 0; k < 2_000; k++) {
                        try (var h = lock.hold()) {
                            v.set(v.getInt() + 1);
                        }
                    }
                });
                p.start();
                ps.add(p);
            }
            for (Process p : ps) p.join();
            System.out.println("COUNTER " + v.getInt());
            v.close();
        }

        static void pipe() {
            Pipe pipe = Pipe.open();
            Connection child = pipe.conn2();
            Process echo = new Process(() -> {
                for (Object o; !END.equals(o = child.recv()); ) child.send(o);
            });
            echo.start();
            child.close();
            Connection parent = pipe.conn1();
            for (int i = 0; i < 1_000; i++) {
                parent.send(i);
                if (!Integer.valueOf(i).equals(parent.recv())) throw new AssertionError("echo " + i);
            }
            parent.send(END);
            echo.join();
            parent.close();
            System.out.println("PIPE 1000 echoes");
        }

        static void waitOnTwoEnds() {
            Pipe quiet = Pipe.open(), late = Pipe.open();
            Event go = new Event();
            Connection lateWriter = late.conn2();
            Process sender = new Process(() -> {
                go.await();
                lateWriter.send("late");
            });
            sender.start();
            lateWriter.close();
            if (!Connections.wait(List.of(quiet.conn1(), late.conn1()), Duration.ofMillis(50)).isEmpty()) {
                throw new AssertionError("an end was ready before anything was sent");
            }
            go.set();
            List<Connection> ready = Connections.wait(List.of(quiet.conn1(), late.conn1()), Duration.ofSeconds(30));
            if (!ready.equals(List.of(late.conn1()))) throw new AssertionError("ready: " + ready);
            if (!"late".equals(late.conn1().recv())) throw new AssertionError("wrong message");
            sender.join();
            System.out.println("WAIT the late end only");
            quiet.conn1().close();
            quiet.conn2().close();
            late.conn1().close();
            go.close();
        }

        static void joinable() {
            JoinableQueue<Integer> q = new JoinableQueue<>();
            Process consumer = new Process(() -> {
                for (int i = 0; i < 10; i++) {
                    q.get();
                    q.taskDone();
                }
            });
            consumer.start();
            for (int i = 0; i < 10; i++) q.put(i);
            q.join();
            consumer.join();
            System.out.println("JOIN after 10 taskDone");
            q.close();
        }
    }
}
