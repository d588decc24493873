package io.github.concurrent4j.multiprocessing.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.Waitable;
import io.github.concurrent4j.multiprocessing.Waiter;

/**
 * {@code Connections.wait} blocks on readiness instead of polling, and wakes promptly for the
 * first ready object of each kind: a pipe end written by another process, a process that
 * ended, a socket that received (issue 14, acceptance 2; the figure itself comes from
 * {@code bench/run wait}).
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WaitReadinessTest {
    private static final int TRIALS = 15;

    /** A child that, on command, sends its clock on a pipe or a socket, or sleeps until killed. */
    private static void commanded(Connection cmd, Connection pipeOut, Address address) throws InterruptedException {
        try (Connection sock = Client.connect(address)) {
            sock.send("connected");
            while (true) {
                String c = cmd.recv();
                switch (c) {
                    case "pipe" -> pipeOut.send(System.nanoTime());
                    case "socket" -> sock.send(System.nanoTime());
                    default -> Thread.sleep(600_000);
                }
            }
        }
    }

    @Test
    void waitOverAPipeEndASentinelAndASocketWakesPromptlyForEachKind() throws Exception {
        Pipe data = Pipe.open(false), cmd = Pipe.open(false);
        Connection dataR = data.conn1(), dataW = data.conn2(), cmdR = cmd.conn1(), cmdW = cmd.conn2();
        try (Listener listener = Listener.open()) {
            Address address = listener.address();
            Process child = new Process(() -> commanded(cmdR, dataW, address));
            child.start();
            dataW.close();
            cmdR.close();
            try (Connection server = listener.accept()) {
                assertThat(server.<String>recv()).isEqualTo("connected");
                Waitable sentinel = child.sentinel();
                List<Waitable> all = List.of(dataR, sentinel, server);

                long[] pipe = new long[TRIALS], socket = new long[TRIALS];
                for (int i = 0; i < TRIALS; i++) {
                    cmdW.send("pipe");
                    assertThat(Connections.wait(all, Duration.ofSeconds(10))).containsExactly(dataR);
                    long t1 = System.nanoTime();
                    pipe[i] = t1 - dataR.<Long>recv();
                    cmdW.send("socket");
                    assertThat(Connections.wait(all, Duration.ofSeconds(10))).containsExactly(server);
                    t1 = System.nanoTime();
                    socket[i] = t1 - server.<Long>recv();
                }

                cmdW.send("sleep");
                long[] killedAt = new long[1];
                CountDownLatch waiting = new CountDownLatch(1);
                Thread killer = Thread.ofPlatform().start(() -> {
                    try {
                        waiting.await();
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                    killedAt[0] = System.nanoTime();
                    child.kill();
                });
                waiting.countDown();
                // (Not with dataR: the child holds its other end, whose end-of-file may be seen first.)
                Pipe quiet = Pipe.open();
                List<Waitable> ready = Connections.wait(List.of(quiet.conn1(), sentinel), Duration.ofSeconds(10));
                long exitSeen = System.nanoTime();
                killer.join();
                PipeTest.close(quiet);
                assertThat(ready).containsExactly(sentinel);
                child.join();

                // Generous bounds for a busy 2-core machine; the wake-up itself takes microseconds.
                assertThat(millis(median(pipe))).as("pipe wake-up, median ms").isLessThan(20);
                assertThat(millis(median(socket))).as("socket wake-up, median ms").isLessThan(20);
                assertThat(millis(Arrays.stream(pipe).max().orElseThrow())).isLessThan(500);
                assertThat(millis(Arrays.stream(socket).max().orElseThrow())).isLessThan(500);
                assertThat(millis(exitSeen - killedAt[0])).as("kill to sentinel, ms").isLessThan(1_000);
            }
        } finally {
            dataR.close();
            cmdW.close();
        }
    }

    /** The waiting thread sleeps: it spends almost no CPU while nothing is ready (polling every millisecond spent tens of ms a second). */
    @Test
    void aWaitWithNothingReadyBlocksInsteadOfPolling() throws Exception {
        Pipe pipe = Pipe.open();
        Connection end = pipe.conn1();
        Process child = new Process(() -> Thread.sleep(600_000));
        child.start();
        try (Listener listener = Listener.open()) {
            Thread t = Thread.ofPlatform().start(() -> {
                try (Connection c = Client.connect(listener.address())) {
                    Thread.sleep(3_000);
                } catch (InterruptedException ignored) {
                    // done
                }
            });
            try (Connection server = listener.accept()) {
                ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                Connections.wait(List.of(end, child.sentinel(), server), Duration.ofMillis(50)); // warm: first use
                long cpu0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                List<Waitable> ready = Connections.wait(List.of(end, child.sentinel(), server), Duration.ofSeconds(1));
                long cpu = mx.getCurrentThreadCpuTime() - cpu0, wall = System.nanoTime() - t0;
                assertThat(ready).isEmpty();
                assertThat(wall).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(990));
                assertThat(millis(cpu)).as("CPU ms spent waiting 1 s").isLessThan(15);
            }
            t.interrupt();
            t.join();
        } finally {
            child.kill();
            child.join();
            PipeTest.close(pipe);
        }
    }

    /** A {@link Waitable} of one's own that signals through {@link Waiter#wake()} (a pool's wake-up is one). */
    private static final class Flag implements Waitable {
        private final AtomicBoolean set = new AtomicBoolean();
        private final List<Waiter> waiters = new java.util.concurrent.CopyOnWriteArrayList<>();

        void set() {
            set.set(true);
            waiters.forEach(Waiter::wake);
        }

        @Override
        public boolean isReady() {
            return set.get();
        }

        @Override
        public Waiter.Registration register(Waiter waiter) {
            waiters.add(waiter);
            return () -> waiters.remove(waiter);
        }
    }

    @Test
    void aWaitableOfOnesOwnWakesTheWaiterWithAndWithoutPipeEnds() throws Exception {
        Pipe pipe = Pipe.open();
        Connections.wait(List.of(pipe.conn1()), Duration.ofMillis(1)); // first use: classes, FFM call stubs
        for (boolean withPipe : new boolean[] {false, true}) {
            Flag flag = new Flag();
            long[] setAt = new long[1];
            Thread setter = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                setAt[0] = System.nanoTime();
                flag.set();
            });
            List<Waitable> objects = withPipe ? List.of(pipe.conn1(), flag) : List.of(flag);
            assertThat(Connections.wait(objects, Duration.ofSeconds(10))).containsExactly(flag);
            long woke = System.nanoTime();
            setter.join();
            assertThat(millis(woke - setAt[0])).as("with a pipe end: " + withPipe).isLessThan(1_000); // a lost wake-up: 10 s
            assertThat(flag.waiters).isEmpty(); // the registration was undone
        }
        PipeTest.close(pipe);
    }

    @Test
    void aWaitableThatCanOnlyBePolledIsPolled() {
        long readyAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        Waitable polled = () -> System.nanoTime() - readyAt >= 0;
        assertThat(Connections.wait(List.of(polled), Duration.ofSeconds(10))).containsExactly(polled);
        assertThat(millis(System.nanoTime() - readyAt)).isLessThan(50);
    }

    /** More pipe ends than futex_waitv takes (127 besides the waiter's own word): the rest are polled, none is missed. */
    @Test
    void moreThan127PipeEndsAreAllWatched() {
        List<Pipe> pipes = new ArrayList<>();
        for (int i = 0; i < 130; i++) pipes.add(Pipe.open(false, 4096));
        List<Connection> ends = pipes.stream().map(Pipe::conn1).toList();
        for (int i : new int[] {0, 126, 127, 129}) {
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                pipes.get(i).conn2().send(i);
            });
            assertThat(Connections.wait(ends, Duration.ofSeconds(10))).containsExactly(ends.get(i));
            assertThat(ends.get(i).<Integer>recv()).isEqualTo(i);
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        pipes.forEach(PipeTest::close);
    }

    @Test
    void endOfFileIsReadinessAndAClosedPeerWakesTheWaiter() throws Exception {
        Pipe pipe = Pipe.open(false);
        Thread closer = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            pipe.conn2().close();
        });
        long t0 = System.nanoTime();
        assertThat(Connections.wait(List.of(pipe.conn1()), Duration.ofSeconds(10))).containsExactly(pipe.conn1());
        assertThat(millis(System.nanoTime() - t0)).isLessThan(1_000);
        closer.join();
        assertThatThrownBy(pipe.conn1()::recv).isInstanceOf(EOFException.class);
        pipe.conn1().close();
    }

    @Test
    void anInterruptedWaitThrows() throws Exception {
        Pipe pipe = Pipe.open();
        AtomicReference<Throwable> err = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread t = Thread.ofPlatform().start(() -> {
            started.countDown();
            try {
                Connections.wait(List.of(pipe.conn1()));
            } catch (Throwable e) {
                err.set(e);
            }
        });
        started.await();
        Thread.sleep(50);
        t.interrupt();
        t.join(5_000);
        assertThat(err.get()).isInstanceOf(InterruptedRuntimeException.class);
        PipeTest.close(pipe);
    }

    @Test
    void aClosedConnectionIsRefusedByName() {
        Pipe pipe = Pipe.open();
        pipe.conn1().close();
        assertThatThrownBy(() -> Connections.wait(List.of(pipe.conn1()), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        pipe.conn2().close();
    }

    /** Where the kernel has no futex_waitv (before 5.16), pipe ends are polled: slower, still correct. */
    @Test
    void withoutFutexWaitvPipeEndsArePolledAndStillSeen() throws Exception {
        ThreadWaiter.withoutWaitv = true;
        try {
            Pipe a = Pipe.open(), b = Pipe.open();
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                b.conn2().send("late");
            });
            long t0 = System.nanoTime();
            assertThat(Connections.wait(List.of(a.conn1(), b.conn1()), Duration.ofSeconds(10))).containsExactly(b.conn1());
            assertThat(millis(System.nanoTime() - t0)).isBetween(90L, 2_000L);
            t.join();
            PipeTest.close(a);
            PipeTest.close(b);
        } finally {
            ThreadWaiter.withoutWaitv = false;
        }
    }

    /** A virtual thread may wait too (a futex sleep pins its carrier for at most a slice at a time). */
    @Test
    void aVirtualThreadWaitsOnPipesAndCallbacks() throws Exception {
        Pipe pipe = Pipe.open();
        Flag flag = new Flag();
        AtomicReference<List<Waitable>> got = new AtomicReference<>(), got2 = new AtomicReference<>();
        Thread v = Thread.ofVirtual().start(() -> {
            got.set(Connections.wait(List.of(pipe.conn1(), flag), Duration.ofSeconds(10)));
            got2.set(Connections.wait(List.of(flag), Duration.ofSeconds(10)));
        });
        Thread.sleep(100);
        pipe.conn2().send(1);
        Thread.sleep(50);
        flag.set();
        v.join(10_000);
        assertThat(got.get()).contains(pipe.conn1());
        assertThat(got2.get()).containsExactly(flag);
        PipeTest.close(pipe);
    }

    /** As in Python, once the sentinel is ready the exit code is known, without a join. */
    @Test
    void theExitCodeIsKnownOnceTheSentinelIsReady() {
        for (int i = 0; i < 5; i++) {
            Process p = new Process(() -> Thread.sleep(600_000));
            p.start();
            Thread killer = Thread.ofPlatform().start(p::kill);
            assertThat(Connections.wait(List.of(p.sentinel()), Duration.ofSeconds(30))).containsExactly(p.sentinel());
            assertThat(p.exitCode()).hasValue(-9);
            assertThat(p.isAlive()).isFalse();
            try {
                killer.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            p.join();
        }
    }

    /** Python's {@code sentinel} raises {@code ValueError} before {@code start()}; here the same mistake is named at once. */
    @Test
    void theSentinelOfAProcessNotStartedIsRefused() {
        Process p = new Process(() -> {});
        assertThatThrownBy(p::sentinel).isInstanceOf(IllegalStateException.class).hasMessageContaining("not been started");
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
