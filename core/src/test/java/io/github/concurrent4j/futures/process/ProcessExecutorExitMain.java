package io.github.concurrent4j.futures.process;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;

import io.github.concurrent4j.futures.Executor;
import io.github.concurrent4j.futures.ExecutorMixin;

/**
 * {@code ExecutorExitMain}'s modes on a {@link ProcessPoolExecutor}: the programs CPython's
 * {@code test_shutdown.py} runs with {@code assert_python_ok} for process pools.
 */
public final class ProcessExecutorExitMain {
    private ProcessExecutorExitMain() {}

    static Object sleepAndPrint(Duration t, String msg) {
        ExecutorMixin.sleep(t);
        System.out.println(msg);
        System.out.flush();
        return null;
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "interpreter_shutdown" -> {
                Executor t = new ProcessPoolExecutor(2);
                t.submit(() -> sleepAndPrint(Duration.ofSeconds(1), "apple"));
            }
            case "submit_after_exit" -> {
                Executor t = new ProcessPoolExecutor(2);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        t.submit(() -> sleepAndPrint(Duration.ZERO, "ran")).result();
                    } catch (RejectedExecutionException e) {
                        System.out.println("runtime-error");
                        System.err.println("cannot schedule new futures after JVM shutdown: " + e);
                    }
                }));
                t.submit(() -> 42).result();
            }
            case "gh83386" -> {
                Executor t = new ProcessPoolExecutor(2);
                t.submit(() -> sleepAndPrint(Duration.ofSeconds(1), "apple"));
                t.shutdown(false);
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }
}
