package io.github.concurrent4j.examples.futures;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.github.concurrent4j.examples.threading.Naps;
import io.github.concurrent4j.futures.Future;
import io.github.concurrent4j.futures.process.ProcessPoolExecutor;

/**
 * The seed's process pool (000, "进程池。 p.submit， p.shutdown"): {@code ProcessPoolExecutor(5)},
 * 10 tasks submitted, {@code shutdown()} (waits until they are done), then each
 * {@code result()} in order. Each task prints the pid of the worker process it runs in: five
 * pids serve the ten tasks.
 *
 * <pre>
 * p = ProcessPoolExecutor(5)
 * ret_l = [p.submit(func, i) for i in range(10)]
 * p.shutdown()
 * for ret in ret_l:
 *     print('------>', ret.result())
 * print('main', os.getpid())
 * </pre>
 *
 * The seed's tasks sleep 1–3 s; here 100–300 ms.
 */
public final class ProcessPoolSubmit {
    private ProcessPoolSubmit() {}

    static String func(int i) {
        long pid = ProcessHandle.current().pid();
        System.out.println("start " + pid);
        Naps.sleep(ThreadLocalRandom.current().nextInt(100, 301));
        System.out.println("end " + pid);
        return i + " * " + pid;
    }

    public static void main(String[] args) {
        ProcessPoolExecutor p = new ProcessPoolExecutor(5); // cpu核心数或多一
        List<Future<String>> retL = new ArrayList<>();
        for (int i = 0; i < 10; i++) retL.add(p.submit(ProcessPoolSubmit::func, i));
        p.shutdown(); // no more tasks; waits until the submitted ones are done
        for (Future<String> ret : retL) System.out.println("------> " + ret.result());
        System.out.println("main " + ProcessHandle.current().pid());
    }
}
