package io.github.concurrent4j.examples.futures;

import java.util.stream.IntStream;

import io.github.concurrent4j.examples.threading.Naps;
import io.github.concurrent4j.futures.Progress;
import io.github.concurrent4j.multiprocessing.pool.ProcessPool;

/**
 * {@link ImapProgress} on worker processes: a long {@code imap} over a {@link ProcessPool} of 4
 * workers, 600 tasks of about 10 ms, with the progress bar (plain lines when the output is not
 * a terminal).
 *
 * <pre>
 * with Pool(4) as pool:
 *     for r in tqdm(pool.imap(work, range(600)), total=600): ...
 * </pre>
 */
public final class ProcessImapProgress {
    private ProcessImapProgress() {}

    static int work(int x) {
        Naps.sleep(5 + x % 10);
        return x * x;
    }

    public static void main(String[] args) {
        long sum = 0;
        try (ProcessPool pool = new ProcessPool(4)) {
            for (int r : pool.<Integer, Integer>imap(ProcessImapProgress::work, IntStream.range(0, 600).boxed().toList(), 1,
                    Progress.bar("imap"))) {
                sum += r;
            }
            pool.close();
            pool.join();
        }
        System.out.println("sum of squares 0..599 = " + sum + " (expected " + IntStream.range(0, 600).mapToLong(x -> (long) x * x).sum() + ")");
    }
}
