package io.github.concurrent4j.multiprocessing.sharedctypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.function.SerializableRunnable;
import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.synchronize.Barrier;

/** Issue 10, acceptance 7: a shared Value under its lock loses no update across 4 processes; without it, it does. */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SharedCounterTest {

    private static void runAll(int n, SerializableRunnable body) {
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Process p = new Process(body);
            p.start();
            ps.add(p);
        }
        for (Process p : ps) {
            p.join();
            assertThat(p.exitCode()).hasValue(0);
        }
    }

    @Test
    void fourProcessesAddingUnderTheLockLoseNothing() {
        Value counter = Value.of('i', 0);
        Barrier start = new Barrier(4);
        runAll(4, () -> {
            start.await(Duration.ofSeconds(60));
            for (int i = 0; i < 100_000; i++) {
                try (var _ = counter.getLock().hold()) {
                    counter.set(counter.getInt() + 1);
                }
            }
        });
        assertThat(counter.getInt()).isEqualTo(400_000);
        counter.close();
        start.close();
    }

    @Test
    void withoutTheLockUpdatesAreLost() {
        Value counter = Value.raw('i', 0);
        Barrier start = new Barrier(4);
        runAll(4, () -> {
            start.await(Duration.ofSeconds(60));
            for (int i = 0; i < 1_000_000; i++) counter.set(counter.getInt() + 1); // counter.value += 1: not atomic
        });
        assertThat(counter.getInt()).as("lost updates are why the lock exists").isLessThan(4_000_000);
        assertThatThrownBy(counter::getLock).isInstanceOf(IllegalStateException.class);
        counter.close();
        start.close();
    }

    @Test
    void atomicIncrementNeedsNoLock() {
        Value counter = Value.of('q', 0L);
        Array hist = Array.of('i', 4);
        runAll(4, () -> {
            for (int i = 0; i < 100_000; i++) {
                counter.incrementAndGet();
                hist.addAndGet(i % 4, 1);
            }
        });
        assertThat(counter.getLong()).isEqualTo(400_000L);
        assertThat(hist.toArray()).containsExactly(100_000, 100_000, 100_000, 100_000);
        assertThat(counter.compareAndSet(400_000L, 7L)).isTrue();
        assertThat(counter.get()).isEqualTo(7L);
        counter.close();
        hist.close();
    }

    @Test
    void anArrayWrittenByAChildIsReadHere() {
        Array a = Array.of('d', 10);
        Array init = Array.raw('i', new int[] {1, 2, 3});
        runAll(1, () -> {
            for (int i = 0; i < a.length(); i++) a.set(i, i * 1.5);
            init.set(2, init.getInt(0) + init.getInt(1));
        });
        assertThat(a.toDoubleArray()).containsExactly(0, 1.5, 3, 4.5, 6, 7.5, 9, 10.5, 12, 13.5);
        assertThat(init.toArray()).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> a.get(10)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Value.of('z', 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("typecode");
        a.close();
        init.close();
    }
}
