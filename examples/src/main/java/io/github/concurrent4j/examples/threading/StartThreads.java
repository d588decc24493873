package io.github.concurrent4j.examples.threading;

import io.github.concurrent4j.threading.Threading;
import java.util.ArrayList;
import java.util.List;

/**
 * Starting threads: from a function (Python's {@code Thread(target=func, args=...)}) and from a
 * subclass overriding {@code run()} ({@code class MyThread(Thread)}), then {@code join}, and
 * the module functions {@code current_thread}, {@code enumerate}, {@code active_count}.
 *
 * <p>Ports of seeds 002 ("线程创建": {@code threading.Thread(target=run, name='child thread')}),
 * 003 ("方法包装" / "类包装" and {@code join()}) and 000 §4.3–4.4 ({@code MyThread} printing
 * {@code self.ident}, {@code enumerate()}, {@code active_count()}). The seeds sleep seconds;
 * this sleeps tenths so that the demo stays short.
 */
public final class StartThreads {
    private StartThreads() {}

    static void func1(String name) {
        System.out.printf("thread %s: start%n", name);
        for (int i = 0; i < 3; i++) {
            System.out.printf("thread %s: %d%n", name, i);
            Naps.sleep(100);
        }
        System.out.printf("thread %s: end%n", name);
    }

    /** Python: class MyThread(Thread): def __init__(self, name) ...; def run(self): ... */
    static final class MyThread extends Thread {
        MyThread(String name) {
            super(name);
        }

        @Override
        public void run() {
            System.out.printf("MyThread %s: start, ident %d%n", getName(), Threading.getIdent());
            Naps.sleep(100);
            System.out.printf("MyThread %s: end%n", getName());
        }
    }

    public static void main(String[] args) {
        // seed 002: the main thread starts a child thread and joins it
        System.out.println("main thread: " + Threading.currentThread().getName());
        Thread child = Threading.start("child thread", () -> {
            System.out.println("child thread " + Threading.currentThread().getName() + " starts; waiting a moment...");
            Naps.sleep(200);
            System.out.println("child thread ends.");
        });
        Threading.join(child);
        System.out.println("main thread: the child has ended.\n");

        // seed 003, method wrapper: Thread(target=func1, args=("t1",))
        Thread t1 = Threading.start(() -> func1("t1"));
        Thread t2 = Threading.start(() -> func1("t2"));
        Threading.join(t1); // the main thread waits for t1 and t2 before going on
        Threading.join(t2);
        System.out.println("main thread: t1 and t2 joined.\n");

        // seed 003 / 000, class wrapper: a Thread subclass overriding run(); started through
        // Threading so that enumerate() lists it while it runs
        List<Thread> mine = new ArrayList<>();
        for (String name : List.of("m1", "m2", "m3")) {
            mine.add(Threading.start(new MyThread(name)));
        }
        System.out.println("enumerate(): " + Threading.enumerate().stream().map(Thread::getName).toList());
        System.out.println("active_count(): " + Threading.activeCount() + " (the main thread and the live started ones)");
        mine.forEach(Threading::join);
        System.out.println("after join, enumerate(): " + Threading.enumerate().stream().map(Thread::getName).toList());
        System.out.println("main thread ends.");
    }
}
