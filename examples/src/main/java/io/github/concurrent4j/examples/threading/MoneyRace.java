package io.github.concurrent4j.examples.threading;

import io.github.concurrent4j.threading.Barrier;
import io.github.concurrent4j.threading.Lock;
import io.github.concurrent4j.threading.Threading;

/**
 * The shared-counter race and its lock. Two threads run {@code MONEY += n; MONEY -= n} a
 * million times each; the result should be 0. Without a lock the two read-modify-writes
 * interleave and updates are lost; with a {@link Lock} around {@code change(n)} the result is
 * always 0, at some cost in time.
 *
 * <p>Port of seed 002 "线程锁" ({@code MONEY}, {@code change(n)}, {@code run(n)} with
 * {@code lock.acquire()}/{@code try}/{@code finally: lock.release()}). In Java the field is
 * {@code volatile} only to stop the JIT from folding {@code += n; -= n} away; it does not make
 * {@code +=} atomic. A {@link Barrier} starts both loops together: a million iterations take
 * only milliseconds in Java, so without it the second thread often starts after the first has
 * finished, and the race hides.
 */
public final class MoneyRace {
    private MoneyRace() {}

    private static volatile long money;
    private static final Lock lock = new Lock("money");

    static void change(long n) {
        money += n;
        money -= n;
    }

    static void run(long n, boolean locked, Barrier together) {
        together.await();
        for (int i = 0; i < 1_000_000; i++) {
            if (locked) {
                lock.acquire();
                try {
                    change(n);
                } finally {
                    lock.release();
                }
            } else {
                change(n);
            }
        }
    }

    static long round(boolean locked) {
        money = 0;
        long start = System.nanoTime();
        Barrier together = new Barrier(2); // both loops start together, so that they overlap
        Thread t1 = Threading.start(() -> run(6, locked, together));
        Thread t2 = Threading.start(() -> run(7, locked, together));
        Threading.join(t1);
        Threading.join(t2);
        System.out.printf("%s MONEY: %d   time: %.3f s%n", locked ? "with lock:   " : "without lock:", money,
                (System.nanoTime() - start) / 1e9);
        return money;
    }

    public static void main(String[] args) {
        System.out.println("expected: 0 every time");
        // A race depends on timing: some runs end at 0 by luck. Run until it shows (at most 30 times).
        int runs = 0;
        long unlocked = 0;
        while (unlocked == 0 && runs < 30) {
            unlocked = round(false);
            runs++;
        }
        System.out.println(unlocked != 0
                ? "-> without a lock, updates were lost (run " + runs + ")"
                : "-> no lost update seen in " + runs + " runs this time; it is still a race");
        for (int i = 0; i < 3; i++) {
            round(true);
        }
        System.out.println("-> with the lock, always 0");
    }
}
