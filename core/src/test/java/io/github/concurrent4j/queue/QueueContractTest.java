package io.github.concurrent4j.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.concurrent4j.InterruptedRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Python's {@code queue.Queue} contract, run against every kind of queue (FIFO on the
 * lock-free engine, LIFO and priority on the locked one), bounded and not. Acceptance 6's
 * join/taskDone and shutdown points are here; orders are in {@link QueueOrderTest}.
 */
@Tag("unit")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class QueueContractTest {

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of(Named.of("Queue", (IntFunction<Queue<Integer>>) Queue::new)),
                Arguments.of(Named.of("LifoQueue", (IntFunction<Queue<Integer>>) LifoQueue::new)),
                Arguments.of(Named.of("PriorityQueue", (IntFunction<Queue<Integer>>) PriorityQueue::new)));
    }

    /** A call running in its own thread. */
    record Call<T>(Thread thread, CompletableFuture<T> result) {
        T join() {
            return result.join();
        }

        /** Waits until the call is parked in the queue (it spins briefly first). */
        Call<T> awaitBlocked() {
            await().atMost(Duration.ofSeconds(10)).until(() -> thread.getState() == Thread.State.WAITING);
            assertThat(result).isNotDone();
            return this;
        }
    }

    static <T> Call<T> inThread(Supplier<T> body) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().daemon(true).start(() -> {
            try {
                f.complete(body.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return new Call<>(t, f);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void nowaitFormsRaiseFullAndEmpty(IntFunction<Queue<Integer>> kind) {
        Queue<Integer> q = kind.apply(2);
        assertThat(q.empty()).isTrue();
        assertThatThrownBy(q::getNowait).isInstanceOf(EmptyException.class);
        q.putNowait(1);
        q.put(2);
        assertThat(q.full()).isTrue();
        assertThat(q.qsize()).isEqualTo(2);
        assertThatThrownBy(() -> q.putNowait(3)).isInstanceOf(FullException.class);
        assertThat(q.qsize()).isEqualTo(2);
        assertThat(List.of(q.getNowait(), q.get())).containsExactlyInAnyOrder(1, 2);
        assertThat(q.empty()).isTrue();
        assertThat(q.maxsize()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void timedFormsRaiseAfterTheTimeout(IntFunction<Queue<Integer>> kind) {
        Queue<Integer> q = kind.apply(1);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> q.get(Duration.ofMillis(100))).isInstanceOf(EmptyException.class);
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
        q.put(1, Duration.ofMillis(10));
        t0 = System.nanoTime();
        assertThatThrownBy(() -> q.put(2, Duration.ofMillis(100))).isInstanceOf(FullException.class);
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
        assertThatThrownBy(() -> q.put(2, Duration.ZERO)).isInstanceOf(FullException.class);
        assertThat(q.get(Duration.ZERO)).isEqualTo(1);
        assertThatThrownBy(() -> q.get(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q.put(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aBlockedGetWakesOnPutAndABlockedPutWakesOnGet(IntFunction<Queue<Integer>> kind) {
        Queue<Integer> q = kind.apply(1);
        Call<Integer> getter = inThread(q::get).awaitBlocked();
        q.put(42);
        assertThat(getter.join()).isEqualTo(42);

        q.put(1);
        Call<Boolean> putter = inThread(() -> {
            q.put(2);
            return true;
        }).awaitBlocked();
        assertThat(q.get()).isEqualTo(1);
        assertThat(putter.join()).isTrue();
        assertThat(q.get()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void joinReturnsAfterEveryItemsTaskDoneAndAnExtraTaskDoneRaises(IntFunction<Queue<Integer>> kind) {
        Queue<Integer> q = kind.apply(0);
        assertThat(q.join(Duration.ZERO)).as("nothing put: join returns at once").isTrue();
        q.put(1);
        q.put(2);
        q.put(3);
        Call<Boolean> joiner = inThread(() -> {
            q.join();
            return true;
        }).awaitBlocked();
        for (int i = 0; i < 2; i++) {
            q.get();
            q.taskDone();
        }
        assertThat(q.join(Duration.ofMillis(50))).as("one task still unfinished").isFalse();
        assertThat(joiner.result()).isNotDone();
        q.get();
        q.taskDone();
        assertThat(joiner.join()).isTrue();
        assertThat(q.join(Duration.ZERO)).isTrue();
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class).hasMessage("taskDone() called too many times");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void shutdownMakesPutRaiseAndGetRaiseOnceDrained(IntFunction<Queue<Integer>> kind) {
        Queue<Integer> q = kind.apply(5);
        q.put(1);
        q.put(2);
        q.shutdown();
        assertThat(q.isShutdown()).isTrue();
        assertThatThrownBy(() -> q.put(3)).isInstanceOf(ShutDownException.class);
        assertThatThrownBy(() -> q.putNowait(3)).isInstanceOf(ShutDownException.class);
        assertThat(List.of(q.get(), q.getNowait())).containsExactlyInAnyOrder(1, 2);
        assertThatThrownBy(q::get).isInstanceOf(ShutDownException.class);
        assertThatThrownBy(q::getNowait).isInstanceOf(ShutDownException.class);
        assertThatThrownBy(() -> q.get(Duration.ofSeconds(5))).isInstanceOf(ShutDownException.class);
        q.taskDone();
        q.taskDone();
        assertThat(q.join(Duration.ZERO)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void shutdownWakesBlockedGettersAndPutters(IntFunction<Queue<Integer>> kind) {
        Queue<Integer> empty = kind.apply(1);
        Call<Integer> getter = inThread(empty::get).awaitBlocked();
        Queue<Integer> full = kind.apply(1);
        full.put(1);
        Call<Boolean> putter = inThread(() -> {
            full.put(2);
            return true;
        }).awaitBlocked();
        empty.shutdown();
        full.shutdown();
        assertThatThrownBy(getter::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(ShutDownException.class);
        assertThatThrownBy(putter::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(ShutDownException.class);
        assertThat(full.get()).isEqualTo(1); // what was in before the shutdown can still be got
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void shutdownImmediateReleasesBlockedGettersAtOnceAndDiscardsTheRest(IntFunction<Queue<Integer>> kind) {
        Queue<Integer> q = kind.apply(0);
        List<Call<Integer>> getters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            getters.add(inThread(q::get).awaitBlocked());
        }
        long t0 = System.nanoTime();
        q.shutdown(true);
        for (Call<Integer> g : getters) {
            assertThatThrownBy(g::join).hasCauseInstanceOf(ShutDownException.class);
        }
        assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(5).toNanos());

        Queue<Integer> withItems = kind.apply(0);
        withItems.put(1);
        withItems.put(2);
        withItems.put(3);
        withItems.get();
        Call<Boolean> joiner = inThread(() -> {
            withItems.join();
            return true;
        }).awaitBlocked();
        withItems.shutdown(true);
        assertThat(withItems.qsize()).isZero();
        assertThatThrownBy(withItems::get).isInstanceOf(ShutDownException.class);
        assertThat(withItems.join(Duration.ZERO)).as("the one got item is not done yet").isFalse();
        withItems.taskDone(); // the discarded items were marked done by the shutdown
        assertThat(joiner.join()).isTrue();
        assertThatThrownBy(withItems::taskDone).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void blockingCallsAreInterruptible(IntFunction<Queue<Integer>> kind) {
        Queue<Integer> q = kind.apply(1);
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().daemon(true).start(() -> {
            try {
                q.get();
                interrupted.complete(false);
            } catch (InterruptedRuntimeException e) {
                interrupted.complete(Thread.currentThread().isInterrupted());
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> t.getState() == Thread.State.WAITING);
        t.interrupt();
        assertThat(interrupted.join()).isTrue();
        q.put(1); // the queue still works
        assertThat(q.get()).isEqualTo(1);
    }
}
