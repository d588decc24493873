package io.github.concurrent4j.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.concurrent4j.InterruptedRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Acceptance 7: dining philosophers with two locks taken in opposite order deadlock, and the
 * report names both threads, both locks and the cycle; both fixes finish. Also: cycles
 * through JDK monitors and locks, virtual threads, a lock held twice, registered (remote)
 * locks, and the watchdog.
 */
@Tag("unit")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeadlockTest {

    /** Both philosophers hold their first lock before either tries its second: a sure deadlock. */
    private static List<Thread> philosophers(Lock noodle, Lock fork, Thread.Builder builder) {
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Thread henry = builder.name("henry").unstarted(() -> eat(noodle, fork, bothHoldOne));
        Thread echo = builder.name("echo").unstarted(() -> eat(fork, noodle, bothHoldOne));
        return List.of(Threading.start(henry), Threading.start(echo));
    }

    private static void eat(Mutex first, Mutex second, CountDownLatch bothHoldOne) {
        try {
            first.acquire();
            bothHoldOne.countDown();
            awaitQuietly(bothHoldOne);
            second.acquire();
            second.release();
            first.release();
        } catch (InterruptedRuntimeException e) {
            // stopped by the test after the report
        }
    }

    private static Deadlock awaitDeadlockOf(Thread... threads) {
        Set<ThreadRef> wanted = Set.of(threads).stream().map(ThreadRef::of).collect(Collectors.toSet());
        List<Deadlock> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            found.clear();
            Deadlocks.find().stream().filter(d -> Set.copyOf(d.threads()).equals(wanted)).forEach(found::add);
            return !found.isEmpty();
        });
        return found.getFirst();
    }

    private static void stop(List<Thread> threads) {
        threads.forEach(Thread::interrupt);
        threads.forEach(t -> Threading.join(t));
    }

    @Test
    void twoPhilosophersWithOppositeLockOrderDeadlockAndTheReportNamesThreadsLocksAndCycle() {
        Lock noodle = new Lock("noodle");
        Lock fork = new Lock("fork");
        List<Thread> ph = philosophers(noodle, fork, Thread.ofPlatform().daemon(true));
        try {
            Deadlock d = awaitDeadlockOf(ph.toArray(Thread[]::new));

            assertThat(d.threads()).containsExactlyInAnyOrder(ThreadRef.of(ph.get(0)), ThreadRef.of(ph.get(1)));
            assertThat(d.locks()).containsExactlyInAnyOrder("Lock 'noodle'", "Lock 'fork'");
            Deadlock.Party henry = d.cycle().stream().filter(p -> p.thread().name().equals("henry")).findFirst().orElseThrow();
            assertThat(henry.waitsFor()).isEqualTo("Lock 'fork'");
            assertThat(henry.heldBy().name()).isEqualTo("echo");
            assertThat(henry.holds()).contains("Lock 'noodle'");
            assertThat(henry.stack()).anyMatch(f -> f.getMethodName().equals("eat"));

            String report = d.toString();
            System.out.println(report);
            assertThat(report).contains("Deadlock: 2 threads wait for each other in a cycle",
                    "\"henry\"", "\"echo\"", "Lock 'noodle'", "Lock 'fork'", "cycle: ",
                    "holds Lock 'noodle' and waits for Lock 'fork', held by \"echo\"",
                    "holds Lock 'fork' and waits for Lock 'noodle', held by \"henry\"");
            assertThat(Deadlocks.report()).contains("Lock 'noodle'", "Lock 'fork'");
        } finally {
            stop(ph);
        }
    }

    @Test
    void fixOneRLockForBothFinishes() {
        RLock noodleAndFork = new RLock("noodle+fork"); // noodle_lock = fork_lock = RLock()
        runFourPhilosophers(noodleAndFork, noodleAndFork);
    }

    @Test
    void fixOneLockAroundBothFinishes() {
        Lock lock = new Lock("table");
        List<Thread> threads = new ArrayList<>();
        AtomicLong meals = new AtomicLong();
        for (String name : List.of("henry", "echo", "dean", "daniel")) {
            threads.add(Threading.start(name, () -> {
                for (int i = 0; i < 1000; i++) {
                    try (var _ = lock.hold()) { // take noodle and fork together
                        meals.incrementAndGet();
                    }
                }
            }));
        }
        threads.forEach(t -> assertThat(Threading.join(t, Duration.ofSeconds(20))).isTrue());
        assertThat(meals).hasValue(4000);
    }

    private static void runFourPhilosophers(Mutex noodle, Mutex fork) {
        List<Thread> threads = new ArrayList<>();
        AtomicLong meals = new AtomicLong();
        List<String> names = List.of("henry", "echo", "dean", "daniel");
        for (int i = 0; i < names.size(); i++) {
            Mutex first = i % 2 == 0 ? noodle : fork;
            Mutex second = i % 2 == 0 ? fork : noodle;
            threads.add(Threading.start(names.get(i), () -> {
                for (int k = 0; k < 1000; k++) {
                    first.acquire();
                    second.acquire();
                    meals.incrementAndGet();
                    second.release();
                    first.release();
                }
            }));
        }
        threads.forEach(t -> assertThat(Threading.join(t, Duration.ofSeconds(20))).as(t.getName()).isTrue());
        assertThat(meals).hasValue(4000);
    }

    @Test
    void virtualPhilosophersAreSeenToo() {
        Lock noodle = new Lock("v-noodle");
        Lock fork = new Lock("v-fork");
        List<Thread> ph = philosophers(noodle, fork, Thread.ofVirtual());
        try {
            Deadlock d = awaitDeadlockOf(ph.toArray(Thread[]::new));
            assertThat(d.locks()).containsExactlyInAnyOrder("Lock 'v-noodle'", "Lock 'v-fork'");
            assertThat(d.cycle()).allMatch(p -> p.state().contains("virtual"));
            assertThat(d.cycle()).allMatch(p -> !p.stack().isEmpty());
        } finally {
            stop(ph);
        }
    }

    @Test
    void aCycleThroughAJdkMonitorAndOurLockIsFound() {
        Object monitor = new Object();
        Lock lock = new Lock("mixed");
        CountDownLatch ready = new CountDownLatch(2);
        Thread a = Threading.start("monitor-holder", true, () -> {
            synchronized (monitor) {
                ready.countDown();
                awaitQuietly(ready);
                lock.acquire();
                lock.release();
            }
        });
        Thread b = Threading.start("lock-holder", true, () -> {
            lock.acquire();
            ready.countDown();
            awaitQuietly(ready);
            synchronized (monitor) {
                Thread.onSpinWait();
            }
        });
        Deadlock d = awaitDeadlockOf(a, b);
        assertThat(d.locks()).contains("Lock 'mixed'");
        assertThat(d.locks()).anyMatch(l -> l.startsWith("monitor of java.lang.Object@"));
        assertThat(d.toString()).contains("\"monitor-holder\"", "\"lock-holder\"");
        lock.release(); // a Python Lock may be released by another thread: this breaks the cycle
        Threading.join(a);
        Threading.join(b);
    }

    @Test
    void aCycleOfJdkReentrantLocksIsFound() {
        ReentrantLock first = new ReentrantLock();
        ReentrantLock second = new ReentrantLock();
        CountDownLatch ready = new CountDownLatch(2);
        List<Thread> threads = List.of(
                Threading.start("jdk-1", true, () -> lockBoth(first, second, ready)),
                Threading.start("jdk-2", true, () -> lockBoth(second, first, ready)));
        try {
            Deadlock d = awaitDeadlockOf(threads.toArray(Thread[]::new));
            assertThat(d.locks()).allMatch(l -> l.startsWith("java.util.concurrent.locks.ReentrantLock"));
        } finally {
            stop(threads);
        }
    }

    private static void lockBoth(ReentrantLock a, ReentrantLock b, CountDownLatch ready) {
        try {
            a.lockInterruptibly();
            ready.countDown();
            ready.await();
            b.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aThreadAcquiringALockItHoldsIsACycleOfOne() {
        Lock lock = new Lock("twice");
        Thread t = Threading.start("greedy", true, () -> {
            lock.acquire();
            lock.acquire(); // a Lock is not reentrant: this waits for itself
        });
        Deadlock d = awaitDeadlockOf(t);
        assertThat(d.cycle()).hasSize(1);
        assertThat(d.toString()).contains("waits for a lock that it holds itself", "Lock 'twice'");
        lock.release();
        Threading.join(t);
    }

    @Test
    void registeredLocksOfOtherProcessesJoinTheGraph() {
        ThreadRef here = ThreadRef.of(Thread.currentThread());
        ThreadRef remote = new ThreadRef(ThreadRef.ownPid() + 100_000, 7, "remote-worker");
        OwnedLock a = fakeLock("shm Lock 'a'", remote, here);
        OwnedLock b = fakeLock("shm Lock 'b'", here, remote);
        Deadlocks.register(a);
        Deadlocks.register(b);
        try {
            Deadlock d = Deadlocks.find().stream().filter(x -> x.threads().contains(remote)).findFirst().orElseThrow();
            assertThat(d.threads()).containsExactlyInAnyOrder(here, remote);
            assertThat(d.locks()).containsExactlyInAnyOrder("shm Lock 'a'", "shm Lock 'b'");
            assertThat(d.toString()).contains("\"remote-worker\" (tid 7, pid " + remote.pid() + ")", "in process " + remote.pid());
        } finally {
            Deadlocks.unregister(a);
            Deadlocks.unregister(b);
        }
        assertThat(Deadlocks.find()).noneMatch(x -> x.threads().contains(remote));
    }

    private static OwnedLock fakeLock(String name, ThreadRef owner, ThreadRef waiter) {
        return new OwnedLock() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<ThreadRef> owner() {
                return Optional.of(owner);
            }

            @Override
            public List<ThreadRef> waiters() {
                return List.of(waiter);
            }
        };
    }

    @Test
    void theWatchdogReportsADeadlockOnceAfterTheStall() {
        Duration stall = Duration.ofMillis(300);
        List<Deadlock> reported = new CopyOnWriteArrayList<>();
        AtomicLong reportedAt = new AtomicLong();
        Lock noodle = new Lock("w-noodle");
        Lock fork = new Lock("w-fork");
        try (var watchdog = Deadlocks.watch(stall, d -> {
            if (d.locks().contains("Lock 'w-fork'")) {
                reportedAt.compareAndSet(0, System.nanoTime());
                reported.add(d);
            }
        })) {
            assertThat(watchdog.thread().isDaemon()).isTrue();
            long start = System.nanoTime();
            List<Thread> ph = philosophers(noodle, fork, Thread.ofPlatform().daemon(true));
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> !reported.isEmpty());
                assertThat(reportedAt.get() - start).isGreaterThanOrEqualTo(stall.toNanos());
                assertThat(reported.getFirst().locks()).containsExactlyInAnyOrder("Lock 'w-noodle'", "Lock 'w-fork'");
                // the same cycle is reported once, not at every look
                await().pollDelay(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> true);
                assertThat(reported).hasSize(1);
            } finally {
                stop(ph);
            }
        }
    }

    @Test
    void durationsOfTheSystemProperty() {
        assertThat(Deadlocks.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Deadlocks.parseDuration("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Deadlocks.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Deadlocks.parseDuration("PT3S")).isEqualTo(Duration.ofSeconds(3));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
