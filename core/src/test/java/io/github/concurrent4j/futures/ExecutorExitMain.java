package io.github.concurrent4j.futures;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;

/**
 * The child programs of {@link ExecutorShutdownTest}: what CPython runs with
 * {@code assert_python_ok('-c', ...)} to check what happens when the interpreter (here the JVM)
 * exits with an executor still working.
 *
 * <pre>
 *   ExecutorExitMain MODE        MODE: interpreter_shutdown | submit_after_exit | gh83386 |
 *                                      cancel_futures_wait_false
 * </pre>
 */
public final class ExecutorExitMain {
    private ExecutorExitMain() {}

    /** CPython's {@code sleep_and_print(t, msg)}. */
    static Object sleepAndPrint(Duration t, String msg) {
        ExecutorMixin.sleep(t);
        System.out.println(msg);
        System.out.flush();
        return null;
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "interpreter_shutdown" -> {
                // no shutdown at all: the JVM's exit lets the task finish
                Executor t = new ThreadPoolExecutor(5);
                t.submit(() -> sleepAndPrint(Duration.ofSeconds(1), "apple"));
            }
            case "submit_after_exit" -> {
                Executor t = new ThreadPoolExecutor(5);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        t.submit(() -> sleepAndPrint(Duration.ZERO, "ran"));
                    } catch (RejectedExecutionException e) {
                        System.out.println("runtime-error");
                        System.err.println(e);
                    }
                }));
                t.submit(() -> 42).result();
            }
            case "gh83386" -> {
                Executor t = new ThreadPoolExecutor(3);
                t.submit(() -> sleepAndPrint(Duration.ofSeconds(1), "apple"));
                t.shutdown(false);
            }
            case "cancel_futures_wait_false" -> {
                Executor t = new ThreadPoolExecutor();
                t.submit(() -> sleepAndPrint(Duration.ofMillis(100), "apple"));
                t.shutdown(false, true);
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }
}
