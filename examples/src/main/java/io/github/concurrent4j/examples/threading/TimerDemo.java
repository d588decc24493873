package io.github.concurrent4j.examples.threading;

import io.github.concurrent4j.threading.Threading;
import io.github.concurrent4j.threading.Timer;
import java.time.Duration;

/**
 * {@code Timer}: run a function once after a delay, in its own thread; {@code cancel()} before
 * the delay is up and it never runs.
 *
 * <p>Seed 001 lists {@code Timer} among the {@code threading} classes
 * ({@code Timer(interval, function).start()}, {@code cancel()}) without a program; this is the
 * usual one.
 */
public final class TimerDemo {
    private TimerDemo() {}

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        Timer hello = new Timer(Duration.ofMillis(300), () -> System.out.printf(
                "hello, world   (after %d ms, in %s)%n", (System.nanoTime() - t0) / 1_000_000, Threading.currentThread().getName()));
        Timer never = new Timer(Duration.ofMillis(200), () -> System.out.println("this is never printed"));
        hello.start();
        never.start();
        System.out.println("two timers started: " + Threading.enumerate().stream().map(Thread::getName).toList());
        never.cancel();
        System.out.println("the second one is cancelled before it fires");
        hello.join();
        never.join();
        System.out.println("both timer threads have ended: " + hello + ", " + never);
    }
}
