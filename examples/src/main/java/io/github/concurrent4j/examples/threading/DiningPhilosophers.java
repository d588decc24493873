package io.github.concurrent4j.examples.threading;

import io.github.concurrent4j.threading.Deadlock;
import io.github.concurrent4j.threading.Deadlocks;
import io.github.concurrent4j.threading.Lock;
import io.github.concurrent4j.threading.Mutex;
import io.github.concurrent4j.threading.RLock;
import io.github.concurrent4j.threading.Threading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The dining philosophers: the noodles and the fork are two locks; {@code eat1} takes the
 * noodles then the fork, {@code eat2} the fork then the noodles. Two philosophers each holding
 * one lock and waiting for the other wait forever: a deadlock. Python just hangs; concurrent4j
 * reports the cycle (who holds what, who waits for what, the stacks), here through the
 * deadlock watchdog after half a second of stall, and on demand with {@link Deadlocks#find()}.
 * Then the seed's two fixes run to completion: one {@link RLock} for both
 * ({@code noodle_lock = fork_lock = RLock()}), and one {@link Lock} around both.
 *
 * <p>Port of seed 000 §9.5 "2. 死锁" ({@code eat1}/{@code eat2}, four philosophers henry, echo,
 * dean, daniel) and "2.2 解决方案" (递归锁, 代码优化); Python passes either kind of lock, Java
 * types them as {@link Mutex}. The deadlocked philosophers are daemon
 * threads, so that the program can end after the report although they never will.
 */
public final class DiningPhilosophers {
    private DiningPhilosophers() {}

    static final List<String> NAMES = List.of("henry", "echo", "dean", "daniel");

    static void eat1(String name, Mutex noodleLock, Mutex forkLock) {
        noodleLock.acquire();
        System.out.println(name + " got the noodles");
        Naps.sleep(100); // a moment's thought: enough for the other one to take the fork
        forkLock.acquire();
        System.out.println(name + " got the fork");
        System.out.println(name + " eats a mouthful");
        forkLock.release();
        System.out.println(name + " put down the fork");
        noodleLock.release();
        System.out.println(name + " put down the noodles");
    }

    static void eat2(String name, Mutex noodleLock, Mutex forkLock) {
        forkLock.acquire();
        System.out.println(name + " got the fork");
        Naps.sleep(100);
        noodleLock.acquire();
        System.out.println(name + " got the noodles");
        System.out.println(name + " eats a mouthful");
        noodleLock.release();
        System.out.println(name + " put down the noodles");
        forkLock.release();
        System.out.println(name + " put down the fork");
    }

    static List<Thread> seat(Mutex noodleLock, Mutex forkLock, boolean daemon) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            String name = NAMES.get(i);
            boolean first = i % 2 == 0;
            threads.add(Threading.start(name, daemon, () -> {
                if (first) {
                    eat1(name, noodleLock, forkLock);
                } else {
                    eat2(name, noodleLock, forkLock);
                }
            }));
        }
        return threads;
    }

    public static void main(String[] args) throws Exception {
        System.out.println("=== 1. Two locks taken in opposite order (Lock noodle, Lock fork) ===");
        CompletableFuture<Deadlock> reported = new CompletableFuture<>();
        try (var _ = Deadlocks.watch(Duration.ofMillis(500), reported::complete)) {
            Lock noodleLock = new Lock("noodle");
            Lock forkLock = new Lock("fork");
            seat(noodleLock, forkLock, true);
            try {
                Deadlock d = reported.get(10, TimeUnit.SECONDS);
                System.out.println("\n--- the deadlock watchdog reported, after 0.5 s of stall: ---");
                System.out.print(d);
                System.out.println("---");
                List<Deadlock> now = Deadlocks.find(); // the same, on demand
                System.out.println("on demand, Deadlocks.find(): " + now.stream()
                        .map(x -> x.threads().stream().map(t -> t.name()).collect(Collectors.joining(" <-> "))
                                + " over " + x.locks())
                        .toList());
            } catch (java.util.concurrent.TimeoutException e) {
                System.out.println("(no deadlock this time: the scheduler let one philosopher finish first; run it again)");
            }
        }

        System.out.println("\n=== 2. Fix 1: one RLock for both (noodle_lock = fork_lock = RLock()) ===");
        RLock both = new RLock("noodle+fork");
        seat(both, both, false).forEach(Threading::join);
        System.out.println("all four ate.");

        System.out.println("\n=== 3. Fix 2: one Lock around both (take noodles and fork together) ===");
        Lock table = new Lock("table");
        List<Thread> threads = new ArrayList<>();
        for (String name : NAMES) {
            threads.add(Threading.start(name, () -> {
                try (var _ = table.hold()) {
                    System.out.println(name + " got the noodles and the fork");
                    System.out.println(name + " eats a mouthful");
                    Naps.sleep(20);
                    System.out.println(name + " put down the fork and the noodles");
                }
            }));
        }
        threads.forEach(Threading::join);
        System.out.println("all four ate.");
        System.out.println("\nThe deadlocked philosophers of part 1 are daemon threads: the JVM exits without them.");
    }
}
