package io.github.concurrent4j.examples.futures;

import java.util.concurrent.ThreadLocalRandom;

import io.github.concurrent4j.examples.threading.Naps;
import io.github.concurrent4j.futures.ThreadPoolExecutor;

/**
 * The seed's thread pool of four (004, 十一 3 "线程池"): ten tasks on four threads, "from
 * start to end four threads solve the ten tasks; whoever is free takes the next", then
 * {@code shutdown(wait=True)}: the entrance is closed and the main thread waits for every
 * task before it prints "主进程" (main).
 *
 * <pre>
 * pool = ThreadPoolExecutor(4)
 * for i in range(10):
 *     pool.submit(task, 'ThreadPool-%s' % i)
 * pool.shutdown(wait=True)
 * print("主进程")
 * </pre>
 */
public final class ShutdownWait {
    private ShutdownWait() {}

    static Object task(String name) {
        System.out.printf("name: %s thread: %s run%n", name, Thread.currentThread().getName());
        Naps.sleep(ThreadLocalRandom.current().nextInt(100, 301));
        return null;
    }

    public static void main(String[] args) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4);
        for (int i = 0; i < 10; i++) pool.submit(ShutdownWait::task, "ThreadPool-" + i);
        pool.shutdown(true);
        System.out.println("主进程 (main: every task has finished)");
    }
}
