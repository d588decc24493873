package io.github.concurrent4j.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 9, deviation 8, without a race: {@code shutdown(true)} while a {@code put} holds a
 * reserved slot it has not filled yet. Python's {@code put} and {@code shutdown} take one
 * mutex, so a put that got its slot has inserted before the drain and the drain removes it:
 * {@code qsize()} is 0 when {@code shutdown(immediate=True)} returns. The lock-free FIFO
 * reserves first and inserts after; the storage below stops the put between the two, so the
 * window the racy {@code CpythonQueueTests#test_shutdown_immediate_all_methods_in_many_threads}
 * hits only sometimes is open every time here.
 */
@Tag("unit")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ShutdownImmediateTest {

    /** Storage whose {@code offer} of {@link #HELD} waits for {@link #release}. */
    static final class HoldingStorage extends ConcurrentLinkedQueue<String> {
        static final String HELD = "held";
        final CountDownLatch reserved = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public boolean offer(String e) {
            if (HELD.equals(e)) {
                reserved.countDown();
                try {
                    release.await();
                } catch (InterruptedException ex) {
                    throw new AssertionError(ex);
                }
            }
            return super.offer(e);
        }
    }

    static <T> CompletableFuture<T> inThread(java.util.concurrent.Callable<T> body, Thread[] thread) {
        CompletableFuture<T> f = new CompletableFuture<>();
        thread[0] = Thread.ofPlatform().daemon(true).start(() -> {
            try {
                f.complete(body.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    @Test
    void shutdownImmediateWaitsForAReservedPutAndLeavesNothing() throws Exception {
        HoldingStorage storage = new HoldingStorage();
        Queue<String> q = new Queue<>(new FastFifo<>(2, storage));
        q.put("a");

        // a put that reserved the last slot and has not inserted its item yet
        Thread[] putter = {null};
        CompletableFuture<Void> reservedPut = inThread(() -> {
            q.put(HoldingStorage.HELD);
            return null;
        }, putter);
        assertThat(storage.reserved.await(10, TimeUnit.SECONDS)).isTrue();
        // and a put blocked on the (now full) queue
        Thread[] blocked = {null};
        CompletableFuture<Void> blockedPut = inThread(() -> {
            q.put("b");
            return null;
        }, blocked);
        await().atMost(Duration.ofSeconds(10)).until(() -> blocked[0].getState() == Thread.State.WAITING);

        Thread[] shutter = {null};
        CompletableFuture<Integer> sizeOnReturn = inThread(() -> {
            q.shutdown(true);
            return q.qsize();   // what a caller sees the moment shutdown(true) returns
        }, shutter);
        // Let the held put go only when shutdown(true) has returned or waits for it. Without the
        // fix it returns with the held put's slot still counted (qsize 1) before the put goes on.
        await().atMost(Duration.ofSeconds(10)).until(() -> Set.of(Thread.State.TIMED_WAITING, Thread.State.WAITING,
                Thread.State.TERMINATED).contains(shutter[0].getState()));
        storage.release.countDown();

        assertThat(sizeOnReturn.get(10, TimeUnit.SECONDS)).as("qsize() when shutdown(true) returned").isZero();
        // the reserved put linearized before the shutdown: it returns, and its item was discarded
        reservedPut.get(10, TimeUnit.SECONDS);
        // the blocked put had no slot: it is refused
        assertThatThrownBy(() -> blockedPut.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ShutDownException.class);
        assertThat(q.qsize()).isZero();
        assertThat(q.empty()).isTrue();
        assertThat(q.unfinishedTasks()).isZero();
        assertThat(storage).isEmpty();
        assertThatThrownBy(q::getNowait).isInstanceOf(ShutDownException.class);
        assertThatThrownBy(() -> q.put("c")).isInstanceOf(ShutDownException.class);
        for (Thread t : new Thread[] {putter[0], blocked[0], shutter[0]}) t.join(10_000);
    }
}
