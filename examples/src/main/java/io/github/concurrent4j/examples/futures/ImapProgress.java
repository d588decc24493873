package io.github.concurrent4j.examples.futures;

import java.util.stream.IntStream;

import io.github.concurrent4j.examples.threading.Naps;
import io.github.concurrent4j.futures.Progress;
import io.github.concurrent4j.multiprocessing.pool.ThreadPool;

/**
 * A long {@code imap} with a progress bar (what Python programs do with {@code tqdm}): 400
 * tasks of about 10 ms on 8 workers, the results in order, a bar with the count, the rate and
 * the time left. On a terminal it is {@code me.tongfei:progressbar}'s bar; when the output is
 * redirected (a file, a CI log, {@code ./demo | tee}) the same call prints plain lines.
 *
 * <pre>
 * for r in tqdm(pool.imap(work, range(1500)), total=1500): ...
 * </pre>
 */
public final class ImapProgress {
    private ImapProgress() {}

    static int work(int x) {
        Naps.sleep(5 + x % 10);
        return x * x;
    }

    public static void main(String[] args) {
        long sum = 0;
        try (ThreadPool pool = new ThreadPool(8)) {
            for (int r : pool.<Integer, Integer>imap(ImapProgress::work, IntStream.range(0, 1500).boxed().toList(), 1,
                    Progress.bar("imap"))) {
                sum += r;
            }
        }
        System.out.println("sum of squares 0..1499 = " + sum + " (expected " + IntStream.range(0, 1500).mapToLong(x -> (long) x * x).sum() + ")");
    }
}
