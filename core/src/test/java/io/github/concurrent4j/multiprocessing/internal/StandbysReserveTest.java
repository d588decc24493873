package io.github.concurrent4j.multiprocessing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A reserve ({@code Multiprocessing.prestart(count, timeout)}) survives the pool's decay: the
 * decay once trimmed a grown pool's ready standbys while a prestart waited for them, and
 * {@code TestProcess.test_child_fd_inflation} failed with "standbys not ready (4 of 5 ready)".
 */
@Tag("integration")
class StandbysReserveTest {

    @Test
    @Timeout(120)
    void theDecayOfAGrownPoolKeepsWhatAPrestartReserved() {
        Standbys pool = Standbys.pool();
        int size = pool.size();
        try {
            pool.configure(1, Duration.ofMinutes(5));
            pool.demandOutran(System.nanoTime()); // target 2 > size 1: the decay will halve it
            pool.reserve(3, Duration.ofMinutes(1));
            assertThat(pool.readyCount()).isEqualTo(3);

            pool.stopIfIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(Standbys.DECAY_SECONDS + 1));

            assertThat(pool.readyCount()).as("ready standbys after the decay").isEqualTo(3);
        } finally {
            pool.configure(size, Duration.ofSeconds(300));
            pool.drain();
        }
    }
}
