package io.github.concurrent4j.examples.managers;

import java.util.ArrayList;
import java.util.List;

import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.managers.Manager;
import io.github.concurrent4j.multiprocessing.managers.QueueProxy;

/**
 * The seeds' {@code Manager().Queue(3)} read by child processes (a {@code Process} subclass).
 *
 * <pre>
 * class MyProcess(Process):
 *     def __init__(self, name, mq): super().__init__(); self.name = name; self.mq = mq
 *     def run(self):
 *         print(f"Process:{self.name}, 启动")
 *         data = self.mq.get()
 *         print(f"Process:{self.name}, get Data:{data}")
 *         sleep(1)
 *         print(f"Process:{self.name}, 终止")
 * manager = Manager(); mq = manager.Queue(maxsize=3)
 * mq.put("1"); mq.put("2"); mq.put("3")
 * p_list = [MyProcess(f"p{i + 1}", mq) for i in range(3)]
 * for p in p_list: p.start()
 * for p in p_list: p.join()
 * </pre>
 */
public final class ManagerQueueReaders {
    static final class MyProcess extends Process {
        private final QueueProxy<String> mq;

        MyProcess(String name, QueueProxy<String> mq) {
            super(name);
            this.mq = mq;
        }

        @Override
        public void run() throws Exception {
            System.out.println("Process:" + name() + ", 启动");
            String data = mq.get();
            System.out.println("Process:" + name() + ", get Data:" + data);
            Thread.sleep(300);
            System.out.println("Process:" + name() + ", 终止");
        }
    }

    public static void main(String[] args) {
        try (Manager manager = Manager.start()) {
            QueueProxy<String> mq = manager.queue(3);
            mq.put("1");
            mq.put("2");
            mq.put("3");
            System.out.println("full: " + mq.full());             // true: maxsize 3
            List<Process> pList = new ArrayList<>();
            for (int i = 0; i < 3; i++) pList.add(new MyProcess("p" + (i + 1), mq));
            for (Process p : pList) p.start();
            for (Process p : pList) p.join();
            System.out.println("empty: " + mq.empty());           // true
        }
    }
}
