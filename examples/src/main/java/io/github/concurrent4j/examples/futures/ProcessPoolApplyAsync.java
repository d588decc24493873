package io.github.concurrent4j.examples.futures;

import io.github.concurrent4j.examples.threading.Naps;
import io.github.concurrent4j.multiprocessing.pool.Pool;
import io.github.concurrent4j.multiprocessing.pool.ProcessPool;

/**
 * The seed's {@code Pool.apply_async(callback=)} (003, "进程池"): {@code Pool(5)}, three tasks
 * with a callback and five without, then {@code close()} and {@code join()}. Each task runs in a
 * worker process (its pid is printed); each callback runs in this, the parent, process, on the
 * pool's result thread, with the task's result.
 *
 * <pre>
 * pool = Pool(5)
 * pool.apply_async(func=func1, args=("geek1",), callback=func2)
 * ...
 * pool.apply_async(func=func1, args=("geek8",))
 * pool.close()
 * pool.join()
 * </pre>
 */
public final class ProcessPoolApplyAsync {
    private ProcessPoolApplyAsync() {}

    static String func1(String name) {
        System.out.println("当前进程的ID:" + ProcessHandle.current().pid() + "," + name);
        Naps.sleep(200);
        return name;
    }

    static void func2(String args) {
        System.out.println(args + " (callback in the parent, pid " + ProcessHandle.current().pid() + ")");
    }

    public static void main(String[] args) {
        Pool pool = new ProcessPool(5);
        pool.applyAsync(() -> func1("geek1"), ProcessPoolApplyAsync::func2);
        pool.applyAsync(() -> func1("geek2"), ProcessPoolApplyAsync::func2);
        pool.applyAsync(() -> func1("geek3"), ProcessPoolApplyAsync::func2);
        for (int i = 4; i <= 8; i++) {
            String name = "geek" + i;
            pool.applyAsync(() -> func1(name));
        }
        pool.close();
        pool.join(); // the workers have ended and the callbacks have run
        System.out.println("结束");
    }
}
