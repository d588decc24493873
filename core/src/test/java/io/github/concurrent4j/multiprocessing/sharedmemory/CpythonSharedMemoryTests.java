package io.github.concurrent4j.multiprocessing.sharedmemory;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.synchronize.Event;

/**
 * Ported from CPython 3.13 {@code Lib/test/_test_multiprocessing.py}: {@code _TestSharedMemory}.
 * Python's {@code FileExistsError}/{@code FileNotFoundError} are {@link IllegalStateException}s,
 * {@code ValueError} an {@link IllegalArgumentException}; pickling is the library's transfer to
 * a child process. Not ported: the {@code SharedMemoryManager} tests (a manager, not this
 * package), {@code test_shared_memory_recreate} (mocks a private name generator),
 * {@code OptionalAttachSharedMemory} (subclasses a private flag); the {@code format} checks of
 * the {@code ShareableList} tests (Python's {@code struct} format string is an implementation
 * detail: ours is the layout drawn in {@link ShareableList}).
 */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CpythonSharedMemoryTests {

    static String _new_shm_name(String prefix) {
        return prefix + ProcessHandle.current().pid();
    }

    static void _attach_existing_shmem_then_write(SharedMemory local, byte[] data) {
        MemorySegment.copy(data, 0, local.buf(), JAVA_BYTE, 0, data.length);
        local.close();
    }

    static String bytes(SharedMemory shm, int n) {
        byte[] b = new byte[n];
        MemorySegment.copy(shm.buf(), JAVA_BYTE, 0, b, 0, n);
        return new String(b);
    }

    @Test
    void test_shared_memory_basics() {
        String name_tsmb = _new_shm_name("test01_tsmb");
        SharedMemory sms = new SharedMemory(name_tsmb, true, 512);
        assertThat(sms.name()).isEqualTo(name_tsmb);
        assertThat(sms.size()).isGreaterThanOrEqualTo(512);
        assertThat(sms.buf().byteSize()).isGreaterThanOrEqualTo(sms.size());
        assertThat(sms.toString()).contains(sms.name(), String.valueOf(sms.size()));
        sms.buf().set(JAVA_BYTE, 0, (byte) 42);
        assertThat(sms.buf().get(JAVA_BYTE, 0)).isEqualTo((byte) 42);
        SharedMemory also_sms = new SharedMemory(name_tsmb, false, 0);
        assertThat(also_sms.buf().get(JAVA_BYTE, 0)).isEqualTo((byte) 42);
        also_sms.close();
        SharedMemory same_sms = new SharedMemory(name_tsmb, false, 20 * sms.size());
        assertThat(same_sms.size()).isLessThan(20 * sms.size());
        same_sms.close();
        assertThatThrownBy(() -> new SharedMemory(null, true, -2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SharedMemory(null, false, 0)).isInstanceOf(IllegalArgumentException.class);

        String name_dblunlink = _new_shm_name("test01_dblunlink");
        SharedMemory sms_uno = new SharedMemory(name_dblunlink, true, 5000);
        assertThat(sms_uno.size()).isGreaterThanOrEqualTo(5000);
        SharedMemory sms_duo = new SharedMemory(name_dblunlink, false, 0);
        sms_duo.unlink();
        sms_duo.close();
        sms_uno.close();
        assertThatThrownBy(() -> new SharedMemory(name_dblunlink, false, 0)).isInstanceOf(IllegalStateException.class);

        assertThatThrownBy(() -> new SharedMemory(name_tsmb, true, 512)).isInstanceOf(IllegalStateException.class); // FileExistsError
        assertThatThrownBy(() -> new SharedMemory("test01_notthere", false, 0)).isInstanceOf(IllegalStateException.class);
        sms.close();
        sms.unlink();
    }

    @Test
    void test_invalid_shared_memory_cration() {
        assertThatThrownBy(() -> new SharedMemory(null, true, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SharedMemory(null, true, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void test_shared_memory_pickle_unpickle() {
        SharedMemory sms = SharedMemory.create(512);
        MemorySegment.copy("pickle".getBytes(), 0, sms.buf(), JAVA_BYTE, 0, 6);
        Event done = new Event();
        Process p = new Process(() -> { // the child's sms2 is the transferred object
            if (!bytes(sms, 6).equals("pickle")) throw new AssertionError(bytes(sms, 6));
            MemorySegment.copy("newval".getBytes(), 0, sms.buf(), JAVA_BYTE, 0, 6);
            done.set();
        });
        p.start();
        assertThat(done.await(Duration.ofSeconds(60))).isTrue();
        p.join();
        assertThat(p.exitCode()).hasValue(0);
        assertThat(bytes(sms, 6)).isEqualTo("newval");
        sms.close();
        sms.unlink();
        done.close();
    }

    @Test
    void test_shared_memory_pickle_unpickle_dead_object() {
        SharedMemory sms = SharedMemory.create(512);
        String name = sms.name();
        sms.close();
        sms.unlink();
        assertThatThrownBy(() -> SharedMemory.open(name)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Process(() -> sms.buf()).start()).isInstanceOf(RuntimeException.class); // a closed block is not sent
    }

    @Test
    void test_shared_memory_across_processes() {
        SharedMemory sms = SharedMemory.create(512);
        String name = sms.name();
        Process p = new Process(() -> _attach_existing_shmem_then_write(SharedMemory.open(name), "howdy".getBytes()));
        p.setDaemon(true);
        p.start();
        p.join();
        assertThat(bytes(sms, 5)).isEqualTo("howdy");
        p = new Process(() -> _attach_existing_shmem_then_write(sms, "HELLO".getBytes()));
        p.setDaemon(true);
        p.start();
        p.join();
        assertThat(p.exitCode()).hasValue(0);
        assertThat(bytes(sms, 5)).isEqualTo("HELLO");
        sms.close();
        sms.unlink();
    }

    @Test
    void test_shared_memory_cleaned_after_process_termination() throws Exception {
        // CPython runs a separate interpreter that creates a block and is terminated; the block must be gone.
        Event made = new Event();
        String name = _new_shm_name("test_cleaned");
        Process p = new Process(() -> {
            SharedMemory.create(10); // an anonymous one too
            new SharedMemory(name, true, 10);
            made.set();
            Thread.sleep(100_000);
        });
        p.start();
        assertThat(made.await(Duration.ofSeconds(60))).isTrue();
        SharedMemory.open(name).close(); // starts this process's reaper, as any use does
        p.terminate();
        p.join();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (Files.exists(SharedMemory.pathOf(name)) && System.nanoTime() < deadline) Thread.sleep(50);
        assertThatThrownBy(() -> SharedMemory.open(name)).isInstanceOf(IllegalStateException.class);
        try (var files = Files.list(SharedMemory.pathOf(name).getParent())) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("shm-psm_"))).isEmpty();
        }
        made.close();
    }

    @Test
    void test_shared_memory_ShareableList_basics() {
        ShareableList sl = ShareableList.of(java.util.Arrays.asList("howdy", "HoWdY".getBytes(), -273.154, 100, null, true, 42));
        assertThat(sl.toString()).contains(sl.shm().name());
        assertThatThrownBy(() -> sl.get(7)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> sl.set(7, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        sl.set(0, "howdy");
        assertThat(sl.size()).isEqualTo(7);
        assertThatThrownBy(() -> sl.index("100")).isInstanceOf(IllegalArgumentException.class);
        assertThat(sl.index(100)).isEqualTo(3);
        assertThat(sl.get(0)).isEqualTo("howdy");
        assertThat(sl.get(sl.size() - 2)).isEqualTo(true);
        sl.set(3, 42);
        assertThat(sl.get(3)).isEqualTo(42L);
        sl.set(4, "some");
        assertThat(sl.get(4)).isEqualTo("some");
        assertThatThrownBy(() -> sl.set(4, "far too many")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds available storage");
        assertThat(sl.get(4)).isEqualTo("some");
        sl.set(0, "encodés");
        assertThat(sl.get(0)).isEqualTo("encodés");
        assertThat((byte[]) sl.get(1)).isEqualTo("HoWdY".getBytes());
        assertThatThrownBy(() -> sl.set(0, "encodées")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds available storage");
        assertThat((byte[]) sl.get(1)).isEqualTo("HoWdY".getBytes());
        assertThatThrownBy(() -> sl.set(1, "123456789".getBytes())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds available storage");
        assertThat((byte[]) sl.get(1)).isEqualTo("HoWdY".getBytes());
        assertThat(sl.count(42)).isEqualTo(2);
        assertThat(sl.count("HoWdY".getBytes())).isEqualTo(1);
        assertThat(sl.count("adios".getBytes())).isZero();

        String name_duplicate = _new_shm_name("test03_duplicate");
        ShareableList sl_copy = ShareableList.create(sl, name_duplicate);
        assertThat(sl_copy.shm().name()).isNotEqualTo(sl.shm().name()).isEqualTo(name_duplicate);
        assertThat(sl_copy.toString().replace(name_duplicate, "")).isEqualTo(sl.toString().replace(sl.shm().name(), ""));
        sl_copy.set(sl_copy.size() - 1, 77);
        assertThat(sl_copy.get(6)).isEqualTo(77L);
        assertThat(sl.get(6)).isNotEqualTo(77L);
        sl_copy.shm().close();
        sl_copy.shm().unlink();

        ShareableList sl_tethered = ShareableList.open(sl.shm().name());
        assertThat(sl_tethered.shm().name()).isEqualTo(sl.shm().name());
        sl_tethered.set(6, 880);
        assertThat(sl.get(6)).isEqualTo(880L);
        sl_tethered.shm().close();
        sl.shm().close();
        sl.shm().unlink();

        ShareableList empty_sl = ShareableList.of(java.util.List.of());
        assertThat(empty_sl.size()).isZero();
        assertThat(empty_sl.count("any")).isZero();
        assertThatThrownBy(() -> empty_sl.index(null)).isInstanceOf(IllegalArgumentException.class);
        empty_sl.shm().close();
        empty_sl.shm().unlink();
    }

    @Test
    void test_shared_memory_ShareableList_pickling() {
        ShareableList sl = ShareableList.of(java.util.List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        Process p = new Process(() -> { // the child's list is the transferred one (Python: pickle.loads(pickle.dumps(sl)))
            if (!Long.valueOf(9).equals(sl.get(9))) throw new AssertionError(sl.get(9));
            sl.set(4, 123456L);
        });
        p.start();
        p.join();
        assertThat(p.exitCode()).hasValue(0);
        assertThat(sl.get(4)).isEqualTo(123456L);
        sl.shm().close();
        sl.shm().unlink();
    }

    @Test
    void test_shared_memory_ShareableList_pickling_dead_object() {
        ShareableList sl = ShareableList.of(java.util.List.of(0, 1, 2));
        String name = sl.shm().name();
        sl.shm().close();
        sl.shm().unlink();
        assertThatThrownBy(() -> ShareableList.open(name)).isInstanceOf(IllegalStateException.class);
    }
}
