package io.github.concurrent4j.multiprocessing.synchronize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.multiprocessing.connection.Pipe;
import io.github.concurrent4j.threading.Deadlock;
import io.github.concurrent4j.threading.Deadlocks;

/**
 * Issue 10, acceptance 11: two processes deadlocked on two shared locks (each holds one and
 * waits for the other's); {@code Deadlocks.report()} in either process names both pids, both
 * threads and both locks.
 */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CrossProcessDeadlockTest {

    private static List<Deadlock> awaitCycle() throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        List<Deadlock> found;
        while ((found = Deadlocks.find()).isEmpty() && System.nanoTime() < end) Thread.sleep(20);
        return found;
    }

    @Test
    void aCycleThroughTwoProcessesIsReportedInBoth() throws Exception {
        java.util.Set<java.nio.file.Path> before = new java.util.HashSet<>(CrossProcessSyncTest.syncFiles());
        Lock forkA = new Lock("fork A", false), forkB = new Lock("fork B", false);
        Event childHoldsB = new Event(), parentHoldsA = new Event();
        Pipe pipe = Pipe.open();
        Connection mine = pipe.conn1(), theirs = pipe.conn2();
        Process p = new Process(() -> {
            Thread.currentThread().setName("philosopher-child");
            forkB.acquire();
            childHoldsB.set();
            Thread reporter = Thread.ofPlatform().start(() -> {
                try {
                    List<Deadlock> found = awaitCycle();
                    theirs.send(found.isEmpty() ? List.of("none")
                            : List.of(Deadlocks.report(), found.getFirst().threads().stream().map(t -> t.pid()).sorted().toList()));
                } catch (InterruptedException e) {
                    theirs.send(List.of("interrupted"));
                }
            });
            parentHoldsA.await(Duration.ofSeconds(60));
            if (!forkA.acquire(Duration.ofSeconds(60))) throw new AssertionError("fork A never came");
            forkA.release();
            forkB.release();
            reporter.join();
        });
        p.start();
        theirs.close();
        Thread parent = Thread.ofPlatform().name("philosopher-parent").start(() -> {
            childHoldsB.await(Duration.ofSeconds(60));
            forkA.acquire();
            try {
                parentHoldsA.set();
                if (forkB.acquire(Duration.ofSeconds(60))) forkB.release();
            } finally {
                forkA.release();
            }
        });
        List<Deadlock> found = awaitCycle();
        assertThat(found).hasSize(1);
        long me = ProcessHandle.current().pid();
        assertThat(found.getFirst().threads()).extracting(t -> t.pid()).containsExactlyInAnyOrder(p.pid(), me);
        String report = Deadlocks.report();
        List<Object> child = mine.recv();
        assertThat(child).hasSize(2);
        String childReport = (String) child.get(0);
        assertThat(child.get(1)).isEqualTo(java.util.stream.Stream.of(me, p.pid()).sorted().toList());
        for (String r : List.of(report, childReport)) {
            assertThat(r).contains("Lock 'fork A'", "Lock 'fork B'", "philosopher-parent", "philosopher-child");
        }
        assertThat(report).contains("pid " + p.pid());
        assertThat(childReport).contains("pid " + me);
        parent.interrupt(); // break the cycle: the parent's thread gives up, then the child gets A
        parent.join();
        p.join();
        assertThat(p.exitCode()).hasValue(0);
        mine.close();
        for (var c : List.<Runnable>of(forkA::close, forkB::close, childHoldsB::close, parentHoldsA::close)) c.run();
        CrossProcessSyncTest.assertNoNewSyncFiles(before);
    }
}
