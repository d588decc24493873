package io.github.concurrent4j.examples.threading;

import io.github.concurrent4j.threading.Lock;
import io.github.concurrent4j.threading.Threading;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A thread-safe singleton: ten threads ask for the instance at once; the check-then-create is
 * done under a lock, so exactly one instance is made even though creating it takes a while
 * (the seed sleeps there on purpose to let the threads interleave).
 *
 * <p>Port of seed 000 §1.2 "单例模式" ({@code __new__} doing {@code with cls.lock: if not
 * cls.__instance: time.sleep(random.random()); cls.__instance = ...}); the random sleep is
 * shortened to tens of milliseconds. (In Java the idiomatic singleton is a holder class or an
 * enum; this keeps the seed's lock to show what the lock does.)
 */
public final class Singleton {
    private static final Lock lock = new Lock("Singleton");
    private static volatile Singleton instance;
    private static int created;

    private Singleton() {
        created++;
    }

    static Singleton getInstance() {
        try (var _ = lock.hold()) { // with cls.lock:
            if (instance == null) {
                Naps.sleep(ThreadLocalRandom.current().nextInt(50)); // let other threads run
                instance = new Singleton();
            }
        }
        return instance;
    }

    public static void main(String[] args) {
        Set<Singleton> seen = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            threads.add(Threading.start(() -> {
                Singleton s = getInstance();
                seen.add(s);
                System.out.println(Threading.currentThread().getName() + ": " + s);
            }));
        }
        threads.forEach(Threading::join);
        System.out.println("distinct instances: " + seen.size() + ", constructor calls: " + created);
    }

    @Override
    public String toString() {
        return "Singleton@" + Integer.toHexString(System.identityHashCode(this));
    }
}
