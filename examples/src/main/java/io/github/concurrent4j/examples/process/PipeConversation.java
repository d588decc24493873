package io.github.concurrent4j.examples.process;

import io.github.concurrent4j.multiprocessing.Multiprocessing;
import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.multiprocessing.connection.Pipe;

/**
 * The seeds' Pipe program: two children hold the two ends of a pipe and greet each other.
 *
 * <pre>
 * def func1(conn1):
 *     print(f"process 1---{current_process().pid} sends: Hello"); conn1.send("Hello")
 *     sleep(1); print(f"from process 2: {conn1.recv()}")
 * def func2(conn2): ... conn2.send("你好") ...
 * conn1, conn2 = multiprocessing.Pipe()
 * Process(target=func1, args=(conn1,)).start(); Process(target=func2, args=(conn2,)).start()
 * </pre>
 */
public final class PipeConversation {
    static void func1(Connection conn1) throws InterruptedException {
        String info = "Hello";
        System.out.println("process 1---" + Multiprocessing.currentProcess().pid() + " sends: " + info);
        conn1.send(info);
        Thread.sleep(300);
        System.out.println("from process 2: " + conn1.<String>recv());
    }

    static void func2(Connection conn2) throws InterruptedException {
        String info = "你好";
        System.out.println("process 2---" + Multiprocessing.currentProcess().pid() + " sends: " + info);
        conn2.send(info);
        Thread.sleep(300);
        System.out.println("from process 1: " + conn2.<String>recv());
    }

    public static void main(String[] args) {
        Pipe pipe = Pipe.open();
        Connection conn1 = pipe.conn1(), conn2 = pipe.conn2();
        Process p1 = new Process(() -> func1(conn1));
        Process p2 = new Process(() -> func2(conn2));
        p1.start();
        p2.start();
        p1.join();
        p2.join();
        conn1.close();
        conn2.close();
    }
}
