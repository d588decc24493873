package io.github.concurrent4j.examples.process;

import io.github.concurrent4j.multiprocessing.Process;

/**
 * The seeds' daemon programs. A daemon ends when the main program's code ends; a non-daemon
 * child is waited for; a daemon may not start children of its own.
 *
 * <pre>
 * def foo(): print(123); time.sleep(1); print("end123")
 * def bar(): print(456); time.sleep(3); print("end456")
 * p1 = Process(target=foo); p2 = Process(target=bar)
 * p1.daemon = True; p1.start(); p2.start(); print("main-------")
 * # main------- 456 end456: the daemon p1 is terminated when main's code ends, p2 runs on
 *
 * def task(name): ...; p = Process(target=time.sleep, args=(3,)); p.start()
 * # in a daemon: AssertionError: daemonic processes are not allowed to have children
 * </pre>
 */
public final class Daemons {
    static void foo() throws InterruptedException {
        System.out.println(123);
        Thread.sleep(1000);
        System.out.println("end123");
    }

    static void bar() throws InterruptedException {
        System.out.println(456);
        Thread.sleep(1500);
        System.out.println("end456");
    }

    static void daemonStartingAChild() {
        try {
            new Process(() -> Thread.sleep(3000)).start();
        } catch (IllegalStateException e) {
            System.out.println("the daemon could not start a child: " + e.getMessage());
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Process d = new Process(Daemons::daemonStartingAChild);
        d.setDaemon(true);
        d.start();
        d.join();

        Process p1 = new Process(Daemons::foo);
        Process p2 = new Process(Daemons::bar);
        p1.setDaemon(true);
        p1.start();
        p2.start();
        Thread.sleep(300); // both have started (Python's version races here too)
        System.out.println("main------- (main's code ends: the daemon foo is terminated, bar is waited for)");
    }
}
