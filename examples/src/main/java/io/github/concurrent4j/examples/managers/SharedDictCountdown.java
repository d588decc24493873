package io.github.concurrent4j.examples.managers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.managers.AcquirerProxy;
import io.github.concurrent4j.multiprocessing.managers.DictProxy;
import io.github.concurrent4j.multiprocessing.managers.Manager;
import io.github.concurrent4j.threading.Held;

/**
 * The seeds' Manager program: 100 processes each decrement a shared dict's count under a lock.
 *
 * <pre>
 * def func(dic, lock):
 *     with lock:
 *         dic['count'] -= 1
 * with Manager() as m:
 *     lock = m.Lock()
 *     dic = m.dict({'count': 100})
 *     p_l = [Process(target=func, args=(dic, lock)) for i in range(100)]
 *     for p in p_l: p.start()
 *     for p in p_l: p.join()
 *     print(dic)                                   # {'count': 0}
 * </pre>
 *
 * (The seed takes a {@code multiprocessing.Lock}; a manager's lock is the same idea, served by
 * the manager.) {@code dic['count'] -= 1} is a read and a write: without the lock, updates are
 * lost. The second half does it the better way: one atomic {@code compute} per process.
 */
public final class SharedDictCountdown {
    static void func(DictProxy<String, Integer> dic, AcquirerProxy lock) {
        try (Held h = lock.hold()) {
            dic.put("count", dic.get("count") - 1);
        }
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        try (Manager m = Manager.start()) {
            AcquirerProxy lock = m.lock();
            DictProxy<String, Integer> dic = m.dict(Map.of("count", n));
            List<Process> pl = new ArrayList<>();
            for (int i = 0; i < n; i++) pl.add(new Process(() -> func(dic, lock)));
            for (Process p : pl) p.start();
            for (Process p : pl) p.join();
            System.out.println(dic);                                   // {count=0}

            dic.put("count", n);
            pl.clear();
            for (int i = 0; i < n; i++) pl.add(new Process(() -> dic.compute("count", (k, v) -> v - 1)));
            for (Process p : pl) p.start();
            for (Process p : pl) p.join();
            System.out.println("with compute, no lock: " + dic);      // {count=0}
        }
    }
}
