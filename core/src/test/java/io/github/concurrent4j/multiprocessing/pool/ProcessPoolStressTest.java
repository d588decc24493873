package io.github.concurrent4j.multiprocessing.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.pool.internal.WorkerHandle;

/**
 * Issue 11, acceptance 10: {@code Pool(32)} on a 2-core machine starts, maps and closes; the
 * resident memory of each idle worker is printed ({@code pool.worker.rss_mib}), for BENCHMARKS.md.
 */
@Tag("stress")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ProcessPoolStressTest {

    @Test
    void aPoolOfThirtyTwoStartsMapsAndCloses() throws IOException {
        ProcessPool p = new ProcessPool(32);
        try {
            assertThat(p.engine.awaitReadyWorkers(32, Duration.ofSeconds(240))).isTrue();
            List<Integer> items = IntStream.range(0, 3200).boxed().toList();
            assertThat(p.map(x -> x * 3, items)).isEqualTo(items.stream().map(x -> x * 3).toList());
            long total = 0;
            List<WorkerHandle> ws = p.workers();
            assertThat(ws).hasSize(32);
            for (WorkerHandle w : ws) total += rssKib(w.pid().orElseThrow());
            System.out.printf("pool.worker.rss_mib\t%.1f\tMiB (mean of 32 idle workers)%n", total / 32.0 / 1024);
        } finally {
            p.close();
            p.join();
        }
    }

    private static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        return 0;
    }
}
