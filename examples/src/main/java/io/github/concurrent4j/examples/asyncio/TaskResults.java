package io.github.concurrent4j.examples.asyncio;

import io.github.concurrent4j.asyncio.Asyncio;
import io.github.concurrent4j.asyncio.Task;
import java.time.Duration;
import java.util.List;

/**
 * The seeds' "有返回值 / 同步取返回值": tasks made with {@code loop.create_task}, awaited with
 * {@code asyncio.wait}, then their results read with {@code task.result()}.
 *
 * <pre>
 * async def demo():
 *     print('start'); await asyncio.sleep(1); print('end')
 *     return 123
 * t1 = loop.create_task(demo()); t2 = loop.create_task(demo())
 * loop.run_until_complete(asyncio.wait([t1, t2]))
 * for t in [t1, t2]: print(t.result())
 * </pre>
 */
public final class TaskResults {
    private TaskResults() {}

    static int demo() {
        System.out.println("start");
        Asyncio.sleep(Duration.ofSeconds(1));
        System.out.println("end");
        return 123;
    }

    public static void main(String[] args) {
        Asyncio.run(() -> {
            Task<Integer> t1 = Asyncio.getRunningLoop().createTask(TaskResults::demo);
            Task<Integer> t2 = Asyncio.getRunningLoop().createTask(TaskResults::demo);
            List<Task<Integer>> tasks = List.of(t1, t2);
            Asyncio.wait(tasks);
            for (Task<Integer> t : tasks) System.out.println(t.result());
            return null;
        });
    }
}
