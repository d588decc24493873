package io.github.concurrent4j.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.concurrent4j.Timeouts;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Names issue 9 found missing from threading: each behaves as Python's. */
@Tag("unit")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PythonNamesTest {

    @Test
    void theDaemonFlagCanBeSetAfterConstructionUntilStart() throws Exception {
        // t = Thread(target=f); t.daemon = True; t.start()
        CountDownLatch release = new CountDownLatch(1);
        Thread t = Threading.thread().daemon(false).unstarted(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(t.isDaemon()).isFalse();
        t.setDaemon(true);
        Threading.start(t);
        assertThat(t.isDaemon()).isTrue();
        assertThat(Threading.enumerate()).contains(t);
        assertThatThrownBy(() -> t.setDaemon(false)).isInstanceOf(IllegalThreadStateException.class);   // too late, as Python's RuntimeError
        release.countDown();
        Threading.join(t);
    }

    @Test
    void timeoutMaxIsAccepted() {
        assertThat(Threading.TIMEOUT_MAX).isEqualTo(Timeouts.MAX).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
        Lock lock = new Lock();
        assertThat(lock.acquire(Threading.TIMEOUT_MAX)).isTrue();
        lock.release();
        Event e = new Event();
        e.set();
        assertThat(e.await(Threading.TIMEOUT_MAX.plusDays(1))).isTrue();   // longer: as long as TIMEOUT_MAX
    }

    @Test
    void conditionAcquireBlockingAndWaitResults() throws Exception {
        Condition cond = new Condition(new Lock());
        assertThat(cond.acquire(false)).isTrue();
        Thread other = Thread.ofPlatform().start(() -> assertThat(cond.acquire(false)).isFalse());
        other.join();
        assertThat(cond.await(Duration.ofMillis(10))).isFalse();   // timed out: not notified
        Thread notifier = Thread.ofPlatform().start(() -> {
            cond.acquire();
            cond.signal();
            cond.release();
        });
        assertThat(cond.await()).isTrue();
        cond.release();
        notifier.join();
    }
}
