package io.github.concurrent4j.multiprocessing.sharedmemory;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.synchronize.Event;

/** Issue 10, acceptance 12: a block written by one process is read by another; its creator SIGKILLed, it is removed within 2 s. */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SharedMemoryKillTest {

    @Test
    void aBlockOfAKilledCreatorIsUnlinkedWithinTwoSeconds() throws Exception {
        String name = "c4jtest_" + ProcessHandle.current().pid();
        Event written = new Event();
        Process p = new Process(() -> {
            SharedMemory shm = new SharedMemory(name, true, 4096);
            byte[] msg = "hello from the child".getBytes();
            for (int i = 0; i < msg.length; i++) shm.buf().set(JAVA_BYTE, i, msg[i]);
            written.set();
            Thread.sleep(60_000);
        });
        p.start();
        assertThat(written.await(Duration.ofSeconds(30))).isTrue();
        SharedMemory seen = SharedMemory.open(name);
        byte[] got = new byte[20];
        for (int i = 0; i < got.length; i++) got[i] = seen.buf().get(JAVA_BYTE, i);
        assertThat(new String(got)).isEqualTo("hello from the child");
        assertThat(seen.size()).isEqualTo(4096);
        seen.close();
        assertThatThrownBy(seen::buf).isInstanceOf(IllegalStateException.class);
        assertThat(Files.exists(SharedMemory.pathOf(name))).isTrue(); // the creator lives
        p.kill();
        p.join();
        long t0 = System.nanoTime();
        while (Files.exists(SharedMemory.pathOf(name)) && System.nanoTime() - t0 < 2_000_000_000L) Thread.sleep(20);
        assertThat(Files.exists(SharedMemory.pathOf(name))).as("removed within 2 s of the kill").isFalse();
        assertThatThrownBy(() -> SharedMemory.open(name)).isInstanceOf(IllegalStateException.class).hasMessageContaining("no shared memory");
        written.close();
    }

    @Test
    void aBlockPassedToAChildIsWrittenThereAndUnlinkedHere() {
        SharedMemory shm = SharedMemory.create(100);
        Process p = new Process(() -> {
            shm.byteBuffer().putInt(0, 1234);
            shm.close();
        });
        p.start();
        p.join();
        assertThat(p.exitCode()).hasValue(0);
        assertThat(shm.byteBuffer().getInt(0)).isEqualTo(1234);
        assertThatThrownBy(() -> new SharedMemory(shm.name(), true, 10)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SharedMemory("../etc", true, 10)).isInstanceOf(IllegalArgumentException.class);
        shm.close();
        shm.unlink();
        assertThat(Files.exists(SharedMemory.pathOf(shm.name()))).isFalse();
    }
}
