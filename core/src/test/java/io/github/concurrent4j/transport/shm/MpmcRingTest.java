package io.github.concurrent4j.transport.shm;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared-memory MPMC record ring on its own: records of every size in order across the
 * buffer's end (padding), the item bound, timeouts, and what a process that dies holding either
 * side's lock leaves behind (issue 10, acceptance 5 at the ring level): a consumer that died
 * before its {@code head} store took nothing, the record is still first in line; a producer
 * that died before its {@code tail} store put nothing.
 */
@Tag("unit")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MpmcRingTest {
    @RegisterExtension
    static final ShmFiles files = new ShmFiles();

    static MpmcRing ring(int capacity) {
        SharedFile f = files.create("mpmc", MpmcRing.footprint(capacity));
        return new MpmcRing(f.memory(), 0, capacity);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void recordsOfEverySizeComeOutWholeAndInOrderAcrossTheEnd(long seed) {
        MpmcRing r = ring(4096);
        Random rnd = new Random(seed);
        List<byte[]> inFlight = new ArrayList<>();
        int taken = 0;
        for (int i = 0; i < 5_000; i++) {
            byte[] b = new byte[rnd.nextInt(r.maxPayload() + 1)];
            rnd.nextBytes(b);
            while (!r.offer(MpmcRing.ITEM, b, 0, b.length, 0, 0)) {
                MpmcRing.Record got = r.poll(0);
                assertThat(got.payload()).isEqualTo(inFlight.get(taken++));
            }
            inFlight.add(b);
        }
        for (MpmcRing.Record got = r.poll(0); got != null; got = r.poll(0)) {
            assertThat(got.kind()).isEqualTo(MpmcRing.ITEM);
            assertThat(got.payload()).isEqualTo(inFlight.get(taken++));
        }
        assertThat(taken).isEqualTo(inFlight.size());
        assertThat(r.size()).isZero();
    }

    @Test
    void theItemBoundAndTimeoutsHold() {
        MpmcRing r = ring(4096);
        assertThat(r.offer(MpmcRing.ITEM, bytes("a"), 0, 1, 2, 0)).isTrue();
        assertThat(r.offer(MpmcRing.SPILL, bytes("b"), 0, 1, 2, 0)).isTrue();
        assertThat(r.size()).isEqualTo(2);
        long t0 = System.nanoTime();
        assertThat(r.offer(MpmcRing.ITEM, bytes("c"), 0, 1, 2, 50_000_000L)).isFalse();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(50_000_000L);
        assertThat(r.poll(0).kind()).isEqualTo(MpmcRing.ITEM);
        assertThat(r.poll(0).kind()).isEqualTo(MpmcRing.SPILL);
        t0 = System.nanoTime();
        assertThat(r.poll(50_000_000L)).isNull();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(50_000_000L);
        assertThatThrownBy(() -> r.offer(MpmcRing.ITEM, new byte[r.maxPayload() + 1], 0, r.maxPayload() + 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
        assertThatThrownBy(() -> ring(1000)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power of two");
    }

    /** A lock word naming a process that has exited, as a SIGKILLed holder leaves it. */
    static void holdAsDeadProcess(MemorySegment seg, long lockOffset) throws Exception {
        java.lang.Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long deadPid = p.pid();
        JAVA_LONG.varHandle().setVolatile(seg, lockOffset, deadPid);
    }

    @Test
    void aConsumerThatDiedHoldingTheLockBeforeItsHeadStoreTookNothing() throws Exception {
        SharedFile f = files.create("mpmc", MpmcRing.footprint(4096));
        MpmcRing r = new MpmcRing(f.memory(), 0, 4096);
        r.offer(MpmcRing.ITEM, bytes("first"), 0, 5, 0, 0);
        r.offer(MpmcRing.ITEM, bytes("second"), 0, 6, 0, 0);
        // The dead consumer had locked the read side and copied "first" out, but not moved head.
        holdAsDeadProcess(f.memory(), MpmcRing.READ_LOCK);
        long t0 = System.nanoTime();
        assertThat(new String(r.poll(5_000_000_000L).payload(), StandardCharsets.UTF_8)).isEqualTo("first");
        assertThat(System.nanoTime() - t0).as("taken over within a second").isLessThan(1_000_000_000L);
        assertThat(new String(r.poll(0).payload(), StandardCharsets.UTF_8)).isEqualTo("second");
        assertThat(r.poll(0)).isNull();
        assertThat(r.size()).isZero();
    }

    @Test
    void aConsumerThatDiedBetweenItsHeadAndCountStoresLeavesTheSizeRightAfterTheTakeover() throws Exception {
        SharedFile f = files.create("mpmc", MpmcRing.footprint(4096));
        MpmcRing r = new MpmcRing(f.memory(), 0, 4096);
        r.offer(MpmcRing.ITEM, bytes("first"), 0, 5, 0, 0);
        r.offer(MpmcRing.ITEM, bytes("second"), 0, 6, 0, 0);
        r.offer(MpmcRing.ITEM, bytes("third"), 0, 5, 0, 0);
        r.poll(0);
        // It moved head past "second" and died before storing getCount: the size reads one too many.
        JAVA_LONG.varHandle().setVolatile(f.memory(), MpmcRing.HEAD, 64L); // (the HEAD field, whatever its offset)
        holdAsDeadProcess(f.memory(), MpmcRing.READ_LOCK);
        assertThat(r.size()).isEqualTo(2);
        assertThat(new String(r.poll(5_000_000_000L).payload(), StandardCharsets.UTF_8)).isEqualTo("third");
        assertThat(r.size()).isZero();
    }

    @Test
    void aProducerThatDiedHoldingTheLockBeforeItsTailStorePutNothing() throws Exception {
        SharedFile f = files.create("mpmc", MpmcRing.footprint(4096));
        MpmcRing r = new MpmcRing(f.memory(), 0, 4096);
        r.offer(MpmcRing.ITEM, bytes("first"), 0, 5, 0, 0);
        // The dead producer had locked the write side and written half a record after "first".
        f.memory().set(JAVA_LONG, MpmcRing.HEADER + 32, 0x7777_7777_7777_7777L);
        holdAsDeadProcess(f.memory(), MpmcRing.WRITE_LOCK);
        assertThat(r.offer(MpmcRing.ITEM, bytes("second"), 0, 6, 0, 5_000_000_000L)).isTrue();
        assertThat(new String(r.poll(0).payload(), StandardCharsets.UTF_8)).isEqualTo("first");
        assertThat(new String(r.poll(0).payload(), StandardCharsets.UTF_8)).isEqualTo("second");
        assertThat(r.poll(0)).isNull();
    }
}
