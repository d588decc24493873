package io.github.concurrent4j.examples.asyncio;

import io.github.concurrent4j.asyncio.Asyncio;
import java.time.Duration;

/**
 * The seeds' "启动一个任务": one coroutine on an event loop.
 *
 * <pre>
 * async def demo():
 *     print('start')
 *     await asyncio.sleep(1)
 *     print('end')
 * loop = asyncio.get_event_loop()
 * loop.run_until_complete(demo())
 * </pre>
 *
 * {@code loop.run_until_complete(demo())} on a fresh loop is {@code asyncio.run(demo())}.
 */
public final class RunOneTask {
    private RunOneTask() {}

    static void demo() {
        System.out.println("start");
        Asyncio.sleep(Duration.ofSeconds(1));   // await asyncio.sleep(1): only this task waits
        System.out.println("end");
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        Asyncio.run(RunOneTask::demo);
        System.out.printf("took %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
}
