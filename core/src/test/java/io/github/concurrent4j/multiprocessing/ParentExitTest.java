package io.github.concurrent4j.multiprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.testing.JavaProgram;

/** What happens to children when their parent's main returns, or when the parent is SIGKILLed. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ParentExitTest {
    private static final Duration BOOT = Duration.ofSeconds(60);

    /**
     * Whether the process has exited. An orphan that has exited stays a zombie until the
     * machine's init reaps it, which is init's business (on these machines it takes a second
     * or two), so a zombie counts as gone.
     */
    static boolean gone(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String s = Files.readString(stat);
            return s.charAt(s.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException e) {
            return true; // no such process
        }
    }

    @Test
    void daemonsAreTerminatedAndOthersJoinedWhenMainReturns() throws Exception {
        try (JavaProgram parent = JavaProgram.start(ParentPrograms.ExitingParent.class)) {
            long daemon = Long.parseLong(parent.awaitLine("DAEMON ", BOOT).split(" ")[1]);
            long worker = Long.parseLong(parent.awaitLine("WORKER ", BOOT).split(" ")[1]);
            assertThat(parent.awaitLine("DAEMON-START", BOOT))
                    .isEqualTo("DAEMON-START REFUSED: daemonic processes are not allowed to have children");
            parent.awaitLine("MAIN RETURNS", BOOT);
            // The non-daemon child is joined before the parent exits: its output comes first.
            parent.awaitLine("WORKER DONE", BOOT);
            assertThat(parent.awaitExit(BOOT)).isZero();
            await().atMost(Duration.ofSeconds(2)).until(() -> gone(daemon) && gone(worker));
            assertThat(familyDirs(parent.process().pid())).as("sockets and shared memory of the exited family").isEmpty();
        }
    }

    /** The private directories ({@code <tmp>/c4j-<pid>-*}, {@code /dev/shm/c4j-<pid>-*}) of the family rooted at {@code pid}. */
    static List<Path> familyDirs(long pid) throws IOException {
        List<Path> found = new java.util.ArrayList<>();
        for (Path root : List.of(Path.of("/tmp"), Path.of(System.getProperty("java.io.tmpdir")), Path.of("/dev/shm"))) {
            if (!Files.isDirectory(root)) continue;
            try (var s = Files.list(root)) {
                s.filter(d -> d.getFileName().toString().startsWith("c4j-" + pid + "-")).forEach(found::add);
            }
        }
        return found;
    }

    @Test
    void childrenExitWithinOneSecondOfTheirParentsSigkill() throws Exception {
        try (JavaProgram parent = JavaProgram.start(ParentPrograms.SleepingParent.class)) {
            List<Long> pids = Arrays.stream(parent.awaitLine("CHILDREN ", BOOT).split(" ")).skip(1).map(Long::parseLong).toList();
            assertThat(pids).hasSize(3).allMatch(p -> !gone(p));
            long t0 = System.nanoTime();
            parent.process().destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent
            parent.awaitExit(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                    .until(() -> pids.stream().allMatch(ParentExitTest::gone));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("children gone " + ms + " ms after the parent's SIGKILL");
            long deadPid = parent.process().pid();
            assertThat(familyDirs(deadPid)).as("a killed family cannot clean up after itself").isNotEmpty();
            // The next family to start on this machine removes what the killed one left.
            try (JavaProgram next = JavaProgram.start(ParentPrograms.ExitingParent.class)) {
                next.awaitExit(BOOT);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> familyDirs(deadPid).isEmpty());
        }
    }
}
