package io.github.concurrent4j.examples.managers;

import java.util.ArrayList;
import java.util.List;

import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.managers.DictProxy;
import io.github.concurrent4j.multiprocessing.managers.ListProxy;
import io.github.concurrent4j.multiprocessing.managers.Manager;

/**
 * The seeds' shared list and dict: children append to a manager list and set a manager dict's
 * entry; the parent sees both.
 *
 * <pre>
 * def func(name, m_list, m_dict):
 *     m_list.append("你好")
 *     m_dict["name"] = "Jack"
 * with Manager() as mgr:
 *     m_list = mgr.list(); m_dict = mgr.dict()
 *     m_list.append("Hello")
 *     p1 = Process(target=func, args=("p1", m_list, m_dict)); p1.start(); p1.join()
 *     print(f"主进程{m_dict}"); print(f"主进程{m_list}")
 * </pre>
 *
 * Here three children append, each its own greeting.
 */
public final class SharedList {
    static void func(String name, ListProxy<String> mList, DictProxy<String, String> mDict) {
        mList.add("你好 from " + name);
        mDict.put("name", "Jack");
    }

    public static void main(String[] args) {
        try (Manager mgr = Manager.start()) {
            ListProxy<String> mList = mgr.list();
            DictProxy<String, String> mDict = mgr.dict();
            mList.add("Hello");
            List<Process> ps = new ArrayList<>();
            for (String name : List.of("p1", "p2", "p3")) {
                Process p = new Process(() -> func(name, mList, mDict));
                p.start();
                ps.add(p);
            }
            for (Process p : ps) p.join();
            System.out.println("主进程" + mDict);          // {name=Jack}
            System.out.println("主进程 " + mList.size() + " items: " + mList.get(0) + " + " + (mList.size() - 1) + " greetings");
        }
    }
}
