package io.github.concurrent4j.multiprocessing.managers;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The seeds' full countdown: 100 processes (ManagerAcceptanceTest runs 20). */
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
