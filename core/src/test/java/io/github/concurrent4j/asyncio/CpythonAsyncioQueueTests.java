package io.github.concurrent4j.asyncio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ported from CPython 3.13 {@code Lib/test/test_asyncio/test_queues.py} (a selection:
 * {@code QueueGetTests}, {@code QueuePutTests}, the join and shutdown mixins, run for the
 * FIFO, LIFO and priority queues where CPython runs them for all three), method names kept.
 * Tests that do not apply: {@code test_generic_alias} and {@code test_float_maxsize} (Python
 * typing and float sizes), {@code test_repr} / {@code test_format} beyond the fields asserted
 * here.
 */
@Tag("unit")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CpythonAsyncioQueueTests {
    static void run(Callable<?> test) {
        Asyncio.run(test);
    }

    static void sleep0() {
        Asyncio.sleep(Duration.ZERO);
    }

    static IntFunction<Queue<String>> kind(String k) {
        return switch (k) {
            case "Queue" -> Queue::new;
            case "LifoQueue" -> Queue::lifo;
            default -> Queue::priority;
        };
    }

    // ---- QueueGetTests

    @Test
    void test_nonblocking_get() {
        // issue 9, deviation 1: put_nowait/get_nowait need no running loop (CPython 3.10+)
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        assertThat(q.getNowait()).isEqualTo(1);
    }

    @Test
    void test_nonblocking_get_exception() {
        Queue<Integer> q = new Queue<>();
        assertThatThrownBy(q::getNowait).isInstanceOf(QueueEmptyException.class);
    }

    @Test
    void test_get_cancelled_race() {
        run(() -> {
            Queue<String> q = new Queue<>();
            Task<String> t1 = Asyncio.createTask(q::get);
            Task<String> t2 = Asyncio.createTask(q::get);
            sleep0();
            t1.cancel();
            sleep0();
            assertThat(t1.done()).isTrue();
            q.put("a");
            sleep0();
            assertThat(t2.await()).isEqualTo("a");
            return null;
        });
    }

    @Test
    void test_get_with_waiting_putters() {
        run(() -> {
            Queue<String> q = new Queue<>(1);
            Asyncio.createTask(() -> {
                q.put("a");
                return null;
            });
            Asyncio.createTask(() -> {
                q.put("b");
                return null;
            });
            assertThat(q.get()).isEqualTo("a");
            assertThat(q.get()).isEqualTo("b");
            return null;
        });
    }

    @Test
    void test_why_are_getters_waiting() {
        run(() -> {
            Queue<Integer> q = new Queue<>(1);
            TaskGroup.run(tg -> {
                tg.createTask(() -> {
                    for (int i = 0; i < 5; i++) q.put(i);
                    return null;
                });
                tg.createTask(() -> {
                    for (int i = 0; i < 5; i++) q.get();
                    return null;
                });
            });
            return null;
        });
    }

    @Test
    void test_cancelled_getters_not_being_held_in_self_getters() {
        run(() -> {
            Queue<Integer> queue = new Queue<>(5);
            assertThatThrownBy(() -> Asyncio.waitFor(Asyncio.createTask(queue::get), Duration.ofMillis(100)))
                    .isInstanceOf(AsyncioTimeoutException.class);
            assertThat(queue.toString()).doesNotContain("_getters");
            return null;
        });
    }

    // ---- QueuePutTests

    @Test
    void test_nonblocking_put() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        assertThat(q.getNowait()).isEqualTo(1);
    }

    @Test
    void test_get_cancel_drop_one_pending_reader() {
        run(() -> {
            Queue<Integer> q = new Queue<>();
            Task<Integer> reader = Asyncio.createTask(q::get);
            sleep0();
            q.putNowait(1);
            q.putNowait(2);
            reader.cancel();
            try {
                reader.await();
            } catch (CancelledException e) {
                reader = Asyncio.createTask(q::get);   // try again
                reader.await();
            }
            assertThat(reader.result()).isEqualTo(1);   // 2 would mean 1 got dropped
            return null;
        });
    }

    @Test
    void test_get_cancel_drop_many_pending_readers() {
        run(() -> {
            Queue<Integer> q = new Queue<>();
            Task<?>[] r = new Task<?>[3];
            TaskGroup.run(tg -> {
                for (int i = 0; i < 3; i++) r[i] = tg.createTask(q::get);
                sleep0();
                q.putNowait(1);
                q.putNowait(2);
                r[0].cancel();
                assertThatThrownBy(r[0]::await).isInstanceOf(CancelledException.class);
                r[2].await();
            });
            assertThat(Set.of(r[1].result(), r[2].result())).isEqualTo(Set.of(1, 2));
            return null;
        });
    }

    @Test
    void test_put_cancel_drop() {
        run(() -> {
            Queue<Integer> q = new Queue<>(1);
            q.putNowait(1);
            Task<Void> writer = Asyncio.createTask(() -> {
                q.put(2);
                return null;
            });
            sleep0();
            assertThat(q.getNowait()).isEqualTo(1);
            writer.cancel();
            try {
                writer.await();
            } catch (CancelledException e) {
                writer = Asyncio.createTask(() -> {
                    q.put(2);
                    return null;
                });
                writer.await();
            }
            assertThat(q.getNowait()).isEqualTo(2);
            assertThat(q.qsize()).isZero();
            return null;
        });
    }

    @Test
    void test_nonblocking_put_exception() {
        Queue<Integer> q = new Queue<>(1);
        q.putNowait(1);
        assertThatThrownBy(() -> q.putNowait(2)).isInstanceOf(QueueFullException.class);
    }

    @Test
    void test_put_cancelled_race() {
        run(() -> {
            Queue<String> q = new Queue<>(1);
            Task<Void> put_a = Asyncio.createTask(() -> {
                q.put("a");
                return null;
            });
            Task<Void> put_b = Asyncio.createTask(() -> {
                q.put("b");
                return null;
            });
            Task<Void> put_c = Asyncio.createTask(() -> {
                q.put("X");
                return null;
            });
            sleep0();
            assertThat(put_a.done()).isTrue();
            assertThat(put_b.done()).isFalse();
            put_c.cancel();
            sleep0();
            assertThat(put_c.done()).isTrue();
            assertThat(q.getNowait()).isEqualTo("a");
            sleep0();
            assertThat(q.getNowait()).isEqualTo("b");
            put_b.await();
            return null;
        });
    }

    @Test
    void test_cancelled_puts_not_being_held_in_self_putters() {
        run(() -> {
            Queue<Integer> queue = new Queue<>(1);
            queue.putNowait(1);
            assertThatThrownBy(() -> Asyncio.waitFor(Asyncio.createTask(() -> {
                queue.put(1);
                return null;
            }), Duration.ofMillis(100))).isInstanceOf(AsyncioTimeoutException.class);
            assertThat(queue.toString()).doesNotContain("_putters");
            return null;
        });
    }

    @Test
    void test_order() {
        Queue<Integer> fifo = new Queue<>(), lifo = Queue.lifo(0), prio = Queue.priority(0);
        for (int i : new int[] {1, 3, 2}) {
            fifo.putNowait(i);
            lifo.putNowait(i);
            prio.putNowait(i);
        }
        assertThat(List.of(fifo.getNowait(), fifo.getNowait(), fifo.getNowait())).containsExactly(1, 3, 2);
        assertThat(List.of(lifo.getNowait(), lifo.getNowait(), lifo.getNowait())).containsExactly(2, 3, 1);
        assertThat(List.of(prio.getNowait(), prio.getNowait(), prio.getNowait())).containsExactly(1, 2, 3);
    }

    @Test
    void test_maxsize() {
        run(() -> {
            Queue<Integer> q = new Queue<>(2);
            assertThat(q.maxsize()).isEqualTo(2);
            int[] have = {0};
            Task<Void> putter = Asyncio.createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    q.put(i);
                    have[0]++;
                }
                return null;
            });
            sleep0();
            assertThat(have[0]).isEqualTo(2);
            assertThat(q.full()).isTrue();
            q.get();
            putter.await();
            assertThat(have[0]).isEqualTo(3);
            // maxsize <= 0: unbounded, as in Python
            Queue<Integer> unbounded = new Queue<>(-1);
            for (int i = 0; i < 10; i++) unbounded.putNowait(i);
            assertThat(unbounded.full()).isFalse();
            return null;
        });
    }

    // ---- _QueueJoinTestMixin

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_task_done_underflow(String type) {
        Queue<String> q = kind(type).apply(0);
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_task_done(String type) {
        run(() -> {
            Queue<String> q = kind(type).apply(0);
            for (int i = 0; i < 100; i++) q.putNowait(String.format("%03d", i));
            int[] accumulator = {0};
            boolean[] running = {true};
            Callable<Void> worker = () -> {
                while (running[0]) {
                    String item = q.get();
                    accumulator[0] += Integer.parseInt(item);
                    q.taskDone();
                }
                return null;
            };
            TaskGroup.run(tg -> {
                tg.createTask(worker);
                tg.createTask(worker);
                q.join();
                assertThat(accumulator[0]).isEqualTo(4950);
                running[0] = false;
                for (int i = 0; i < 2; i++) q.putNowait("000");
            });
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_join_empty_queue(String type) {
        run(() -> {
            Queue<String> q = kind(type).apply(0);
            q.join();   // the same as q.unfinished == 0: returns at once
            q.join();
            return null;
        });
    }

    // ---- _QueueShutdownTestMixin

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_shutdown_empty(String type) {
        run(() -> {
            Queue<String> q = kind(type).apply(0);
            Task<String> getTask = Asyncio.createTask(q::get);
            sleep0();
            q.shutdown(false);
            assertThat(q.qsize()).isZero();
            q.join();
            sleep0();
            assertThat(getTask.done()).isTrue();
            assertThatThrownBy(getTask::await).isInstanceOf(QueueShutDownException.class);
            assertThatThrownBy(() -> q.put("data")).isInstanceOf(QueueShutDownException.class);
            assertThatThrownBy(() -> q.putNowait("data")).isInstanceOf(QueueShutDownException.class);
            assertThatThrownBy(q::get).isInstanceOf(QueueShutDownException.class);
            assertThatThrownBy(q::getNowait).isInstanceOf(QueueShutDownException.class);
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_shutdown_nonempty(String type) {
        run(() -> {
            Queue<String> q = kind(type).apply(1);
            q.putNowait("data");
            Task<Void> joinTask = Asyncio.createTask(() -> {
                q.join();
                return null;
            });
            Task<Void> putTask = Asyncio.createTask(() -> {
                q.put("data2");
                return null;
            });
            sleep0();
            assertThat(putTask.done()).isFalse();
            q.shutdown(false);
            assertThat(q.qsize()).isEqualTo(1);
            sleep0();
            assertThat(putTask.done()).isTrue();
            assertThatThrownBy(putTask::await).isInstanceOf(QueueShutDownException.class);
            assertThat(q.get()).isEqualTo("data");
            sleep0();
            assertThat(joinTask.done()).isFalse();
            assertThatThrownBy(() -> q.put("data")).isInstanceOf(QueueShutDownException.class);
            assertThatThrownBy(() -> q.putNowait("data")).isInstanceOf(QueueShutDownException.class);
            assertThatThrownBy(q::get).isInstanceOf(QueueShutDownException.class);
            assertThatThrownBy(q::getNowait).isInstanceOf(QueueShutDownException.class);
            q.taskDone();
            sleep0();
            assertThat(joinTask.done()).isTrue();
            joinTask.await();
            assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_shutdown_immediate(String type) {
        run(() -> {
            Queue<String> q = kind(type).apply(0);
            q.putNowait("data");
            Task<Void> joinTask = Asyncio.createTask(() -> {
                q.join();
                return null;
            });
            q.shutdown(true);
            assertThat(q.qsize()).isZero();
            sleep0();
            assertThat(joinTask.done()).isTrue();
            joinTask.await();
            assertThatThrownBy(() -> q.put("data")).isInstanceOf(QueueShutDownException.class);
            assertThatThrownBy(q::get).isInstanceOf(QueueShutDownException.class);
            assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_shutdown_immediate_with_unfinished(String type) {
        run(() -> {
            Queue<String> q = kind(type).apply(0);
            q.putNowait("data");
            q.putNowait("data");
            Task<Void> joinTask = Asyncio.createTask(() -> {
                q.join();
                return null;
            });
            assertThat(q.get()).isEqualTo("data");
            q.shutdown(true);
            assertThat(q.qsize()).isZero();
            sleep0();
            assertThat(joinTask.done()).isFalse();
            assertThatThrownBy(() -> q.put("data")).isInstanceOf(QueueShutDownException.class);
            assertThatThrownBy(q::getNowait).isInstanceOf(QueueShutDownException.class);
            q.taskDone();
            assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
            sleep0();
            assertThat(joinTask.done()).isTrue();
            joinTask.await();
            return null;
        });
    }
}
