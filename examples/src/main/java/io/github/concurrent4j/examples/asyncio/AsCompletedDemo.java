package io.github.concurrent4j.examples.asyncio;

import io.github.concurrent4j.asyncio.Asyncio;
import io.github.concurrent4j.asyncio.Future;
import io.github.concurrent4j.asyncio.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The seeds' "异步取返回值": results as they come, with {@code asyncio.as_completed}.
 *
 * <pre>
 * async def demo(i):
 *     print('start'); await asyncio.sleep(10 - i); print('end')
 *     return i, 123
 * async def main():
 *     task_l = [asyncio.ensure_future(demo(i)) for i in range(10)]
 *     for ret in asyncio.as_completed(task_l):
 *         res = await ret
 *         print(res)
 * </pre>
 *
 * The sleeps are {@code (10 - i) / 10} s here instead of {@code 10 - i} s, so that it ends
 * within a second: task 9 finishes first and is printed first.
 */
public final class AsCompletedDemo {
    private AsCompletedDemo() {}

    record Result(int i, int value) {}

    static Result demo(int i) {
        System.out.println("start " + i);
        Asyncio.sleep(Duration.ofMillis(100L * (10 - i)));
        System.out.println("end " + i);
        return new Result(i, 123);
    }

    public static void main(String[] args) {
        Asyncio.run(() -> {
            List<Task<Result>> taskL = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int k = i;
                taskL.add(Asyncio.ensureFuture(() -> demo(k)));
            }
            for (Future<Result> ret : Asyncio.asCompleted(taskL)) {
                Result res = ret.await();
                System.out.println("(" + res.i() + ", " + res.value() + ")");
            }
            return null;
        });
    }
}
