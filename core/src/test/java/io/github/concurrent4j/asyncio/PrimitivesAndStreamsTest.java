package io.github.concurrent4j.asyncio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** asyncio Queue / Lock / Event / Semaphore / Condition, and streams. */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrimitivesAndStreamsTest {

    @Test
    void queueProducerConsumerWithJoinAndShutdown() {
        List<Integer> got = Asyncio.run(() -> {
            Queue<Integer> q = new Queue<>(2);
            List<Integer> out = new ArrayList<>();
            Task<Void> consumer = Asyncio.createTask(() -> {
                try {
                    for (;;) {
                        out.add(q.get());
                        q.taskDone();
                    }
                } catch (QueueShutDownException done) {
                    return null;
                }
            });
            for (int i = 0; i < 10; i++) q.put(i);
            q.join();
            q.shutdown();
            assertThatThrownBy(() -> q.put(99)).isInstanceOf(QueueShutDownException.class);
            consumer.await();
            assertThatThrownBy(q::getNowait).isInstanceOf(QueueShutDownException.class);
            return out;
        });
        assertThat(got).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        Asyncio.run(() -> {
            Queue<Integer> lifo = Queue.lifo(0);
            Queue<Integer> prio = Queue.priority(0);
            for (int x : new int[] {3, 1, 2}) {
                lifo.putNowait(x);
                prio.putNowait(x);
            }
            assertThat(List.of(lifo.get(), lifo.get(), lifo.get())).containsExactly(2, 1, 3);
            assertThat(List.of(prio.get(), prio.get(), prio.get())).containsExactly(1, 2, 3);
            Queue<Integer> bounded = new Queue<>(1);
            bounded.putNowait(1);
            assertThatThrownBy(() -> bounded.putNowait(2)).isInstanceOf(QueueFullException.class);
            assertThatThrownBy(() -> new Queue<Integer>().getNowait()).isInstanceOf(QueueEmptyException.class);
            assertThatThrownBy(() -> Asyncio.waitFor(Asyncio.createTask(() -> new Queue<Integer>().get()), Duration.ofMillis(20)))
                    .isInstanceOf(AsyncioTimeoutException.class);
            return null;
        });
    }

    @Test
    void lockIsFairAndCancelledWaitersDoNotKeepIt() {
        Asyncio.run(() -> {
            Lock lock = new Lock();
            List<Integer> order = new ArrayList<>();
            lock.acquire();
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int k = i;
                ts.add(Asyncio.createTask(() -> {
                    try (AutoCloseable held = lock.hold()) {
                        order.add(k);
                        Asyncio.sleep(Duration.ofMillis(1));
                    }
                    return null;
                }));
            }
            Asyncio.sleep(Duration.ZERO);
            ts.get(1).cancel();   // a waiter gives up
            lock.release();
            Asyncio.gather(true, ts.toArray(new Future<?>[0])).await();
            assertThat(order).containsExactly(0, 2);
            assertThat(lock.locked()).isFalse();
            assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class);
            return null;
        });
    }

    @Test
    void eventSemaphoreAndCondition() {
        Asyncio.run(() -> {
            Event ev = new Event();
            Task<Boolean> w = Asyncio.createTask(ev::await);
            Asyncio.sleep(Duration.ZERO);
            assertThat(w.done()).isFalse();
            ev.set();
            assertThat(w.await()).isTrue();

            Semaphore sem = new Semaphore(2);
            int[] inside = {0}, peak = {0};
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ts.add(Asyncio.createTask(() -> {
                    try (AutoCloseable held = sem.hold()) {
                        peak[0] = Math.max(peak[0], ++inside[0]);
                        Asyncio.sleep(Duration.ofMillis(2));
                        inside[0]--;
                    }
                    return null;
                }));
            }
            Asyncio.gather(ts).await();
            assertThat(peak[0]).isEqualTo(2);
            Semaphore b = Semaphore.bounded(1);
            assertThatThrownBy(b::release).isInstanceOf(IllegalStateException.class);

            Condition cond = new Condition();
            List<Integer> items = new ArrayList<>();
            Task<Integer> consumer = Asyncio.createTask(() -> {
                try (AutoCloseable held = cond.hold()) {
                    cond.awaitFor(() -> !items.isEmpty());
                    return items.removeFirst();
                }
            });
            Asyncio.sleep(Duration.ZERO);
            try (AutoCloseable held = cond.hold()) {
                items.add(7);
                cond.signal();
            }
            assertThat(consumer.await()).isEqualTo(7);
            assertThatThrownBy(cond::signal).isInstanceOf(IllegalStateException.class);
            return null;
        });
    }

    @Test
    void streamsEchoLinesBetweenAServerAndClients() {
        List<String> replies = Asyncio.run(() -> {
            Server server = Asyncio.startServer((reader, writer) -> {
                byte[] line;
                while ((line = reader.readLine()).length > 0) {
                    writer.write(new String(line, StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8));
                    writer.drain();
                }
            }, "127.0.0.1", 0);
            List<Task<String>> clients = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int k = i;
                clients.add(Asyncio.createTask(() -> {
                    StreamPair c = Asyncio.openConnection("127.0.0.1", server.port());
                    c.writer().write(("hello " + k + "\nbye\n").getBytes(StandardCharsets.UTF_8));
                    String a = new String(c.reader().readLine(), StandardCharsets.UTF_8);
                    String b = new String(c.reader().readExactly(4), StandardCharsets.UTF_8);
                    c.writer().writeEof();
                    assertThat(c.reader().read(100)).isEmpty();   // the server closed after our EOF
                    assertThat(c.reader().atEof()).isTrue();
                    c.writer().close();
                    c.writer().waitClosed();
                    return a + b;
                }));
            }
            List<String> out = Asyncio.gather(clients).await();
            server.close();
            server.waitClosed();
            return out;
        });
        assertThat(replies).hasSize(20);
        for (int i = 0; i < 20; i++) assertThat(replies.get(i)).isEqualTo("HELLO " + i + "\nBYE\n");
    }

    @Test
    void readExactlyAndReadUntilReportShortStreams() {
        Asyncio.run(() -> {
            Server server = Asyncio.startServer((reader, writer) -> {
                writer.write("abc|def".getBytes(StandardCharsets.US_ASCII));
                writer.close();
            }, "127.0.0.1", 0);
            StreamPair c = Asyncio.openConnection("127.0.0.1", server.port());
            assertThat(c.reader().readUntil("|".getBytes(StandardCharsets.US_ASCII))).asString().isEqualTo("abc|");
            assertThatThrownBy(() -> c.reader().readExactly(10)).isInstanceOfSatisfying(IncompleteReadException.class,
                    e -> assertThat(new String(e.partial(), StandardCharsets.US_ASCII)).isEqualTo("def"));
            c.writer().close();
            server.close();
            return null;
        });
    }

    @Test
    void aLargeWriteIsFlushedInTheBackgroundAndDrainApplies() {
        int size = 8 * 1024 * 1024;
        Asyncio.run(() -> {
            Server server = Asyncio.startServer((reader, writer) -> {
                byte[] chunk;
                while ((chunk = reader.read(65536)).length > 0) {
                    writer.write(chunk);
                    writer.drain();
                }
            }, "127.0.0.1", 0);
            StreamPair c = Asyncio.openConnection("127.0.0.1", server.port());
            byte[] data = new byte[size];
            for (int i = 0; i < size; i++) data[i] = (byte) (i * 31);
            Task<byte[]> reading = Asyncio.createTask(() -> c.reader().readExactly(size));
            c.writer().write(data);   // far more than the socket takes at once
            c.writer().drain();
            assertThat(reading.await()).isEqualTo(data);
            c.writer().close();
            server.close();
            return null;
        });
    }
}
