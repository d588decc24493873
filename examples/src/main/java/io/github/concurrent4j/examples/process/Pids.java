package io.github.concurrent4j.examples.process;

import io.github.concurrent4j.multiprocessing.Multiprocessing;
import io.github.concurrent4j.multiprocessing.Process;

/**
 * The seeds' pid program: the child prints its pid and its parent's, the parent its own and
 * the child's (Python's {@code os.getpid()}, {@code os.getppid()}, {@code p.pid}).
 *
 * <pre>
 * def task():
 *     print('%s is running, parent id is <%s>' % (os.getpid(), os.getppid()))
 * p = Process(target=task); p.start(); p.join()
 * print('main', os.getpid(), 'its parent', os.getppid()); print(p.pid)
 * </pre>
 */
public final class Pids {
    static void task() {
        long me = ProcessHandle.current().pid();
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        System.out.println(me + " is running, parent id is <" + parent + ">, named "
                + Multiprocessing.currentProcess().name() + ", parent named "
                + Multiprocessing.parentProcess().orElseThrow().name());
        System.out.println(me + " is done, parent id is <" + parent + ">");
    }

    public static void main(String[] args) {
        Process p = new Process(Pids::task);
        p.start();
        p.join();
        System.out.println("main " + ProcessHandle.current().pid() + ", its parent "
                + ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L));
        System.out.println("the child's pid, still known after it ended: " + p.pid() + " (exit code " + p.exitCode().getAsInt() + ")");
    }
}
