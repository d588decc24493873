package io.github.concurrent4j.examples.process;

import io.github.concurrent4j.multiprocessing.Process;

/**
 * The seeds' {@code terminate()} / {@code is_alive()} program: terminate is asynchronous, so
 * the child is still alive right after it, and gone a moment later.
 *
 * <pre>
 * p = Process(target=son1); p.start(); print(p.is_alive())   # True
 * time.sleep(1); p.terminate(); print(p.is_alive())          # True: the OS has not acted yet
 * time.sleep(0.01); print(p.is_alive())                      # False
 * </pre>
 * The last check joins first instead of sleeping a guessed 10 ms: how long the OS takes
 * varies, and a demo should not be flaky.
 */
public final class TerminateIsAlive {
    static void son1() throws InterruptedException {
        while (true) {
            System.out.println("is alive");
            Thread.sleep(250);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Process p = new Process(TerminateIsAlive::son1);
        p.start();
        System.out.println("started, alive: " + p.isAlive());
        Thread.sleep(700);
        p.terminate();
        System.out.println("right after terminate(), alive: " + p.isAlive());
        p.join();
        System.out.println("after join, alive: " + p.isAlive() + ", exit code " + p.exitCode().getAsInt());
    }
}
