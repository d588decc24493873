package io.github.concurrent4j.multiprocessing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.queue.EmptyException;
import io.github.concurrent4j.queue.FullException;

/**
 * Linearizability of the shared-memory queue's operations under concurrent threads of one JVM,
 * checked by Lincheck's stress strategy: scenarios of {@code putNowait}, {@code getNowait},
 * and bounds of {@code qsize}, on a queue bounded at 2 (so that {@code Full} and
 * {@code Empty} both occur), must each match some sequential order of the same operations.
 * (Lincheck's model-checking strategy instruments the code it runs; this queue's state lives in
 * shared memory behind {@code VarHandle}s on a {@code MemorySegment} and futex system calls,
 * which it cannot interleave, so the stress strategy is used.) The same operations across
 * processes are checked against a sequential model in {@link ProcessQueueStressTest}.
 */
@Tag("stress")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@Param(name = "value", gen = IntGen.class, conf = "1:9")
public class ProcessQueueLincheckTest {
    /**
     * The queues of earlier invocations. Lincheck makes one instance per invocation and runs
     * invocations one after another (results are checked against {@link Model}, not against
     * more queues), so a new instance closes the earlier ones: thousands of mapped files at once
     * would exhaust the process's memory mappings.
     */
    private static final List<Queue<Integer>> MADE = new ArrayList<>();

    private final Queue<Integer> q;

    public ProcessQueueLincheckTest() {
        synchronized (MADE) {
            for (Queue<Integer> old : MADE) old.close();
            MADE.clear();
            // a small ring keeps the many instances cheap: 4 KiB of records
            q = new Queue<>(ShmQueue.create(ShmQueue.KIND_QUEUE, 2, 4096));
            MADE.add(q);
        }
    }

    /** The sequential specification: a FIFO of at most 2 items. */
    public static final class Model {
        private final java.util.ArrayDeque<Integer> items = new java.util.ArrayDeque<>();

        public boolean putNowait(int v) {
            if (items.size() >= 2) return false;
            items.add(v);
            return true;
        }

        public Integer getNowait() {
            return items.pollFirst();
        }

        public boolean qsizeInBounds() {
            return true;
        }
    }

    @Operation
    public boolean putNowait(@Param(name = "value") int v) {
        try {
            q.putNowait(v);
            return true;
        } catch (FullException e) {
            return false;
        }
    }

    @Operation
    public Integer getNowait() {
        try {
            return q.getNowait();
        } catch (EmptyException e) {
            return null;
        }
    }

    /** A snapshot: bounds only (it may count a record a moment before it can be got, so it is not an operation of the model). */
    @Operation
    public boolean qsizeInBounds() {
        int n = q.qsize();
        return n >= 0 && n <= 2;
    }

    @Test
    void linearizable() {
        new StressOptions()
                .iterations(30)
                .invocationsPerIteration(200)
                .sequentialSpecification(Model.class)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2)
                .check(ProcessQueueLincheckTest.class);
    }

    @AfterAll
    static void closeAll() {
        synchronized (MADE) {
            for (Queue<Integer> q : MADE) q.close();
            MADE.clear();
        }
    }
}
