package io.github.concurrent4j.futures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * {@code WaitTests} of CPython 3.13's {@code Lib/test/test_concurrent_futures/test_wait.py},
 * ported with their names, for every kind of executor. One deliberate difference (see
 * {@link Futures}): CPython's {@code CANCELLED_FUTURE} (cancelled, but not yet noticed by an
 * executor) is "not done" for {@code wait}; here a cancelled future is done, so the expected
 * sets of {@code test_first_completed} and {@code test_first_exception_some_already_complete}
 * list it under {@code done}.
 */
public abstract class WaitTests extends ExecutorMixin {

    @Test
    public void test_20369() {
        // See https://bugs.python.org/issue20369
        Future<Integer> future = executor.submit(ExecutorMixin::mul, 1, 2);
        DoneAndNotDone<Future<Integer>> r = Futures.wait(List.of(future, future), ReturnWhen.ALL_COMPLETED);
        assertThat(r.done()).isEqualTo(Set.of(future));
        assertThat(r.notDone()).isEmpty();
    }

    @Test
    public void test_first_completed() {
        Signal event = createEvent();
        Future<Object> cancelled = FutureStates.cancelled();
        Future<Object> future1 = executor.submit(() -> (Object) mul(21, 2));
        Future<Object> future2 = executor.submit(() -> event.await());
        try {
            future1.result(); // CPython relies on timing here; wait for future1 so the outcome is certain
            DoneAndNotDone<Future<Object>> r = Futures.wait(List.of(cancelled, future1, future2), ReturnWhen.FIRST_COMPLETED);
            assertThat(r.done()).isEqualTo(Set.of(cancelled, future1));
            assertThat(r.notDone()).isEqualTo(Set.of(future2));
        } finally {
            event.set();
        }
        future2.result(); // wait for job to finish
    }

    @Test
    public void test_first_completed_some_already_completed() {
        Signal event = createEvent();
        Future<Object> cancelledAndNotified = FutureStates.cancelledAndNotified();
        Future<Object> successful = FutureStates.successful();
        Future<Object> future1 = executor.submit(() -> event.await());
        try {
            DoneAndNotDone<Future<Object>> r = Futures.wait(List.of(cancelledAndNotified, successful, future1),
                    ReturnWhen.FIRST_COMPLETED);
            assertThat(r.done()).isEqualTo(Set.of(cancelledAndNotified, successful));
            assertThat(r.notDone()).isEqualTo(Set.of(future1));
        } finally {
            event.set();
        }
        future1.result(); // wait for job to finish
    }

    @Test
    public void test_first_exception() throws InterruptedException {
        Signal event1 = createEvent();
        Signal event2 = createEvent();
        Future<Object> future3;
        try {
            Future<Object> future1 = executor.submit(() -> (Object) mul(2, 21));
            Future<Object> future2 = executor.submit(() -> {
                event1.await();
                throw new RuntimeException("this is an exception");
            });
            future3 = executor.submit(() -> event2.await());
            // Ensure that future1 is completed before future2 finishes
            Thread t = Thread.ofPlatform().start(() -> {
                future1.result();
                event1.set();
            });
            DoneAndNotDone<Future<Object>> r = Futures.wait(List.of(future1, future2, future3), ReturnWhen.FIRST_EXCEPTION);
            assertThat(r.done()).isEqualTo(Set.of(future1, future2));
            assertThat(r.notDone()).isEqualTo(Set.of(future3));
            t.join();
        } finally {
            event1.set();
            event2.set();
        }
        future3.result(); // wait for job to finish
    }

    @Test
    public void test_first_exception_some_already_complete() {
        Signal event = createEvent();
        Future<Object> successful = FutureStates.successful();
        Future<Object> cancelled = FutureStates.cancelled();
        Future<Object> cancelledAndNotified = FutureStates.cancelledAndNotified();
        Future<Object> future1 = executor.submit(() -> (Object) divmod(21, 0));
        Future<Object> future2 = executor.submit(() -> event.await());
        try {
            DoneAndNotDone<Future<Object>> r = Futures.wait(
                    List.of(successful, cancelled, cancelledAndNotified, future1, future2), ReturnWhen.FIRST_EXCEPTION);
            assertThat(r.done()).isEqualTo(Set.of(successful, cancelled, cancelledAndNotified, future1));
            assertThat(r.notDone()).isEqualTo(Set.of(future2));
        } finally {
            event.set();
        }
        future2.result(); // wait for job to finish
    }

    @Test
    public void test_first_exception_one_already_failed() {
        Signal event = createEvent();
        Future<Object> exception = FutureStates.exception();
        Future<Object> future1 = executor.submit(() -> event.await());
        try {
            DoneAndNotDone<Future<Object>> r = Futures.wait(List.of(exception, future1), ReturnWhen.FIRST_EXCEPTION);
            assertThat(r.done()).isEqualTo(Set.of(exception));
            assertThat(r.notDone()).isEqualTo(Set.of(future1));
        } finally {
            event.set();
        }
        future1.result(); // wait for job to finish
    }

    @Test
    public void test_all_completed() {
        Future<Object> successful = FutureStates.successful();
        Future<Object> cancelledAndNotified = FutureStates.cancelledAndNotified();
        Future<Object> exception = FutureStates.exception();
        Future<Object> future1 = executor.submit(() -> (Object) divmod(2, 0));
        Future<Object> future2 = executor.submit(() -> (Object) mul(2, 21));
        DoneAndNotDone<Future<Object>> r = Futures.wait(
                List.of(successful, cancelledAndNotified, exception, future1, future2), ReturnWhen.ALL_COMPLETED);
        assertThat(r.done()).isEqualTo(Set.of(successful, cancelledAndNotified, exception, future1, future2));
        assertThat(r.notDone()).isEmpty();
    }

    @Test
    public void test_timeout() {
        Duration shortTimeout = Duration.ofMillis(50);
        Signal event = createEvent();
        Future<Object> cancelledAndNotified = FutureStates.cancelledAndNotified();
        Future<Object> exception = FutureStates.exception();
        Future<Object> successful = FutureStates.successful();
        Future<Object> future = executor.submit(() -> event.await());
        try {
            DoneAndNotDone<Future<Object>> r = Futures.wait(List.of(cancelledAndNotified, exception, successful, future),
                    shortTimeout, ReturnWhen.ALL_COMPLETED);
            assertThat(r.done()).isEqualTo(Set.of(cancelledAndNotified, exception, successful));
            assertThat(r.notDone()).isEqualTo(Set.of(future));
        } finally {
            event.set();
        }
        future.result(); // wait for job to finish
    }
}
