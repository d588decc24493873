package io.github.concurrent4j.transport.shm;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.concurrent4j.InterruptedRuntimeException;
import io.github.concurrent4j.transport.BrokenPipeException;

/** Frames in a shared-memory ring: whole publication, bounded allocation, torn streams; holder tables. */
@Tag("unit")
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ByteRingTest {
    private static final VarHandle LONG = JAVA_LONG.varHandle();
    private static final int CAP = 4096;
    private static final ByteRing.Peer ALIVE = () -> false;
    @RegisterExtension
    static final ShmFiles files = new ShmFiles();

    private static ByteRing ring(String name) {
        return new ByteRing(file(name).memory(), 0, CAP);
    }

    private static SharedFile file(String name) {
        return files.create(name, ByteRing.footprint(CAP));
    }

    private static byte[] read(ByteRing r) {
        byte[][] box = new byte[1][];
        int n = r.readFrame(len -> box[0] = new byte[len], Integer.MAX_VALUE, ALIVE);
        return n < 0 ? null : box[0];
    }

    /** Issue 13 point 6: a writer waiting for room publishes nothing of its frame, so dying there tears nothing. */
    @Test
    void aWriterWaitingForRoomHasPublishedNothingOfItsFrame() throws Exception {
        ByteRing r = ring("whole");
        byte[] f = new byte[1000];
        for (int i = 0; i < 4; i++) r.writeFrame(f, 0, f.length, ALIVE); // 4 * 1004 bytes: 80 left
        long before = r.available();
        Thread w = Thread.ofPlatform().start(() -> r.writeFrame(f, 0, f.length, ALIVE));
        // Through its spins and into its sleep, the writer publishes nothing of the frame (not even its header).
        for (int i = 0; i < 20; i++) {
            Thread.sleep(10);
            assertThat(r.available()).isEqualTo(before);
            assertThat(w.isAlive()).isTrue();
        }
        assertThat(read(r)).hasSize(1000); // room now: the frame goes in whole
        w.join();
        assertThat(r.available()).isEqualTo(before);
        for (int i = 0; i < 4; i++) assertThat(read(r)).hasSize(1000);
    }

    /** Issue 13 point 3: a header announcing 200 MiB reserves nothing its bytes have not filled. */
    @Test
    void aHugeAnnouncedFrameAllocatesOnlyAsItsBytesArrive() throws Exception {
        SharedFile f = file("huge");
        ByteRing r = new ByteRing(f.memory(), 0, CAP);
        HostileWriter hostile = new HostileWriter(f.memory());
        hostile.header(200 << 20);
        hostile.bytes(1000);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        AtomicReference<Throwable> err = new AtomicReference<>();
        long[] allocated = new long[1];
        Thread reader = Thread.ofPlatform().start(() -> {
            long a0 = threads.getCurrentThreadAllocatedBytes();
            try {
                read(r);
            } catch (Throwable e) {
                err.set(e);
            }
            allocated[0] = threads.getCurrentThreadAllocatedBytes() - a0;
        });
        reader.join(10_000);
        // No writer holds the write lock: the frame will never be finished, which the reader says.
        assertThat(err.get()).isInstanceOf(BrokenPipeException.class).hasMessageContaining("209715200-byte message")
                .hasMessageContaining("larger than the pipe's 4096-byte ring");
        assertThat(allocated[0]).isLessThan(4L << 20);
        assertThat(r.isTorn()).isTrue();
    }

    @Test
    void aFrameLargerThanTheRingStreamsThroughWhole() throws Exception {
        ByteRing r = ring("large");
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
        Thread w = Thread.ofPlatform().start(() -> {
            r.writeFrame(big, 0, big.length, ALIVE);
            r.writeFrame(new byte[] {7}, 0, 1, ALIVE);
        });
        assertThat(read(r)).isEqualTo(big);
        assertThat(read(r)).containsExactly(7);
        w.join();
    }

    @Test
    void aWriterStoppedInsideAStreamedFrameTearsTheRingAndBothSidesAreTold() throws Exception {
        ByteRing r = ring("torn");
        byte[] big = new byte[100_000];
        AtomicReference<Throwable> err = new AtomicReference<>();
        Thread w = Thread.ofPlatform().start(() -> {
            try {
                r.writeFrame(big, 0, big.length, ALIVE);
            } catch (Throwable e) {
                err.set(e);
            }
        });
        while (r.available() < CAP) Thread.sleep(5); // the ring is full of the frame's first piece
        Thread.sleep(100); // the writer sleeps on the futex
        w.interrupt();
        w.join(5_000);
        assertThat(err.get()).isInstanceOf(InterruptedRuntimeException.class);
        assertThat(r.isTorn()).isTrue();
        assertThatThrownBy(() -> read(r)).isInstanceOf(BrokenPipeException.class).hasMessageContaining("larger than the pipe's 4096-byte ring");
        assertThatThrownBy(() -> r.writeFrame(new byte[1], 0, 1, ALIVE)).isInstanceOf(BrokenPipeException.class)
                .hasMessageContaining("open a new pipe");
    }

    @Test
    void endOfStreamAfterTheLastWholeFrame() {
        ByteRing r = ring("eof");
        r.writeFrame(new byte[] {1, 2}, 0, 2, ALIVE);
        ByteRing.Peer gone = () -> true;
        byte[][] box = new byte[1][];
        assertThat(r.readFrame(len -> box[0] = new byte[len], 100, gone)).isEqualTo(2);
        assertThat(r.readFrame(len -> box[0] = new byte[len], 100, gone)).isEqualTo(-1);
    }

    @Test
    void aHolderWhosePidWasReusedDoesNotHoldTheEnd() {
        SharedFile f = files.create("holders", Holders.SIZE);
        Holders h = new Holders(f.memory(), 0);
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        h.acquire(parent); // recorded with the parent's true start time
        assertThat(h.anyAlive()).isTrue();
        // The same pid with another start time is another process: the holder died and its pid was reused.
        f.memory().set(JAVA_LONG, Holders.SLOTS + 8, Pids.startTicks(parent) + 777);
        assertThat(h.anyAlive()).isFalse();
        assertThat(h.total()).isEqualTo(1); // still counted until the slot is reused
        h.acquire(ProcessHandle.current().pid());
        assertThat(h.anyAlive()).isTrue();
        assertThat(h.release(ProcessHandle.current().pid())).isEqualTo(0); // the dead holder's slot was reused
    }

    @Test
    void aHolderTableHoldsUpToItsCapacityReusesDeadHoldersSlotsAndSaysWhenFull() {
        int cap = 1024;
        SharedFile f = files.create("cap", Holders.footprint(cap));
        Holders h = new Holders(f.memory(), 0, cap);
        assertThat(h.capacity()).isEqualTo(cap);
        // Fill every slot with a holder: dead made-up pids first.
        fill(f, cap, 100_000, 0);
        assertThat(h.total()).isEqualTo(cap);
        assertThat(h.anyAlive()).isFalse();
        h.acquire(ProcessHandle.current().pid()); // takes a dead holder's slot
        assertThat(h.anyAlive()).isTrue();
        assertThat(h.release(ProcessHandle.current().pid())).isEqualTo(cap - 1);
        // Every slot held by a live process (our parent, as many times): no room for another.
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        fill(f, cap, parent, Pids.startTicks(parent));
        assertThatThrownBy(() -> h.acquire(ProcessHandle.current().pid())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("more than 1024 live processes hold this end");
    }

    private static void fill(SharedFile f, int slots, long pid, long start) {
        f.memory().set(JAVA_INT, Holders.USED, slots);
        for (int i = 0; i < slots; i++) {
            long s = Holders.SLOTS + Holders.SLOT * i;
            f.memory().set(JAVA_LONG, s + 8, start);
            f.memory().set(JAVA_INT, s, (int) (start == 0 ? pid + i : pid));
            f.memory().set(JAVA_INT, s + 4, 1);
        }
    }

    /** Writes into a ring's memory as a hostile (or broken) writer would, bypassing the writer's code. */
    private static final class HostileWriter {
        private static final java.lang.foreign.ValueLayout.OfInt LE = JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);
        private final java.lang.foreign.MemorySegment seg;

        HostileWriter(java.lang.foreign.MemorySegment seg) {
            this.seg = seg;
        }

        void header(int len) {
            long w = (long) LONG.getVolatile(seg, ByteRing.WRITE_POS);
            seg.set(LE, ByteRing.HEADER + (w & (CAP - 1)), len);
            LONG.setVolatile(seg, ByteRing.WRITE_POS, w + 4);
        }

        void bytes(int n) {
            long w = (long) LONG.getVolatile(seg, ByteRing.WRITE_POS);
            LONG.setVolatile(seg, ByteRing.WRITE_POS, w + n);
        }
    }
}
