package io.github.concurrent4j.examples.futures;

import java.util.stream.IntStream;

import io.github.concurrent4j.futures.ThreadPoolExecutor;

/**
 * The seed's {@code tp.map(func, 可迭代对象)} (000, 4.2): {@code map} submits every item at
 * once and returns an iterator (a generator in Python) over the results, in order.
 *
 * <pre>
 * tp = ThreadPoolExecutor(20)
 * ret = tp.map(func, range(20))       # tp.map()方法
 * for i in ret: print(i)              # ret 为生成器对象
 * </pre>
 */
public final class ThreadPoolMap {
    private ThreadPoolMap() {}

    public static void main(String[] args) {
        try (ThreadPoolExecutor tp = new ThreadPoolExecutor(20)) {
            for (String r : tp.map(ThreadPoolSubmit::func, IntStream.range(0, 20).boxed().toList())) {
                System.out.println(r);
            }
        }
    }
}
