package io.github.concurrent4j.examples.threading;

import io.github.concurrent4j.threading.Threading;

/**
 * Daemon threads: a daemon thread does not keep the program alive. When the main thread's
 * code is done and only daemon threads are left, the JVM exits and they stop wherever they
 * are; a non-daemon thread is waited for.
 *
 * <p>Port of seed 004 §8 案例一 ({@code t.daemon = True; t.start(); print("主线程");
 * print(t.is_alive())}) and seed 000 §4.7 (a daemon {@code son} looping forever next to a
 * non-daemon {@code son2} that counts to 5).
 */
public final class DaemonThreads {
    private DaemonThreads() {}

    public static void main(String[] args) {
        // seed 004: sayhi would print after 2 s, but it is a daemon and main ends first
        Thread t = Threading.start("sayhi", true, () -> {
            Naps.sleep(2000);
            System.out.println("egon say hello   <- never printed: the JVM exits before");
        });
        System.out.println("main thread");
        System.out.println("sayhi alive: " + t.isAlive() + ", daemon: " + t.isDaemon());

        // seed 000: son loops forever (daemon), son2 runs 5 steps (not daemon): the JVM waits
        // for son2, then exits, stopping son
        Threading.start("son", true, () -> {
            while (true) {
                System.out.println("son (daemon): still here");
                Naps.sleep(150);
            }
        });
        Threading.start("son2", false, () -> {
            for (int i = 0; i < 5; i++) {
                System.out.println("son2 (not daemon): step " + i);
                Naps.sleep(100);
            }
            System.out.println("son2 done: only daemon threads are left, so the JVM exits now");
        });
        System.out.println("main thread's code is done; the JVM waits for son2 only");
    }
}
