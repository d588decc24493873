package io.github.concurrent4j.multiprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.testing.JavaProgram;

/** What happens to children and files when their parent's main returns, or when the parent is SIGKILLed. */
@Tag("integration")
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
            // Issue 13, point 7: the family's resource tracker removes what the killed family left
            // (before it, the directories stayed until another family started on the machine).
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).until(() -> familyDirs(deadPid).isEmpty());
        }
    }

    /** The tracker process of the family rooted at {@code parent}, if it is running. */
    static Optional<ProcessHandle> tracker(ProcessHandle parent) {
        return parent.children().filter(h -> h.info().commandLine().orElse("").contains(" c4j-tracker ")).findFirst();
    }

    /**
     * Issue 13, point 7: a SIGKILLed top-level process with children, a grandchild, standbys, a
     * listener, pipes and a registered file outside its directories: within 2 s of its last
     * process dying, nothing of the family is left in /tmp or /dev/shm.
     */
    @Test
    void aKilledFamilyLeavesNothingWithinTwoSeconds() throws Exception {
        try (JavaProgram parent = JavaProgram.start(ParentPrograms.WholeFamily.class)) {
            List<Long> family = pids(parent.awaitLine("FAMILY ", BOOT));
            Path registered = Path.of(parent.awaitLine("REGISTERED ", BOOT).split(" ")[1]);
            assertThat(family).as("two children, a grandchild, standbys").hasSizeGreaterThanOrEqualTo(4);
            assertThat(familyDirs(parent.process().pid())).isNotEmpty();
            assertThat(registered).exists();
            parent.process().destroyForcibly();
            parent.awaitExit(Duration.ofSeconds(10));
            assertCleanedUp(parent.process().pid(), family, registered);
        }
    }

    /** As CPython restarts its resource tracker: a killed tracker is replaced, and the family is still cleaned up. */
    @Test
    void aKilledTrackerIsRestarted() throws Exception {
        try (JavaProgram parent = JavaProgram.start(ParentPrograms.WholeFamily.class)) {
            List<Long> family = pids(parent.awaitLine("FAMILY ", BOOT));
            long first = Long.parseLong(parent.awaitLine("TRACKER ", BOOT).split(" ")[1]);
            Path registered = Path.of(parent.awaitLine("REGISTERED ", BOOT).split(" ")[1]);
            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(5)).until(() -> tracker(parent.process().toHandle())
                    .map(h -> h.pid() != first).orElse(false));
            parent.process().destroyForcibly();
            parent.awaitExit(Duration.ofSeconds(10));
            assertCleanedUp(parent.process().pid(), family, registered);
        }
    }

    /** The second line of defence: a family killed together with its tracker is swept by the next family. */
    @Test
    void aFamilyKilledWithItsTrackerIsSweptByTheNextFamily() throws Exception {
        try (JavaProgram parent = JavaProgram.start(ParentPrograms.SleepingParent.class)) {
            List<Long> pids = pids(parent.awaitLine("CHILDREN ", BOOT));
            ProcessHandle tracker = tracker(parent.process().toHandle()).orElseThrow();
            signal("STOP", tracker.pid()); // stopped, it cannot see its parent die
            parent.process().destroyForcibly();
            parent.awaitExit(Duration.ofSeconds(10));
            tracker.destroyForcibly();
            await().atMost(Duration.ofSeconds(2)).until(() -> pids.stream().allMatch(ParentExitTest::gone) && gone(tracker.pid()));
            long deadPid = parent.process().pid();
            assertThat(familyDirs(deadPid)).as("nothing outlived the family to clean up").isNotEmpty();
            try (JavaProgram next = JavaProgram.start(ParentPrograms.ExitingParent.class)) {
                next.awaitExit(BOOT);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> familyDirs(deadPid).isEmpty());
        }
    }

    private static void assertCleanedUp(long deadPid, List<Long> family, Path registered) {
        long t0 = System.nanoTime();
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
                .until(() -> family.stream().allMatch(ParentExitTest::gone));
        long lastDied = System.nanoTime();
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
                .until(() -> familyDirs(deadPid).isEmpty() && !Files.exists(registered));
        System.out.printf("family gone %d ms after the kill, its files %d ms after that%n",
                (lastDied - t0) / 1_000_000, (System.nanoTime() - lastDied) / 1_000_000);
    }

    private static List<Long> pids(String line) {
        return Arrays.stream(line.split(" ")).skip(1).map(Long::parseLong).toList();
    }

    private static void signal(String name, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor()).isZero();
    }
}
