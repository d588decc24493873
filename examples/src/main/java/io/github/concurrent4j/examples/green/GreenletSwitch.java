package io.github.concurrent4j.examples.green;

import io.github.concurrent4j.green.Greenlet;
import io.github.concurrent4j.green.Hub;
import java.util.ArrayList;
import java.util.List;

/**
 * The seeds' greenlet program ("完成切换"): two greenlets hand control to each other with
 * explicit {@code switch()} calls; nothing runs concurrently, the order is fixed.
 *
 * <pre>
 * def func1():                      def func2():
 *     print(123)                        print(456)
 *     time.sleep(0.5)                   time.sleep(0.5)
 *     g2.switch()                       print(456)
 *     print(123)                        g1.switch()
 * g1 = greenlet(func1); g2 = greenlet(func2); g1.switch()
 * </pre>
 *
 * Then the alternating variant (each switches back and forth twice: 123 456 123 456) and
 * greenlet's own documentation example (12 56 34; 78 is never printed, because nothing
 * switches back into test2 after test1 finishes and control returns to the main greenlet).
 */
public final class GreenletSwitch {
    static Greenlet<Object> g1, g2;

    private GreenletSwitch() {}

    public static void main(String[] args) throws Exception {
        try (Hub hub = Hub.open()) {
            System.out.println("-- the seeds' program, as written:");
            g1 = Greenlet.create(() -> {
                System.out.println(123);
                Thread.sleep(500);   // time.sleep: a plain blocking call, fine with raw greenlets
                g2.switchTo();
                System.out.println(123);
                return null;
            });
            g2 = Greenlet.create(() -> {
                System.out.println(456);
                Thread.sleep(500);
                System.out.println(456);
                g1.switchTo();
                return null;
            });
            g1.switchTo();
            System.out.println("g1 dead: " + g1.isDead() + ", g2 dead: " + g2.isDead()
                    + " (g2 is still paused in its switch, as in Python)");

            System.out.println("-- alternating: each switches back and forth");
            List<Integer> out = new ArrayList<>();
            g1 = Greenlet.create(() -> {
                out.add(123);
                g2.switchTo();
                out.add(123);
                g2.switchTo();
                return null;
            });
            g2 = Greenlet.create(() -> {
                out.add(456);
                g1.switchTo();
                out.add(456);
                return null;
            });
            g1.switchTo();
            System.out.println(out);

            System.out.println("-- greenlet's documentation example (12 56 34, never 78):");
            g1 = Greenlet.create(() -> {
                System.out.println(12);
                g2.switchTo();
                System.out.println(34);
                return null;
            });
            g2 = Greenlet.create(() -> {
                System.out.println(56);
                g1.switchTo();
                System.out.println(78);
                return null;
            });
            g1.switchTo();

            System.out.println("-- values travel with switch(): a child greenlet returns its result to its parent");
            Greenlet<String> child = Greenlet.create(a -> "got " + a[0] + " and " + a[1]);
            System.out.println(child.switchTo("x", "y"));
        }   // closing the hub ends the greenlets left paused (GreenletExit)
    }
}
