package io.github.concurrent4j.examples.threading;

import io.github.concurrent4j.threading.Local;
import io.github.concurrent4j.threading.Threading;

/**
 * {@code threading.local}: one variable, a separate value in each thread, so the two threads
 * of the MONEY program no longer race: each changes only its own copy.
 *
 * <p>Port of seed 002 "threading.local" ({@code local.money = 0} in {@code run(n)}, then a
 * million {@code change(n)} reading and writing {@code local.money}).
 */
public final class ThreadLocalMoney {
    private ThreadLocalMoney() {}

    private static final Local<Long> money = new Local<>();

    static void change(long n) {
        long m = money.get();
        m += n;
        m -= n;
        money.set(m);
    }

    static void run(long n) {
        money.set(0L); // every thread reads and writes its own local.money
        for (int i = 0; i < 1_000_000; i++) {
            change(n);
        }
        System.out.println(Threading.currentThread().getName() + " local.money: " + money.get());
    }

    public static void main(String[] args) {
        long s = System.nanoTime();
        Thread t1 = Threading.start("Thread-1", () -> run(6));
        Thread t2 = Threading.start("Thread-2", () -> run(7));
        Threading.join(t1);
        Threading.join(t2);
        System.out.printf("time: %.3f s%n", (System.nanoTime() - s) / 1e9);
        System.out.println(money + "   (the main thread never set its own value)");
    }
}
