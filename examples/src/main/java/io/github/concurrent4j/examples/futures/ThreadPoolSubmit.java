package io.github.concurrent4j.examples.futures;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.github.concurrent4j.examples.threading.Naps;
import io.github.concurrent4j.futures.Future;
import io.github.concurrent4j.futures.ThreadPoolExecutor;

/**
 * The seed's thread pool (000, 4.2 "线程池。p.submit(), p.shutdown(), ret.result()"):
 * {@code ThreadPoolExecutor(20)}, 100 tasks submitted, then each {@code result()} in order,
 * then {@code shutdown()}.
 *
 * <pre>
 * tp = ThreadPoolExecutor(20)          # 线程个数一般为cpu核心数4-5倍
 * ret_l = []
 * for i in range(100):
 *     ret = tp.submit(func, i)
 *     ret_l.append(ret)
 * for ret in ret_l:
 *     print('------->', ret.result())
 * tp.shutdown()
 * print('main')
 * </pre>
 *
 * The seed's tasks sleep 1–3 s; here 100–300 ms, so that the demonstration is short. Results
 * come out in submission order, whichever task finished first: {@code result()} waits.
 */
public final class ThreadPoolSubmit {
    private ThreadPoolSubmit() {}

    static String func(int i) {
        String me = Thread.currentThread().getName();
        System.out.println("start " + i + " on " + me);
        Naps.sleep(ThreadLocalRandom.current().nextInt(100, 301));
        System.out.println("end " + i + " on " + me);
        return i + " * " + me;
    }

    public static void main(String[] args) {
        ThreadPoolExecutor tp = new ThreadPoolExecutor(20);
        List<Future<String>> retL = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            retL.add(tp.submit(() -> func(n)));
        }
        for (Future<String> ret : retL) System.out.println("-------> " + ret.result());
        tp.shutdown(); // waits, as Python's does
        System.out.println("main");
    }
}
