package io.github.concurrent4j.asyncio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.concurrent4j.coroutine.LoopExitException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The asyncio deviations from CPython that issue 9 found, one test each where the ported CPython
 * tests do not already pin them down (2: {@code CpythonAsyncioLockTests.LockTests}; 3:
 * {@code SemaphoreTests.test_acquire_fifo_order_2}; 4: {@code ConditionTests.test_cancelled_wakeup*};
 * 6: {@code CpythonTaskGroupTests.test_error_and_cancel}, {@code test_taskgroup_without_parent_task};
 * 7: {@code CpythonTimeoutTests.test_timeout_zero_sleep_zero}, {@code test_timeout_in_the_past_sleep_zero}).
 */
@Tag("unit")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PythonDeviationsTest {

    @Test
    void nonBlockingOperationsWorkOutsideALoop() {
        // 1. CPython 3.10+: primitives are bound to a loop only when a task waits on them
        Queue<Integer> q = new Queue<>(1);
        q.putNowait(1);
        assertThatThrownBy(() -> q.putNowait(2)).isInstanceOf(QueueFullException.class);
        assertThat(q.getNowait()).isEqualTo(1);
        q.putNowait(3);
        q.getNowait();
        q.taskDone();
        q.taskDone();
        q.shutdown(true);
        Event ev = new Event();
        ev.set();
        assertThat(ev.isSet()).isTrue();
        Semaphore b = Semaphore.bounded(2);
        assertThat(b.acquire()).isTrue();   // a free permit needs no loop either
        b.release();
        assertThatThrownBy(b::release).isInstanceOf(IllegalStateException.class)
                .hasMessage("BoundedSemaphore released too many times");
        Lock lock = new Lock();
        assertThat(lock.acquire()).isTrue();
        lock.release();
        // and the same objects then serve tasks of a loop
        Asyncio.run(() -> {
            Event later = new Event();
            Task<Boolean> w = Asyncio.createTask(later::await);
            Asyncio.sleep(Duration.ZERO);
            later.set();
            return w.await();
        });
    }

    @Test
    void wakingAWaiterFromOutsideItsLoopIsRefusedClearly() throws Exception {
        Event ev = new Event();
        Throwable[] fromOtherThread = {null};
        Asyncio.run(() -> {
            Task<Boolean> w = Asyncio.createTask(ev::await);
            Asyncio.sleep(Duration.ZERO);
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    ev.set();
                } catch (Throwable e) {
                    fromOtherThread[0] = e;
                }
            });
            Asyncio.toThread(() -> {
                t.join();
                return null;
            });
            ev.set();   // from the loop: fine
            return w.await();
        });
        assertThat(fromOtherThread[0]).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("callSoonThreadsafe");
    }

    @Test
    void releaseLeavesTheLockUnlockedUntilTheWokenWaiterRuns() {
        // 2. CPython: release() unlocks; the woken waiter takes the lock when it runs
        Asyncio.run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Task<Boolean> waiter = Asyncio.createTask(lock::acquire);
            Asyncio.sleep(Duration.ZERO);
            lock.release();
            assertThat(lock.locked()).isFalse();
            // a newcomer still queues behind the woken waiter (fairness)
            Task<Boolean> newcomer = Asyncio.createTask(lock::acquire);
            Asyncio.sleep(Duration.ZERO);
            assertThat(waiter.done()).isTrue();
            assertThat(newcomer.done()).isFalse();
            assertThat(lock.locked()).isTrue();
            lock.release();
            return newcomer.await();
        });
    }

    @Test
    void awaitingATaskThatSwallowsTheCancellationGivesItsResult() {
        // 5. the cancellation of the awaiting task goes to the awaited one; its outcome is ours
        Asyncio.run(() -> {
            Task<String> inner = Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(Duration.ofSeconds(10));
                    return "slept";
                } catch (CancelledException e) {
                    return "swallowed";
                }
            });
            Task<String> outer = Asyncio.createTask(inner::await);
            Asyncio.sleep(Duration.ZERO);
            outer.cancel();
            assertThat(outer.await()).isEqualTo("swallowed");
            assertThat(outer.cancelling()).isEqualTo(1);

            Task<String> failing = Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(Duration.ofSeconds(10));
                    return "slept";
                } catch (CancelledException e) {
                    throw new IllegalStateException("failed while cancelling");
                }
            });
            Task<String> outer2 = Asyncio.createTask(failing::await);
            Asyncio.sleep(Duration.ZERO);
            outer2.cancel();
            assertThatThrownBy(outer2::await).isInstanceOf(IllegalStateException.class)
                    .hasMessage("failed while cancelling");
            return null;
        });
    }

    @Test
    void aCancelledTaskReRaisesTheExceptionItRaised() {
        // 5. awaiting a cancelled task raises the very CancelledException the task ended with
        Asyncio.run(() -> {
            CancelledException[] raised = {null};
            Task<Void> t = Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(Duration.ofSeconds(10));
                } catch (CancelledException e) {
                    raised[0] = e;
                    throw e;
                }
                return null;
            });
            Asyncio.sleep(Duration.ZERO);
            t.cancel("stop");
            assertThatThrownBy(t::await).isSameAs(raised[0]).hasMessage("stop");
            return null;
        });
    }

    @Test
    void reprsShowWhatPythonsShow() {
        // 9. Condition and BoundedSemaphore reprs (threading's: the RLock count in
        // threading.CpythonLockTests.RLockTests#test_recursion_count, BoundedSemaphore's value/limit
        // in threading.CpythonSemaphoreBarrierTests.BoundedSemaphoreTests#test_repr)
        Asyncio.run(() -> {
            Condition c = new Condition();
            assertThat(c).hasToString("<asyncio.Condition [unlocked]>");
            c.acquire();
            Asyncio.createTask(c::await);
            Asyncio.sleep(Duration.ZERO);
            c.acquire();
            assertThat(c).hasToString("<asyncio.Condition [locked, waiters:1]>");
            Semaphore b = Semaphore.bounded(2);
            assertThat(b).hasToString("<asyncio.BoundedSemaphore [unlocked, value:2]>");
            Queue<Integer> q = new Queue<>(3);
            q.putNowait(1);
            assertThat(q).hasToString("<asyncio.Queue maxsize=3 qsize=1 tasks=1>");
            return null;
        });
    }

    @Test
    void getEventLoopRunUntilComplete() {
        EventLoop loop = Asyncio.getEventLoop();
        try {
            assertThat(loop.isRunning()).isFalse();
            assertThatThrownBy(Asyncio::getRunningLoop).isInstanceOf(IllegalStateException.class);
            Task<Integer> t = loop.createTask(() -> {
                Asyncio.sleep(Duration.ofMillis(1));
                return 6;
            });
            assertThat(loop.runUntilComplete(() -> t.await() * 7)).isEqualTo(42);
            assertThat(loop.runUntilComplete(t)).isEqualTo(6);
            assertThat(Asyncio.getEventLoop()).isSameAs(loop);
            Future<Void> never = loop.createFuture();
            assertThatThrownBy(() -> loop.runUntilComplete(never)).isInstanceOf(LoopExitException.class);
        } finally {
            loop.close();
        }
        assertThat(loop.isClosed()).isTrue();
    }
}
