package io.github.concurrent4j.examples.threading;

import io.github.concurrent4j.threading.Event;
import io.github.concurrent4j.threading.Threading;

/**
 * {@code Event}: threads wait until another thread raises a flag. Tom and Jack sit down at the
 * hot pot and wait; when the main thread says "eat", both start at once.
 *
 * <p>Port of seed 003 "事件(Event)" ({@code chihuoguo(name)} calling {@code event.wait()}, the
 * main thread sleeping 5 s and then {@code event.set()}); shortened to half a second. The last
 * lines show what Python's {@code Event} adds over a latch: {@code clear()} makes it reusable,
 * and {@code wait(timeout)} returns the flag.
 */
public final class HotPotEvent {
    private HotPotEvent() {}

    private static final Event event = new Event();

    static void chihuoguo(String name) {
        System.out.println(name + " has started");
        System.out.println(name + " sits down at the hot pot and waits");
        Naps.sleep(100);
        event.await(); // blocked until the event is set
        System.out.println(name + " got the signal");
        System.out.println(name + ": let's eat!");
    }

    public static void main(String[] args) {
        Thread t1 = Threading.start(() -> chihuoguo("Tom"));
        Thread t2 = Threading.start(() -> chihuoguo("Jack"));
        Naps.sleep(500);
        System.out.println("main thread: time to eat!");
        event.set();
        Threading.join(t1);
        Threading.join(t2);

        event.clear();
        System.out.println("after clear(): isSet = " + event.isSet()
                + ", await(100 ms) returns " + event.await(java.time.Duration.ofMillis(100)));
        event.set();
        System.out.println("after set():   await(100 ms) returns " + event.await(java.time.Duration.ofMillis(100)));
    }
}
