package io.github.concurrent4j.examples.asyncio;

import io.github.concurrent4j.asyncio.Asyncio;
import java.time.Duration;
import java.util.List;

/**
 * The seeds' "asyncio实现协程": two coroutines under {@code asyncio.gather}, whose results come
 * back in argument order.
 *
 * <pre>
 * async def func1():
 *     for i in range(3):
 *         print(f"北京:第{i}次打印"); await asyncio.sleep(1)
 *     return "func1执行完毕"
 * async def func2(): ... 上海 ... return "func2执行完毕"
 * async def main():
 *     res = await asyncio.gather(func1(), func2())
 *     print(res)
 * asyncio.run(main())            # 耗时 about 3 s, not 6
 * </pre>
 */
public final class GatherDemo {
    private GatherDemo() {}

    static String func1() {
        for (int i = 0; i < 3; i++) {
            System.out.println("北京:第" + i + "次打印");
            Asyncio.sleep(Duration.ofSeconds(1));
        }
        return "func1执行完毕";
    }

    static String func2() {
        for (int k = 0; k < 3; k++) {
            System.out.println("上海:第" + k + "次打印");
            Asyncio.sleep(Duration.ofSeconds(1));
        }
        return "func2执行完毕";
    }

    public static void main(String[] args) {
        long t1 = System.nanoTime();
        List<String> res = Asyncio.run(() -> Asyncio.gather(GatherDemo::func1, GatherDemo::func2).await());
        System.out.println(res);
        System.out.printf("耗时:%.2f%n", (System.nanoTime() - t1) / 1e9);
    }
}
