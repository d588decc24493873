package io.github.concurrent4j.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.InterruptedRuntimeException;

/**
 * {@code FutureTests} of CPython 3.13's {@code Lib/test/test_concurrent_futures/test_future.py},
 * ported with their names, and the Java sides of the future (JDK {@code Future},
 * {@code CompletionStage}). {@code test_class_str} checks Python's class names and has no
 * Java counterpart; {@code test_get_snapshot} tests a private CPython helper.
 */
@Tag("unit")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FutureTest {

    @Test
    void test_done_callback_with_result() {
        AtomicReference<Object> callbackResult = new AtomicReference<>();
        Promise<Object> f = Promise.create();
        f.addDoneCallback(cf -> callbackResult.set(cf.result()));
        f.setResult(5);
        assertThat(callbackResult.get()).isEqualTo(5);
    }

    @Test
    void test_done_callback_with_exception() {
        AtomicReference<Throwable> callbackException = new AtomicReference<>();
        Promise<Object> f = Promise.create();
        f.addDoneCallback(cf -> callbackException.set(cf.exception().orElseThrow()));
        f.setException(new RuntimeException("test"));
        assertThat(callbackException.get()).hasMessage("test");
    }

    @Test
    void test_done_callback_with_cancel() {
        AtomicReference<Boolean> wasCancelled = new AtomicReference<>();
        Promise<Object> f = Promise.create();
        f.addDoneCallback(cf -> wasCancelled.set(cf.cancelled()));
        assertThat(f.cancel()).isTrue();
        assertThat(wasCancelled.get()).isTrue();
    }

    @Test
    void test_done_callback_raises() {
        try (LogCapture log = new LogCapture("io.github.concurrent4j.futures")) {
            boolean[] raisingWasCalled = {false};
            boolean[] fnWasCalled = {false};
            Promise<Object> f = Promise.create();
            f.addDoneCallback(cf -> {
                raisingWasCalled[0] = true;
                throw new RuntimeException("doh!");
            });
            f.addDoneCallback(cf -> fnWasCalled[0] = true);
            f.setResult(5);
            assertThat(raisingWasCalled[0]).isTrue();
            assertThat(fnWasCalled[0]).isTrue();
            assertThat(log.text()).contains("RuntimeException: doh!");
        }
    }

    @Test
    void test_done_callback_already_successful() {
        AtomicReference<Object> callbackResult = new AtomicReference<>();
        Promise<Object> f = Promise.create();
        f.setResult(5);
        f.addDoneCallback(cf -> callbackResult.set(cf.result()));
        assertThat(callbackResult.get()).isEqualTo(5);
    }

    @Test
    void test_done_callback_already_failed() {
        AtomicReference<Throwable> callbackException = new AtomicReference<>();
        Promise<Object> f = Promise.create();
        f.setException(new RuntimeException("test"));
        f.addDoneCallback(cf -> callbackException.set(cf.exception().orElseThrow()));
        assertThat(callbackException.get()).hasMessage("test");
    }

    @Test
    void test_done_callback_already_cancelled() {
        AtomicReference<Boolean> wasCancelled = new AtomicReference<>();
        Promise<Object> f = Promise.create();
        assertThat(f.cancel()).isTrue();
        f.addDoneCallback(cf -> wasCancelled.set(cf.cancelled()));
        assertThat(wasCancelled.get()).isTrue();
    }

    @Test
    void test_done_callback_raises_already_succeeded() {
        try (LogCapture log = new LogCapture("io.github.concurrent4j.futures")) {
            Promise<Object> f = Promise.create();
            // Set the result first to simulate a future that runs instantly,
            // effectively allowing the callback to be run immediately.
            f.setResult(5);
            f.addDoneCallback(cf -> {
                throw new RuntimeException("doh!");
            });
            assertThat(log.text()).contains("exception calling callback for").contains("doh!");
        }
    }

    @Test
    void callbacksRunInTheOrderTheyWereAdded() {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        Promise<Object> f = Promise.create();
        for (int i = 0; i < 5; i++) {
            int n = i;
            f.addDoneCallback(cf -> order.add(n));
        }
        f.setResult(null);
        assertThat(order).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void test_repr() {
        assertThat(FutureStates.pending().toString()).matches("<Future at 0x[0-9a-f]+ state=pending>");
        assertThat(FutureStates.running().toString()).matches("<Future at 0x[0-9a-f]+ state=running>");
        assertThat(FutureStates.cancelled().toString()).matches("<Future at 0x[0-9a-f]+ state=cancelled>");
        assertThat(FutureStates.cancelledAndNotified().toString()).matches("<Future at 0x[0-9a-f]+ state=cancelled>");
        assertThat(FutureStates.exception().toString())
                .matches("<Future at 0x[0-9a-f]+ state=finished raised UncheckedIOException>");
        assertThat(FutureStates.successful().toString())
                .matches("<Future at 0x[0-9a-f]+ state=finished returned Integer>");
    }

    @Test
    void test_cancel() {
        Promise<Object> f1 = FutureStates.pending();
        Promise<Object> f2 = FutureStates.running();
        Promise<Object> f3 = FutureStates.cancelled();
        Promise<Object> f4 = FutureStates.cancelledAndNotified();
        Promise<Object> f5 = FutureStates.exception();
        Promise<Object> f6 = FutureStates.successful();

        assertThat(f1.cancel()).isTrue();
        assertThat(f1.cancelled()).isTrue();

        assertThat(f2.cancel()).isFalse();
        assertThat(f2.running()).isTrue();

        assertThat(f3.cancel()).isTrue();
        assertThat(f3.cancelled()).isTrue();

        assertThat(f4.cancel()).isTrue();
        assertThat(f4.cancelled()).isTrue();

        assertThat(f5.cancel()).isFalse();
        assertThat(f5.done()).isTrue();
        assertThat(f5.cancelled()).isFalse();

        assertThat(f6.cancel()).isFalse();
        assertThat(f6.result()).isEqualTo(42);
    }

    @Test
    void test_cancelled() {
        assertThat(FutureStates.pending().cancelled()).isFalse();
        assertThat(FutureStates.running().cancelled()).isFalse();
        assertThat(FutureStates.cancelled().cancelled()).isTrue();
        assertThat(FutureStates.cancelledAndNotified().cancelled()).isTrue();
        assertThat(FutureStates.exception().cancelled()).isFalse();
        assertThat(FutureStates.successful().cancelled()).isFalse();
    }

    @Test
    void test_done() {
        assertThat(FutureStates.pending().done()).isFalse();
        assertThat(FutureStates.running().done()).isFalse();
        assertThat(FutureStates.cancelled().done()).isTrue();
        assertThat(FutureStates.cancelledAndNotified().done()).isTrue();
        assertThat(FutureStates.exception().done()).isTrue();
        assertThat(FutureStates.successful().done()).isTrue();
    }

    @Test
    void test_running() {
        assertThat(FutureStates.pending().running()).isFalse();
        assertThat(FutureStates.running().running()).isTrue();
        assertThat(FutureStates.cancelled().running()).isFalse();
        assertThat(FutureStates.cancelledAndNotified().running()).isFalse();
        assertThat(FutureStates.exception().running()).isFalse();
        assertThat(FutureStates.successful().running()).isFalse();
    }

    @Test
    void test_result_with_timeout() {
        assertThatThrownBy(() -> FutureStates.pending().result(Duration.ZERO)).isInstanceOf(FuturesTimeoutException.class);
        assertThatThrownBy(() -> FutureStates.running().result(Duration.ZERO)).isInstanceOf(FuturesTimeoutException.class);
        assertThatThrownBy(() -> FutureStates.cancelled().result(Duration.ZERO)).isInstanceOf(CancelledException.class);
        assertThatThrownBy(() -> FutureStates.cancelledAndNotified().result(Duration.ZERO))
                .isInstanceOf(CancelledException.class);
        assertThatThrownBy(() -> FutureStates.exception().result(Duration.ZERO)).isInstanceOf(UncheckedIOException.class);
        assertThat(FutureStates.successful().result(Duration.ZERO)).isEqualTo(42);
    }

    @Test
    void test_result_with_success() throws InterruptedException {
        Promise<Object> f1 = FutureStates.pending();
        Thread main = Thread.currentThread();
        Thread t = Thread.ofPlatform().start(() -> {
            // Wait until the main thread is waiting for the result (CPython sleeps 1 s).
            awaitParked(main);
            f1.setResult(42);
        });
        assertThat(f1.result(Duration.ofSeconds(5))).isEqualTo(42);
        t.join();
    }

    @Test
    void test_result_with_cancel() throws InterruptedException {
        Promise<Object> f1 = FutureStates.pending();
        Thread main = Thread.currentThread();
        Thread t = Thread.ofPlatform().start(() -> {
            awaitParked(main);
            f1.cancel();
        });
        assertThatThrownBy(() -> f1.result(Duration.ofSeconds(10))).isInstanceOf(CancelledException.class);
        t.join();
    }

    @Test
    void test_exception_with_timeout() {
        assertThatThrownBy(() -> FutureStates.pending().exception(Duration.ZERO)).isInstanceOf(FuturesTimeoutException.class);
        assertThatThrownBy(() -> FutureStates.running().exception(Duration.ZERO)).isInstanceOf(FuturesTimeoutException.class);
        assertThatThrownBy(() -> FutureStates.cancelled().exception(Duration.ZERO)).isInstanceOf(CancelledException.class);
        assertThatThrownBy(() -> FutureStates.cancelledAndNotified().exception(Duration.ZERO))
                .isInstanceOf(CancelledException.class);
        assertThat(FutureStates.exception().exception(Duration.ZERO)).get().isInstanceOf(UncheckedIOException.class);
        assertThat(FutureStates.successful().exception(Duration.ZERO)).isEmpty();
    }

    @Test
    void test_exception_with_success() throws InterruptedException {
        Promise<Object> f1 = FutureStates.pending();
        Thread main = Thread.currentThread();
        Thread t = Thread.ofPlatform().start(() -> {
            awaitParked(main);
            f1.setException(new UncheckedIOException(new IOException()));
        });
        assertThat(f1.exception(Duration.ofSeconds(10))).get().isInstanceOf(UncheckedIOException.class);
        t.join();
    }

    @Test
    void test_multiple_set_result() {
        Promise<Object> f = FutureStates.pending();
        f.setResult(1);
        assertThatThrownBy(() -> f.setResult(2)).isInstanceOf(InvalidStateException.class)
                .hasMessageMatching("FINISHED: <Future at 0x[0-9a-f]+ state=finished returned Integer>");
        assertThat(f.done()).isTrue();
        assertThat(f.result()).isEqualTo(1);
    }

    @Test
    void test_multiple_set_exception() {
        Promise<Object> f = FutureStates.pending();
        IllegalArgumentException e = new IllegalArgumentException();
        f.setException(e);
        assertThatThrownBy(() -> f.setException(new RuntimeException())).isInstanceOf(InvalidStateException.class)
                .hasMessageMatching("FINISHED: <Future at 0x[0-9a-f]+ state=finished raised IllegalArgumentException>");
        assertThat(f.exception()).containsSame(e);
    }

    // ---- beyond CPython's tests: the Java sides ----------------------------------------------

    @Test
    void aCheckedExceptionIsWrappedInCompletionExceptionAndGetWrapsEverything() {
        Promise<Object> f = Promise.create();
        IOException io = new IOException("disk");
        f.setException(io);
        assertThatThrownBy(f::result).isInstanceOf(CompletionException.class).hasCause(io);
        assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).hasCause(io);
        assertThat(f.exception()).containsSame(io);
        assertThat(f.exceptionNow()).isSameAs(io);
        assertThat(f.state()).isEqualTo(java.util.concurrent.Future.State.FAILED);
    }

    @Test
    void anUncheckedExceptionIsRethrownAsItIs() {
        Promise<Object> f = Promise.create();
        ArithmeticException e = new ArithmeticException("/ by zero");
        f.setException(e);
        assertThatThrownBy(f::result).isSameAs(e);
    }

    @Test
    void theJdkGetKeepsItsContract() throws Exception {
        Promise<Object> pending = Promise.create();
        assertThatThrownBy(() -> pending.get(10, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(FutureStates.successful().get()).isEqualTo(42);
        assertThat(FutureStates.successful().resultNow()).isEqualTo(42);
        assertThat(FutureStates.successful().state()).isEqualTo(java.util.concurrent.Future.State.SUCCESS);
        assertThatThrownBy(() -> FutureStates.cancelled().get()).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(FutureStates.cancelled().isCancelled()).isTrue();
        assertThat(FutureStates.cancelled().state()).isEqualTo(java.util.concurrent.Future.State.CANCELLED);
        assertThat(FutureStates.running().cancel(true)).as("a running future is never interrupted").isFalse();
        assertThat(pending.state()).isEqualTo(java.util.concurrent.Future.State.RUNNING);
    }

    @Test
    void aCancelledPromiseCannotBeCompletedAndDoesNotRun() {
        Promise<Object> f = FutureStates.cancelled();
        assertThat(f.setRunningOrNotifyCancel()).isFalse();
        assertThatThrownBy(() -> f.setResult(1)).isInstanceOf(InvalidStateException.class).hasMessageStartingWith("CANCELLED: ");
        Promise<Object> r = FutureStates.running();
        assertThatThrownBy(r::setRunningOrNotifyCancel).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCompletionStageFollowsTheFuture() {
        Promise<Integer> f = Promise.create();
        CompletableFuture<Integer> plusOne = f.thenApply(x -> x + 1).toCompletableFuture();
        CompletableFuture<Integer> copy = f.toCompletableFuture();
        assertThat(plusOne).isNotDone();
        f.setResult(41);
        assertThat(plusOne.join()).isEqualTo(42);
        copy.complete(0); // completing the copy does not complete the future again
        assertThat(f.result()).isEqualTo(41);

        Promise<Integer> failing = Promise.create();
        CompletableFuture<String> handled = failing.handle((v, t) -> t == null ? "ok" : t.getMessage()).toCompletableFuture();
        failing.setException(new IllegalStateException("bad"));
        assertThat(handled.join()).isEqualTo("bad");

        Promise<Integer> cancelled = Promise.create();
        CompletableFuture<Integer> after = cancelled.toCompletableFuture();
        cancelled.cancel();
        assertThat(after).isCompletedExceptionally();
        assertThatThrownBy(after::join).hasRootCauseInstanceOf(java.util.concurrent.CancellationException.class);
    }

    @Test
    void anInterruptedWaitThrowsUncheckedAndKeepsTheFlag() throws InterruptedException {
        Promise<Object> f = Promise.create();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                f.result();
            } catch (Throwable e) {
                thrown.set(e);
                flag.set(Thread.currentThread().isInterrupted());
            }
        });
        awaitParked(t);
        t.interrupt();
        t.join();
        assertThat(thrown.get()).isInstanceOf(InterruptedRuntimeException.class);
        assertThat(flag.get()).isTrue();
    }

    @Test
    void manyWaitersAreAllWokenAndTimedOutWaitersLeaveNothingBehind() throws InterruptedException {
        Promise<Object> f = Promise.create();
        for (int i = 0; i < 1000; i++) {
            assertThatThrownBy(() -> f.result(Duration.ZERO)).isInstanceOf(FuturesTimeoutException.class);
            assertThatThrownBy(() -> f.result(Duration.ofNanos(1000))).isInstanceOf(FuturesTimeoutException.class);
        }
        int n = 8;
        CountDownLatch woke = new CountDownLatch(n);
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            waiters.add(Thread.ofPlatform().start(() -> {
                if (f.result().equals("go")) woke.countDown();
            }));
        }
        for (Thread w : waiters) awaitParked(w);
        f.setResult("go");
        assertThat(woke.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aCallbackAddedWhileCompletingRunsExactlyOnce() throws Exception {
        for (int round = 0; round < 2000; round++) {
            Promise<Object> f = Promise.create();
            int[] calls = new int[1];
            CountDownLatch go = new CountDownLatch(1);
            Thread adder = Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                f.addDoneCallback(x -> {
                    synchronized (calls) {
                        calls[0]++;
                    }
                });
            });
            go.countDown();
            f.setResult(round);
            adder.join();
            synchronized (calls) {
                assertThat(calls[0]).isEqualTo(1);
            }
        }
    }

    @Test
    void exceptionOfASuccessIsEmpty() {
        assertThat(FutureStates.successful().exception()).isEqualTo(Optional.empty());
    }

    /** Waits until {@code t} is parked (waiting on a future), instead of CPython's sleep(1). */
    static void awaitParked(Thread t) {
        await().atMost(Duration.ofSeconds(10)).until(() -> t.getState() == Thread.State.WAITING
                || t.getState() == Thread.State.TIMED_WAITING);
    }
}
