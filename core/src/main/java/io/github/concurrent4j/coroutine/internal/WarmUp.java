package io.github.concurrent4j.coroutine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the loop's suspend/resume paths a few thousand times, once per JVM, before the first
 * real loop opens.
 *
 * <h2>Why</h2>
 * A program that starts many fibers before any resumes (asyncio's "create 100 000 tasks,
 * then gather them") has the JIT compile the scheduler while every fiber is parked and none
 * has ever returned from its park. C2 then compiles the code after the park as never taken
 * (an {@code unstable_if} trap), and each of the 100 000 frozen frames of that compiled code
 * is deoptimized one by one when its fiber resumes: measured at ~64 000 deoptimizations and
 * several seconds of CPU in the first runs. Running the resume paths first gives the
 * profiles both sides of every branch. It takes ~0.1 s of CPU, in a daemon thread of its own.
 */
final class WarmUp {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private WarmUp() {}

    static void ensure() {
        if (STARTED.get() || !STARTED.compareAndSet(false, true)) return;
        // in the background: nobody waits for it (only the JIT's profiles need it), so a short
        // program does not pay for it; it is done long before a heavy workload builds up
        Thread.ofPlatform().daemon(true).name("c4j-loop-warmup").start(WarmUp::run);
    }

    private static void run() {
        Loop loop = Loop.open("warmup");
        loop.stallThreshold(0);
        try {
            for (int round = 0; round < 12; round++) {
                List<Fiber> fs = new ArrayList<>();
                WaitQueue q = new WaitQueue();
                int n = 64;
                for (int i = 0; i < n; i++) {
                    int k = i;
                    Fiber f = loop.newFiber(null, () -> {
                        loop.yieldNow();
                        if (k % 2 == 0) q.await(loop, -1, null);
                        else q.wakeOne(loop);
                        loop.sleep(k % 3 == 0 ? 1_000 : 0);
                    }, null);
                    fs.add(f);
                    loop.schedule(f);
                }
                Waiter all = loop.newWaiter();
                loop.callLater(2_000_000, () -> q.wakeAll(loop));
                Fiber last = loop.newFiber(null, () -> {
                    while (loop.liveCount() > 1) loop.yieldNow();
                    loop.resolve(all, null);
                }, null);
                loop.schedule(last);
                loop.suspend(all);
                Fiber a = loop.newFiber(null, () -> {
                    for (int i = 0; i < 20; i++) loop.switchTo(loop.root(), null, null);
                    loop.prepareDirect(loop.root(), null, null);   // a raw greenlet's exit to its parent
                    Loop.currentFiber().exitTarget(loop.root());
                }, null);
                for (int i = 0; i < 21; i++) {
                    if (a.state() == Fiber.DEAD) break;
                    loop.switchTo(a, null, null);
                }
            }
        } finally {
            loop.close(f -> new IllegalStateException("warm-up"));
        }
    }
}
