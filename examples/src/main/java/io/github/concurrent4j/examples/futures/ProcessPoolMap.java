package io.github.concurrent4j.examples.futures;

import java.util.stream.IntStream;

import io.github.concurrent4j.examples.threading.Naps;
import io.github.concurrent4j.futures.process.ProcessPoolExecutor;

/**
 * The seed's {@code map} ("tp.map(func, 可迭代对象)") on worker processes:
 * {@code executor.map(func, range(20))} yields the results in order, whichever finished first.
 *
 * <pre>
 * with ProcessPoolExecutor(4) as p:
 *     for r in p.map(func, range(20)): print(r)
 * </pre>
 */
public final class ProcessPoolMap {
    private ProcessPoolMap() {}

    static String func(int i) {
        Naps.sleep(50 + (i * 37) % 100);
        return i + " * " + ProcessHandle.current().pid();
    }

    public static void main(String[] args) {
        try (ProcessPoolExecutor p = new ProcessPoolExecutor(4)) {
            for (String r : p.map(ProcessPoolMap::func, IntStream.range(0, 20).boxed().toList())) System.out.println(r);
        }
    }
}
