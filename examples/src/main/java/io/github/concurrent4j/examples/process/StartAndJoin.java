package io.github.concurrent4j.examples.process;

import java.util.ArrayList;
import java.util.List;

import io.github.concurrent4j.multiprocessing.Process;

/**
 * The seeds' first process programs: start a child with a target function, or with a subclass
 * that overrides {@code run()}; {@code join} several children that run concurrently; send ten
 * "mails" from ten children and wait for all of them.
 *
 * <pre>
 * def task(name):                          class MyProcess(Process):
 *     print("%s is running" % name)            def run(self):
 *     time.sleep(3)                                print('%s is running' % self.name) ...
 *     print("%s is done" % name)
 * p = Process(target=task, args=('child 1',)); p.start(); print("main")
 *
 * p1 = Process(target=task, args=("child 1", 5)) ... p1.start() ... p1.join() ...
 * print("main", time.time() - start)       # ~5 s, not 5+3+2: the children ran concurrently
 * </pre>
 * (Sleeps are scaled from seconds to tenths of a second so the demo is quick.)
 */
public final class StartAndJoin {
    static void task(String name, long millis) throws InterruptedException {
        System.out.println(name + " is running");
        Thread.sleep(millis);
        System.out.println(name + " is done");
    }

    /** Way two: subclass Process and override run(). */
    static final class MyProcess extends Process {
        MyProcess(String name) {
            super(name);
        }

        @Override
        public void run() throws InterruptedException {
            task(name(), 300);
        }
    }

    static void sendMail(int i) {
        System.out.println("mail sent " + i);
    }

    public static void main(String[] args) {
        // Way one: a target function. start() only asks for the process; "main" usually prints first.
        Process p = new Process(() -> task("child 1", 300));
        p.start();
        System.out.println("main");
        p.join();

        MyProcess mp = new MyProcess("child 2");
        mp.start();
        System.out.println("main");
        mp.join();

        // join: the children run concurrently; main waits for the slowest, not for their sum.
        long start = System.nanoTime();
        Process p1 = new Process(() -> task("child 1", 500));
        Process p2 = new Process(() -> task("child 2", 300));
        Process p3 = new Process(() -> task("child 3", 200));
        p1.start();
        p2.start();
        p3.start();
        p1.join();
        p2.join();
        p3.join();
        System.out.printf("main waited %.2f s for children of 0.5 + 0.3 + 0.2 s%n", (System.nanoTime() - start) / 1e9);

        List<Process> mails = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            Process m = new Process(() -> sendMail(n));
            m.start();
            mails.add(m);
        }
        for (Process m : mails) m.join();
        System.out.println("all 10 mails sent");
    }
}
