package io.github.concurrent4j.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.concurrent4j.threading.Barrier;
import io.github.concurrent4j.threading.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ported from CPython 3.13 {@code Lib/test/test_queue.py}: {@code BaseQueueTestMixin} run for
 * {@code Queue}, {@code LifoQueue} and {@code PriorityQueue} (as CPython runs it for the three),
 * and {@code BaseSimpleQueueTest}; method names are CPython's. Python's {@code queue.Full},
 * {@code Empty}, {@code ShutDown} are {@link FullException}, {@link EmptyException},
 * {@link ShutDownException}; {@code ValueError} from {@code task_done} is
 * {@link IllegalStateException}, from a negative timeout {@link IllegalArgumentException}.
 * Where CPython's trigger thread sleeps 0.1 s "to give the blocking function a chance at
 * actually blocking", the port waits until the blocked thread's state says it waits.
 */
@Tag("unit")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CpythonQueueTests {
    static final int QUEUE_SIZE = 5;

    static IntFunction<Queue<Integer>> type2test(String type) {
        return switch (type) {
            case "Queue" -> Queue::new;
            case "LifoQueue" -> LifoQueue::new;
            default -> PriorityQueue::new;
        };
    }

    static boolean qfull(Queue<?> q) {
        return q.maxsize() > 0 && q.qsize() == q.maxsize();
    }

    /**
     * {@code do_blocking_test}: runs {@code block} in this thread while a trigger thread waits
     * until this thread blocks, then runs {@code trigger}; {@code block} must have waited for it.
     */
    static <T> T doBlockingTest(java.util.concurrent.Callable<T> block, Runnable trigger) throws Exception {
        Thread me = Thread.currentThread();
        Event started = new Event();
        Thread t = Thread.ofPlatform().daemon(true).start(() -> {
            while (me.getState() != Thread.State.WAITING && me.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            started.set();
            trigger.run();
        });
        try {
            T result = block.call();
            assertThat(started.isSet()).as("the blocking function appeared not to block").isTrue();
            return result;
        } finally {
            t.join();
        }
    }

    void basicQueueTest(Queue<Integer> q, String type) throws Exception {
        assertThat(q.qsize()).isZero();
        assertThat(q.empty()).isTrue();
        assertThat(q.full()).isFalse();
        q.put(111);
        q.put(333);
        q.put(222);
        List<Integer> target = switch (type) {
            case "Queue" -> List.of(111, 333, 222);
            case "LifoQueue" -> List.of(222, 333, 111);
            default -> List.of(111, 222, 333);
        };
        assertThat(List.of(q.get(), q.get(), q.get())).as("Didn't seem to queue the correct data!").isEqualTo(target);
        for (int i = 0; i < QUEUE_SIZE - 1; i++) {
            q.put(i);
            assertThat(q.qsize()).as("Queue should not be empty").isPositive();
        }
        assertThat(qfull(q)).as("Queue should not be full").isFalse();
        int last = 2 * QUEUE_SIZE;
        int full = 3 * 2 * QUEUE_SIZE;
        q.put(last);
        assertThat(qfull(q)).as("Queue should be full").isTrue();
        assertThat(q.empty()).isFalse();
        assertThat(q.full()).isTrue();
        assertThatThrownBy(() -> q.putNowait(full)).isInstanceOf(FullException.class);
        assertThatThrownBy(() -> q.put(full, Duration.ofMillis(10))).isInstanceOf(FullException.class);
        // test a blocking put
        doBlockingTest(() -> {
            q.put(full);
            return null;
        }, q::get);
        doBlockingTest(() -> {
            q.put(full, Duration.ofSeconds(10));
            return null;
        }, q::get);
        // empty it
        for (int i = 0; i < QUEUE_SIZE; i++) q.get();
        assertThat(q.qsize()).as("Queue should be empty").isZero();
        assertThatThrownBy(q::getNowait).isInstanceOf(EmptyException.class);
        assertThatThrownBy(() -> q.get(Duration.ofMillis(10))).isInstanceOf(EmptyException.class);
        // test a blocking get
        doBlockingTest(q::get, () -> q.put(0));
        doBlockingTest(() -> q.get(Duration.ofSeconds(10)), () -> q.put(0));
    }

    void queueJoinTest(Queue<Integer> q) throws Exception {
        AtomicInteger cum = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                while (true) {
                    int x = q.get();
                    if (x < 0) {
                        q.taskDone();
                        return;
                    }
                    cum.addAndGet(x);
                    q.taskDone();
                }
            }));
        }
        for (int i = 0; i < 100; i++) q.put(i);
        q.join();
        assertThat(cum.get()).as("q.join() did not block until all tasks were done").isEqualTo(4950);
        for (int i = 0; i < 2; i++) q.put(-1);   // instruct the threads to close
        q.join();   // verify that you can join twice
        for (Thread t : threads) t.join();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_queue_task_done(String type) {
        Queue<Integer> q = type2test(type).apply(0);
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_queue_join(String type) throws Exception {
        Queue<Integer> q = type2test(type).apply(0);
        queueJoinTest(q);
        queueJoinTest(q);
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_basic(String type) throws Exception {
        Queue<Integer> q = type2test(type).apply(QUEUE_SIZE);
        basicQueueTest(q, type);
        basicQueueTest(q, type);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_negative_timeout_raises_exception(String type) {
        Queue<Integer> q = type2test(type).apply(QUEUE_SIZE);
        assertThatThrownBy(() -> q.put(1, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q.get(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_nowait(String type) {
        Queue<Integer> q = type2test(type).apply(QUEUE_SIZE);
        for (int i = 0; i < QUEUE_SIZE; i++) q.putNowait(1);
        assertThatThrownBy(() -> q.putNowait(1)).isInstanceOf(FullException.class);
        for (int i = 0; i < QUEUE_SIZE; i++) q.getNowait();
        assertThatThrownBy(q::getNowait).isInstanceOf(EmptyException.class);
    }

    @Test
    @Disabled("test_shrinking_queue assigns q.maxsize: the Java queues' bound is fixed at construction "
            + "(their engines size themselves once); see the README")
    void test_shrinking_queue() {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_shutdown_empty(String type) {
        Queue<Integer> q = type2test(type).apply(0);
        q.shutdown();
        assertThatThrownBy(() -> q.put(1)).isInstanceOf(ShutDownException.class);
        assertThatThrownBy(q::get).isInstanceOf(ShutDownException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_shutdown_nonempty(String type) {
        Queue<Integer> q = type2test(type).apply(0);
        q.put(1);
        q.shutdown();
        q.get();
        assertThatThrownBy(q::get).isInstanceOf(ShutDownException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_shutdown_immediate(String type) {
        Queue<Integer> q = type2test(type).apply(0);
        q.put(1);
        q.shutdown(true);
        assertThatThrownBy(q::get).isInstanceOf(ShutDownException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_shutdown_allowed_transitions(String type) {
        Queue<Integer> q = type2test(type).apply(0);
        assertThat(q.isShutdown()).isFalse();
        q.shutdown();
        assertThat(q.isShutdown()).isTrue();
        q.shutdown(true);
        assertThat(q.isShutdown()).isTrue();
        q.shutdown(false);
    }

    void shutdownAllMethodsInOneThread(String type, boolean immediate) {
        Queue<Integer> q = type2test(type).apply(2);
        q.put(1);
        q.putNowait(2);
        q.shutdown(immediate);
        assertThatThrownBy(() -> q.put(3)).isInstanceOf(ShutDownException.class);
        assertThatThrownBy(() -> q.putNowait(4)).isInstanceOf(ShutDownException.class);
        if (immediate) {
            assertThatThrownBy(q::get).isInstanceOf(ShutDownException.class);
            assertThatThrownBy(q::getNowait).isInstanceOf(ShutDownException.class);
            assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
            q.join();
        } else {
            assertThat(q.get()).isIn(1, 2);
            q.taskDone();
            assertThat(q.get()).isIn(1, 2);
            q.taskDone();
            q.join();
            assertThatThrownBy(q::get).isInstanceOf(ShutDownException.class);
            assertThatThrownBy(q::getNowait).isInstanceOf(ShutDownException.class);
            assertThatThrownBy(() -> q.get(Duration.ofSeconds(1))).isInstanceOf(ShutDownException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_shutdown_all_methods_in_one_thread(String type) {
        shutdownAllMethodsInOneThread(type, false);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_shutdown_immediate_all_methods_in_one_thread(String type) {
        shutdownAllMethodsInOneThread(type, true);
    }

    void shutdownAllMethodsInManyThreads(String type, boolean immediate) throws Exception {
        // a multi-producer/consumer queue with enough items; all threads end after the shutdown
        Queue<Integer> q = type2test(type).apply(0);
        List<Boolean> resPuts = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> resGets = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> resShutdown = Collections.synchronizedList(new ArrayList<>());
        int writeThreads = 4, readThreads = 6, joinThreads = 2;
        int nbMsgs = 1024 * 64;
        int nbMsgsW = nbMsgs / writeThreads;
        int whenExecShutdown = nbMsgsW / 2;
        int nparties = writeThreads + readThreads + (immediate ? joinThreads : 0);
        Barrier barrierStart = new Barrier(nparties);
        Event evExecShutdown = new Event();
        List<Thread> ps = new ArrayList<>();
        for (int w = 0; w < writeThreads; w++) {
            ps.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < whenExecShutdown / 2; i++) q.put(i);
                barrierStart.await();
                for (int i = whenExecShutdown / 2; i < nbMsgsW; i++) {
                    try {
                        q.put(i);
                    } catch (ShutDownException e) {
                        resPuts.add(false);
                        break;
                    }
                    if (i == whenExecShutdown) {
                        synchronized (evExecShutdown) {
                            if (!evExecShutdown.isSet()) {
                                evExecShutdown.set();
                                resPuts.add(true);
                            }
                        }
                    }
                }
            }));
        }
        for (int r = 0; r < readThreads; r++) {
            ps.add(Thread.ofPlatform().start(() -> {
                q.get();
                q.taskDone();
                barrierStart.await();
                while (true) {
                    try {
                        q.getNowait();
                        q.taskDone();
                    } catch (ShutDownException e) {
                        resGets.add(true);
                        break;
                    } catch (EmptyException e) {
                        // pass
                    }
                }
            }));
        }
        ps.add(Thread.ofPlatform().start(() -> {
            evExecShutdown.await();
            q.shutdown(immediate);
            resShutdown.add(q.qsize() == 0);
        }));
        if (immediate) {
            for (int j = 0; j < joinThreads; j++) {
                ps.add(Thread.ofPlatform().start(() -> {
                    barrierStart.await();
                    q.join();
                }));
            }
        }
        for (Thread t : ps) t.join();
        assertThat(resPuts).contains(true);
        assertThat(resGets.stream().filter(b -> b).count()).isEqualTo(readThreads);
        if (immediate) {
            // issue 9, deviation 8: qsize() is 0 as soon as shutdown(immediate=True) returns
            // (this hits the window only sometimes; ShutdownImmediateTest holds it open every time)
            assertThat(resShutdown).containsExactly(true);
            assertThat(q.empty()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_shutdown_all_methods_in_many_threads(String type) throws Exception {
        shutdownAllMethodsInManyThreads(type, false);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_shutdown_immediate_all_methods_in_many_threads(String type) throws Exception {
        shutdownAllMethodsInManyThreads(type, true);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_shutdown_pending_get(String type) throws Exception {
        Queue<Integer> q = type2test(type).apply(0);
        List<Object> results = Collections.synchronizedList(new ArrayList<>());
        Thread getThread = Thread.ofPlatform().start(() -> {
            try {
                results.add(q.get());
            } catch (Exception e) {
                results.add(e);
            }
        });
        q.shutdown(false);
        assertThat(getThread.join(Duration.ofSeconds(10))).isTrue();
        assertThat(results).hasSize(1);
        assertThat(results.getFirst()).isInstanceOf(ShutDownException.class);
    }

    void shutdownPutJoin(String type, boolean immediate) throws Exception {
        Queue<Integer> q = type2test(type).apply(2);
        List<Boolean> results = Collections.synchronizedList(new ArrayList<>());
        Event go = new Event();
        q.put(1);
        Thread put = Thread.ofPlatform().start(() -> {
            go.await();
            try {
                q.put(5);
                results.add(false);
            } catch (ShutDownException e) {
                results.add(true);
            }
        });
        Thread join = Thread.ofPlatform().start(() -> {
            q.join();
            results.add(true);
        });
        assertThat(q.unfinishedTasks()).isEqualTo(1);
        q.shutdown(immediate);
        go.set();
        if (immediate) {
            assertThatThrownBy(q::getNowait).isInstanceOf(ShutDownException.class);
        } else {
            assertThat(q.get()).isEqualTo(1);
            q.taskDone();
        }
        put.join();
        join.join();
        assertThat(results).containsExactly(true, true);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_shutdown_immediate_put_join(String type) throws Exception {
        shutdownPutJoin(type, true);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Queue", "LifoQueue", "PriorityQueue"})
    void test_shutdown_put_join(String type) throws Exception {
        shutdownPutJoin(type, false);
    }

    @Test
    @Disabled("FailingQueueTest overrides the protected _put/_get hooks of a queue.Queue subclass: the Java "
            + "queues are sealed and their lock-free engine has no such hooks")
    void test_failing_queue() {
    }

    // ---- BaseSimpleQueueTest

    static <T> void runThreads(int nThreads, SimpleQueue<Integer> q, List<Integer> inputs, String consume,
                               List<Integer> results) throws Exception {
        List<Integer> seq = Collections.synchronizedList(new ArrayList<>(inputs));
        Collections.reverse(seq);
        Random rnd = new Random(42);
        List<Throwable> exceptions = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        int sentinel = -1;
        for (int i = 0; i < nThreads; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    while (true) {
                        Integer val;
                        synchronized (seq) {
                            val = seq.isEmpty() ? null : seq.removeLast();
                        }
                        if (val == null) {
                            q.put(sentinel);
                            return;
                        }
                        q.put(val);
                        boolean nap;
                        long napNanos;
                        synchronized (rnd) {
                            nap = rnd.nextDouble() > 0.5;
                            napNanos = (long) (rnd.nextDouble() * 1e6);
                        }
                        if (nap) Thread.sleep(Duration.ofNanos(napNanos));
                    }
                } catch (Throwable t) {
                    exceptions.add(t);
                }
            }));
        }
        for (int i = 0; i < nThreads; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    while (true) {
                        int val;
                        switch (consume) {
                            case "nonblock" -> {
                                while (true) {
                                    try {
                                        val = q.getNowait();
                                        break;
                                    } catch (EmptyException e) {
                                        Thread.sleep(Duration.ofNanos(10_000));
                                    }
                                }
                            }
                            case "timeout" -> {
                                while (true) {
                                    try {
                                        val = q.get(Duration.ofNanos(10_000));
                                        break;
                                    } catch (EmptyException e) {
                                        // pass
                                    }
                                }
                            }
                            default -> val = q.get();
                        }
                        if (val == sentinel) return;
                        results.add(val);
                    }
                } catch (Throwable t) {
                    exceptions.add(t);
                }
            }));
        }
        for (Thread t : threads) t.join();
        assertThat(exceptions).isEmpty();
        assertThat(q.empty()).isTrue();
        assertThat(q.qsize()).isZero();
    }

    @Test
    void test_simple_basic() {
        SimpleQueue<Integer> q = new SimpleQueue<>();
        assertThat(q.empty()).isTrue();
        assertThat(q.qsize()).isZero();
        q.put(1);
        assertThat(q.empty()).isFalse();
        assertThat(q.qsize()).isEqualTo(1);
        q.put(2);
        q.putNowait(3);
        q.put(4);
        assertThat(q.qsize()).isEqualTo(4);
        assertThat(q.get()).isEqualTo(1);
        assertThat(q.qsize()).isEqualTo(3);
        assertThat(q.getNowait()).isEqualTo(2);
        assertThat(q.qsize()).isEqualTo(2);
        assertThat(q.getNowait()).isEqualTo(3);
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.get(Duration.ofMillis(100))).isEqualTo(4);
        assertThat(q.empty()).isTrue();
        assertThatThrownBy(q::getNowait).isInstanceOf(EmptyException.class);
        assertThatThrownBy(() -> q.get(Duration.ofMillis(1))).isInstanceOf(EmptyException.class);
        assertThat(q.qsize()).isZero();
    }

    @Test
    void test_simple_negative_timeout_raises_exception() {
        SimpleQueue<Integer> q = new SimpleQueue<>();
        q.put(1);
        assertThatThrownBy(() -> q.get(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void test_simple_order() throws Exception {
        // one producer, one consumer: results in a well-defined order
        List<Integer> inputs = new ArrayList<>();
        for (int i = 0; i < 100; i++) inputs.add(i);
        List<Integer> results = Collections.synchronizedList(new ArrayList<>());
        runThreads(1, new SimpleQueue<>(), inputs, "block", results);
        assertThat(results).isEqualTo(inputs);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"block", "nonblock", "timeout"})
    void test_simple_many_threads(String consume) throws Exception {
        // test_many_threads, test_many_threads_nonblock, test_many_threads_timeout
        int n = 50;
        List<Integer> inputs = new ArrayList<>();
        for (int i = 0; i < (consume.equals("timeout") ? 1000 : 10000); i++) inputs.add(i);
        List<Integer> results = Collections.synchronizedList(new ArrayList<>());
        runThreads(n, new SimpleQueue<>(), inputs, consume, results);
        List<Integer> sorted = new ArrayList<>(results);
        Collections.sort(sorted);
        assertThat(sorted).isEqualTo(inputs);
    }
}
