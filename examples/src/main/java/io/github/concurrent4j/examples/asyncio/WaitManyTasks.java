package io.github.concurrent4j.examples.asyncio;

import io.github.concurrent4j.asyncio.Asyncio;
import java.time.Duration;
import java.util.List;

/**
 * The seeds' "启动多个任务 / 没有返回值": three coroutines under {@code asyncio.wait}.
 *
 * <pre>
 * wait_obj = asyncio.wait([demo(), demo(), demo()])
 * loop.run_until_complete(wait_obj)
 * </pre>
 *
 * The three one-second sleeps overlap: the whole takes one second, not three. (Since Python
 * 3.11, {@code wait} takes tasks, not bare coroutines: each is wrapped with {@code create_task}.)
 */
public final class WaitManyTasks {
    private WaitManyTasks() {}

    static Void demo() {
        System.out.println("start");
        Asyncio.sleep(Duration.ofSeconds(1));
        System.out.println("end");
        return null;
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        Asyncio.run(() -> Asyncio.wait(List.of(
                Asyncio.createTask(WaitManyTasks::demo),
                Asyncio.createTask(WaitManyTasks::demo),
                Asyncio.createTask(WaitManyTasks::demo))));
        System.out.printf("three tasks sleeping 1 s each took %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
}
