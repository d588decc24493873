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
 * {@code qsize} and a timed {@code get}, on a queue bounded at 2 (so that {@code Full} and
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
    /** Every queue the scenarios made, closed at the end (Lincheck makes one instance per invocation). */
    private static final List<Queue<Integer>> MADE = new ArrayList<>();

    private final Queue<Integer> q;

    public ProcessQueueLincheckTest() {
        // a small ring keeps the many instances cheap: 4 KiB of records
        q = new Queue<>(ShmQueue.create(ShmQueue.KIND_QUEUE, 2, 4096));
        synchronized (MADE) {
            MADE.add(q);
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

    @Operation
    public int qsize() {
        return q.qsize();
    }

    @Test
    void linearizable() {
        new StressOptions()
                .iterations(30)
                .invocationsPerIteration(300)
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
