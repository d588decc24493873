package io.github.concurrent4j.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Acceptance 5: a Timer fires once; cancel before it fires prevents it. */
@Tag("unit")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TimerTest {

    @Test
    void aTimerFiresOnceAfterItsInterval() {
        AtomicInteger fired = new AtomicInteger();
        AtomicLong firedAt = new AtomicLong();
        Timer timer = new Timer(Duration.ofMillis(100), () -> {
            firedAt.set(System.nanoTime());
            fired.incrementAndGet();
        });
        long t0 = System.nanoTime();
        timer.start();
        assertThat(Threading.enumerate()).contains(timer.thread());
        timer.join();
        assertThat(fired).hasValue(1);
        assertThat(firedAt.get() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(timer.isAlive()).isFalse();
        timer.cancel(); // after it fired: no effect
        assertThat(fired).hasValue(1);
    }

    @Test
    void cancelBeforeItFiresPreventsIt() {
        AtomicInteger fired = new AtomicInteger();
        Timer timer = new Timer(Duration.ofSeconds(30), fired::incrementAndGet);
        timer.start();
        timer.cancel();
        assertThat(timer.join(Duration.ofSeconds(10))).as("the cancelled timer's thread ends at once").isTrue();
        assertThat(fired).hasValue(0);
    }

    @Test
    void aTimerStartsOnlyOnce() {
        Timer timer = new Timer(Duration.ZERO, () -> {});
        timer.daemon(true).name("t").start();
        assertThatThrownBy(timer::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("only be started once");
        timer.join();
        assertThat(timer.thread().getName()).isEqualTo("t");
        assertThatThrownBy(() -> new Timer(Duration.ofSeconds(-1), () -> {})).isInstanceOf(IllegalArgumentException.class);
    }
}
