package io.github.concurrent4j.examples.process;

import java.util.ArrayList;
import java.util.List;

import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.sharedctypes.Value;
import io.github.concurrent4j.multiprocessing.synchronize.Event;
import io.github.concurrent4j.multiprocessing.synchronize.Lock;

/**
 * The seeds' countdown under a lock (seed 004 "加锁：未加锁部分并发执行，加锁部分串行执行"), with
 * processes: {@code n} starts at 20 in shared memory ({@code Value('i', 20)}); 10 processes each
 * run {@code temp = n; sleep; n = temp - 1}. Without a lock they all read 20 and n ends near
 * 19 ("速度快，但是数据出错"); with a process {@link Lock} around the three lines they run one at
 * a time and n ends at exactly 10, slower ("速度慢，数据安全"). Then seed 004's 案例二: three
 * processes each print three lines under one lock, so each process's lines stay together.
 *
 * <pre>
 * def task():
 *     time.sleep(...)                 # unlocked code runs concurrently
 *     lock.acquire(); temp = n; time.sleep(0.5); n = temp - 1; lock.release()
 * </pre>
 */
public final class LockCountdown {
    private LockCountdown() {}

    static void task(Value n, Lock lock, Event go) throws InterruptedException {
        go.await();
        if (lock != null) lock.acquire();
        try {
            int temp = n.getInt();
            Thread.sleep(50);
            n.set(temp - 1);
        } finally {
            if (lock != null) lock.release();
        }
    }

    static int countdown(boolean locked) {
        Value n = Value.raw('i', 20);
        Lock lock = locked ? new Lock() : null;
        Event go = new Event(); // all start together, as the seeds' threads do after their unlocked sleep
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Process p = new Process(() -> task(n, lock, go));
            p.start();
            ps.add(p);
        }
        long t0 = System.nanoTime();
        go.set();
        for (Process p : ps) p.join();
        go.close();
        int left = n.getInt();
        System.out.printf("%s n: %d (expected 10)   time: %.2f s%n", locked ? "with lock:   " : "without lock:", left,
                (System.nanoTime() - t0) / 1e9);
        n.close();
        if (lock != null) lock.close();
        return left;
    }

    static void steps(String name, Lock mutex) throws InterruptedException {
        try (var _ = mutex.hold()) {
            System.out.println(name + " 第一次");
            Thread.sleep(100);
            System.out.println(name + " 第二次");
            Thread.sleep(100);
            System.out.println(name + " 第三次");
        }
    }

    public static void main(String[] args) {
        countdown(false);
        if (countdown(true) != 10) throw new AssertionError("with the lock n must end at 10");
        Lock mutex = new Lock(); // made once, passed to every child: all use the same lock
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "进程" + i;
            Process p = new Process(() -> steps(name, mutex));
            p.start();
            ps.add(p);
        }
        for (Process p : ps) p.join();
        mutex.close();
    }
}
