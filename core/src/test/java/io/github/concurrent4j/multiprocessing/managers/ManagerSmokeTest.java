package io.github.concurrent4j.multiprocessing.managers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.threading.Held;

@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ManagerSmokeTest {
    @Test
    void dictAndLockFromAChild() {
        try (Manager m = Manager.start()) {
            DictProxy<String, Integer> d = m.dict(Map.of("count", 3));
            AcquirerProxy lock = m.lock();
            assertThat(d.get("count")).isEqualTo(3);
            Process p = new Process(() -> {
                try (Held h = lock.hold()) {
                    d.put("count", d.get("count") - 1);
                }
            });
            p.start();
            p.join();
            assertThat(p.exitCode()).hasValue(0);
            assertThat(d.get("count")).isEqualTo(2);
            assertThat(d.compute("count", (k, v) -> v - 1)).isEqualTo(1);
            System.out.println("dict: " + d);
        }
    }
}
