package io.github.concurrent4j.examples.futures;

import io.github.concurrent4j.examples.threading.Naps;
import io.github.concurrent4j.multiprocessing.pool.Pool;
import io.github.concurrent4j.multiprocessing.pool.ThreadPool;

/**
 * The seed's {@code apply_async(callback=)} (003, 进程池 "回调函数"), on the thread pool of
 * {@code multiprocessing.pool} (the process pool has the same API): the callback runs in the
 * parent, on the pool's result thread, with the task's result; tasks without a callback just
 * run.
 *
 * <pre>
 * pool = Pool(5)
 * pool.apply_async(func=func1, args=("geek1",), callback=func2)
 * ...
 * pool.apply_async(func=func1, args=("geek4",))
 * pool.close()
 * pool.join()
 * </pre>
 */
public final class ThreadPoolApplyAsync {
    private ThreadPoolApplyAsync() {}

    static String func1(String name) {
        System.out.println("func1 " + name + " on " + Thread.currentThread().getName());
        Naps.sleep(200);
        return name + " done";
    }

    static void func2(String result) {
        System.out.println("func2 (callback on " + Thread.currentThread().getName() + "): " + result);
    }

    public static void main(String[] args) {
        Pool pool = new ThreadPool(5);
        pool.applyAsync(() -> func1("geek1"), ThreadPoolApplyAsync::func2);
        pool.applyAsync(() -> func1("geek2"), ThreadPoolApplyAsync::func2);
        pool.applyAsync(() -> func1("geek3"), ThreadPoolApplyAsync::func2);
        for (int i = 4; i <= 8; i++) {
            String name = "geek" + i;
            pool.applyAsync(() -> func1(name));
        }
        pool.close();
        pool.join(); // the callbacks have run by now
        System.out.println("main");
    }
}
