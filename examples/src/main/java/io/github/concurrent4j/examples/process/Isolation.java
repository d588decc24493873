package io.github.concurrent4j.examples.process;

import io.github.concurrent4j.multiprocessing.Process;

/**
 * The seeds' question "is memory shared or isolated between processes?" — isolated: the child
 * changes its own copy of the global.
 *
 * <pre>
 * n = 100
 * def work():
 *     global n
 *     n = 0
 *     print('in the child: ', n)
 * p = Process(target=work); p.start(); p.join()
 * print('in the parent: ', n)   # 100
 * </pre>
 */
public final class Isolation {
    static int n = 100;

    static void work() {
        n = 0;
        System.out.println("in the child: " + n);
    }

    public static void main(String[] args) {
        Process p = new Process(Isolation::work);
        p.start();
        p.join();
        System.out.println("in the parent: " + n);
    }
}
