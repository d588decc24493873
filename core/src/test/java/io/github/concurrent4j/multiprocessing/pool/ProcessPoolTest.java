package io.github.concurrent4j.multiprocessing.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.concurrent4j.multiprocessing.pool.internal.WorkerHandle;
import io.github.concurrent4j.transport.SerializationException;

/**
 * Issue 11's acceptance points that need real worker processes (2, 4, 8, 10), on a
 * {@link ProcessPool}: a SIGKILLed worker fails only its task, with or without retries;
 * failures to encode or decode are errors for the caller and the pool goes on; a worker that
 * cannot start fails the constructor and leaves nothing behind; a large pool starts and maps.
 */
@Tag("integration")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessPoolTest {
    @TempDir
    Path tmp;

    /** SIGKILLs the calling worker process (a real signal, from outside the JVM). */
    static void sigkillMe() {
        try {
            new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).inheritIO().start().waitFor();
            Thread.sleep(10_000); // the signal arrives meanwhile
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("not killed");
    }

    /** Task {@code x}: its square; task 50 SIGKILLs its worker the first time it runs (a marker file records it). */
    static int squareOrDieOnce(int x, String marker) {
        if (x == 50) {
            try {
                Files.createFile(Path.of(marker));
                sigkillMe();
            } catch (java.nio.file.FileAlreadyExistsException ranBefore) {
                // the retry: live
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return x * x;
    }

    private static Set<Long> pids(AbstractPool p) {
        Set<Long> s = new HashSet<>();
        for (WorkerHandle w : p.workers()) s.add(w.pid().orElseThrow());
        return s;
    }

    @Test
    void aWorkerSigkilledDuringAMapFailsOnlyItsTaskAndIsReplaced() {
        // issue 11, acceptance 2
        String marker = tmp.resolve("died").toString();
        ProcessPool p = new ProcessPool(2);
        try {
            List<Integer> items = IntStream.range(0, 100).boxed().toList();
            List<Integer> got = new ArrayList<>();
            List<WorkerLostException> lost = new ArrayList<>();
            IMapIterator<Integer> it = p.imap(x -> squareOrDieOnce(x, marker), items);
            for (int i = 0; i < 100; i++) {
                try {
                    got.add(it.next());
                } catch (WorkerLostException e) {
                    assertThat(i).isEqualTo(50);
                    lost.add(e);
                }
            }
            assertThat(lost).hasSize(1);
            assertThat(lost.get(0).exitCode()).hasValue(-9);
            assertThat(lost.get(0).pid()).isPresent();
            assertThat(lost.get(0)).hasMessageContaining("exited with code -9");
            assertThat(got).hasSize(99).doesNotContain(2500);
            // map ends with the same error, no hang
            try {
                Files.delete(Path.of(marker));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            assertThatThrownBy(() -> p.map(x -> squareOrDieOnce(x, marker), items)).isInstanceOf(WorkerLostException.class);
            // the next map runs with the same worker count
            assertThat(p.engine.awaitReadyWorkers(2, Duration.ofSeconds(60))).isTrue();
            assertThat(p.workers()).hasSize(2);
            assertThat(p.map(x -> x + 1, items)).isEqualTo(items.stream().map(x -> x + 1).toList());
        } finally {
            p.terminate();
            p.join();
        }
    }

    @Test
    void withRetriesAllHundredSucceedDespiteTheKill() {
        // issue 11, acceptance 2 (retries)
        String marker = tmp.resolve("died").toString();
        ProcessPool p = ProcessPool.builder().processes(2).retries(1).build();
        try {
            List<Integer> items = IntStream.range(0, 100).boxed().toList();
            assertThat(p.map(x -> squareOrDieOnce(x, marker), items, 1)).isEqualTo(items.stream().map(x -> x * x).toList());
            assertThat(Files.exists(Path.of(marker))).as("the worker really died").isTrue();
        } finally {
            p.close();
            p.join();
        }
    }

    /** A result the worker cannot encode. */
    static final class Unsendable implements Serializable {
        private static final long serialVersionUID = 1L;
        final transient Object x = null;
        final Thread thread = Thread.currentThread();
    }

    /** A result the worker can encode and the parent refuses to decode (not on the allow-list). */
    record NotAllowed(int x) implements Serializable {}

    @Test
    void encodingAndDecodingFailuresAreErrorsAndThePoolSurvives() {
        // issue 11, acceptance 4
        ProcessPool p = new ProcessPool(2);
        try {
            assertThat(p.engine.awaitReadyWorkers(2, Duration.ofSeconds(60))).isTrue();
            Set<Long> before = pids(p);
            // an unserializable argument: the caller gets an error naming it
            assertThatThrownBy(() -> p.apply(PoolTestSupport::identity, new Object() {
                final Thread t = Thread.currentThread();
            })).isInstanceOf(SerializationException.class).hasMessageContaining("cannot send this task");
            // an unserializable result, 20 times in a row: CPython's MaybeEncodingError
            for (int i = 0; i < 20; i++) {
                assertThatThrownBy(() -> p.apply(Unsendable::new)).isInstanceOf(MaybeEncodingException.class)
                        .hasMessageContaining("Error sending result");
            }
            // a result the parent cannot decode
            assertThatThrownBy(() -> p.apply(() -> {
                io.github.concurrent4j.transport.Serialization.allow(NotAllowed.class); // in the worker only
                return new NotAllowed(1);
            })).isInstanceOf(SerializationException.class)
                    .hasMessageContaining("cannot decode the result");
            // the workers lived through all of it
            assertThat(pids(p)).isEqualTo(before);
            assertThat(p.map(x -> x * 2, List.of(1, 2, 3))).containsExactly(2, 4, 6);
        } finally {
            p.close();
            p.join();
        }
    }

    @Test
    void aWorkerThatCannotStartFailsTheConstructorAndTheOthersAreGone() {
        // issue 11, acceptance 8: the 4th of 5 fails
        ProcessPool.Builder b = ProcessPool.builder().processes(5);
        b.beforeStart = id -> {
            if (id == 4) throw new io.github.concurrent4j.multiprocessing.ProcessException("injected: worker 4 cannot start");
        };
        Set<Long> childrenBefore = children();
        assertThatThrownBy(b::build).hasMessageContaining("worker 4 cannot start");
        Set<Long> left = children();
        left.removeAll(childrenBefore);
        assertThat(left).as("workers left by the failed constructor").isEmpty();
    }

    private static Set<Long> children() {
        Set<Long> s = new HashSet<>();
        ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(h -> !io.github.concurrent4j.multiprocessing.internal.Standbys.isKeptOnPurpose(h.pid()))
                .forEach(h -> s.add(h.pid()));
        return s;
    }
}
