package io.github.concurrent4j.futures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.futures.internal.ProgressTracker;

/** Progress reporting: the listener contract, the plain-lines fallback, a listener that throws. */
@Tag("unit")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProgressTest {

    @Test
    void plainLinesShowCountPercentRateAndEtaAndALastLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressListener lines = Progress.lines("crawl", out, Duration.ZERO);
        ProgressTracker t = ProgressTracker.start(lines, 4);
        for (int i = 0; i < 4; i++) t.advance(1);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("crawl: 0/4 started");
        assertThat(text).containsPattern("crawl: 2/4 \\(50%\\), [0-9.]+ tasks/s, ETA \\d:\\d\\d:\\d\\d");
        assertThat(text).containsPattern("crawl: 4/4 done in [0-9.]+ s, [0-9.]+ tasks/s\\n$");
    }

    @Test
    void withoutATerminalTheBarIsPlainLines() {
        // tests run with output redirected: Progress.bar degrades to lines on System.err
        assertThat(Progress.isTerminal()).isFalse();
        assertThat(Progress.bar("x")).isInstanceOf(io.github.concurrent4j.futures.internal.LineProgress.class);
    }

    @Test
    void finishedIsCalledOnceAlsoWhenGivenUpEarly() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        ProgressListener l = new ProgressListener() {
            @Override
            public void started(long total) {
                calls.add("started " + total);
            }

            @Override
            public void progressed(long done, long total) {
                calls.add("progressed " + done);
            }

            @Override
            public void finished(long done, long total) {
                calls.add("finished " + done + "/" + total);
            }
        };
        ProgressTracker t = ProgressTracker.start(l, 10);
        t.advance(3);
        t.finish();
        t.advance(1); // after the end: not reported
        t.finish();
        assertThat(calls).containsExactly("started 10", "progressed 3", "finished 3/10");
    }

    @Test
    void aListenerThatThrowsIsReportedOnceAndTheWorkGoesOn() {
        try (LogCapture log = new LogCapture("io.github.concurrent4j.futures");
                ThreadPoolExecutor ex = new ThreadPoolExecutor(2)) {
            java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
            List<Integer> results = ex.map(x -> x * 2, IntStream.range(0, 50).boxed().toList(), (done, total) -> {
                calls.incrementAndGet();
                throw new IllegalStateException("listener broke");
            }).toList();
            assertThat(results).hasSize(50);
            // not called again once it threw (two workers may have been in it at the same time)
            assertThat(calls.get()).isBetween(1, 2);
            assertThat(log.records()).filteredOn(r -> r.contains("listener broke")).hasSize(1);
        }
    }

    @Test
    void anUnknownTotalIsSetWhenTheInputEnds() {
        long[] last = new long[2];
        ProgressTracker t = ProgressTracker.start((done, total) -> {
            last[0] = done;
            last[1] = total;
        }, -1);
        t.advance(2);
        assertThat(last).containsExactly(2, -1);
        t.total(3);
        t.advance(1);
        assertThat(last).containsExactly(3, 3);
    }

    @Test
    void theConsumerHavingEveryResultReportsTheLastProgressOnceEvenBeforeItsCallbackRuns() {
        // A process worker's last result can reach the consumer before its future's done
        // callback advances the tracker (seen as 9 of 10 progress calls in
        // ProcessPoolExecutorTests#mapReportsProgress): complete() reports it, the late advance
        // does not report it again.
        List<Long> seen = new ArrayList<>();
        List<Long> finished = new ArrayList<>();
        ProgressTracker t = ProgressTracker.start(new ProgressListener() {
            @Override
            public void progressed(long done, long total) {
                seen.add(done);
            }

            @Override
            public void finished(long done, long total) {
                finished.add(done);
            }
        }, 100);
        for (int i = 0; i < 9; i++) t.advance(10);
        t.complete();
        t.advance(10); // the last chunk's callback, late

        assertThat(seen).containsExactly(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L);
        assertThat(finished).containsExactly(100L);
    }
}
