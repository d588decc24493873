package io.github.concurrent4j.multiprocessing.managers;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The seeds' full countdown: 100 processes, under a manager lock and with {@code compute}
 * (ManagerAcceptanceTest runs 20 of each). Measured in a full {@code mvn verify -pl core} on the
 * 2-core CI box shared with other builds (load average 10-20): 148.9 s for the two, the
 * second-slowest test class of the suite; hence the {@code stress} tag.
 */
@Tag("stress")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ManagerStressTest {
    @Test
    void countdown_of_100_processes_under_a_manager_lock() {
        ManagerAcceptanceTest.countdownUnderLock(100);
    }

    @Test
    void countdown_of_100_processes_with_compute() {
        ManagerAcceptanceTest.countdownWithCompute(100);
    }
}
