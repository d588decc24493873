package io.github.concurrent4j.multiprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.multiprocessing.connection.EOFException;
import io.github.concurrent4j.multiprocessing.connection.Pipe;
import io.github.concurrent4j.testing.CapturedOutput;
import io.github.concurrent4j.testing.JavaProgram;

@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ProcessTest {
    static int counter;

    static void incrementAndPrint() {
        counter++;
        System.out.println("child counter=" + counter + " pid=" + ProcessHandle.current().pid());
    }

    @Test
    void aChildHasItsOwnStaticsAndItsOutputReachesTheParent() {
        counter = 0;
        try (CapturedOutput out = new CapturedOutput()) {
            Process p = new Process(ProcessTest::incrementAndPrint);
            p.start();
            p.join();
            assertThat(p.exitCode()).hasValue(0);
            assertThat(counter).isZero();
            assertThat(out.out()).contains("child counter=1 pid=" + p.pid());
        }
    }

    @Test
    void exitCodesFollowPython() {
        try (CapturedOutput out = new CapturedOutput()) {
            Process ok = new Process(() -> {});
            Process fails = new Process(() -> {
                throw new IllegalStateException("boom in child");
            });
            Process exits = new Process(() -> System.exit(8));
            for (Process p : List.of(ok, fails, exits)) p.start();
            for (Process p : List.of(ok, fails, exits)) p.join();
            assertThat(ok.exitCode()).hasValue(0);
            assertThat(fails.exitCode()).hasValue(1);
            assertThat(exits.exitCode()).hasValue(8);
            assertThat(out.err()).contains("Process " + fails.name() + ":")
                    .contains("java.lang.IllegalStateException: boom in child");
        }
    }

    @Test
    void terminateGivesMinus15AndKillMinus9() {
        Process t = new Process(() -> Thread.sleep(60_000));
        Process k = new Process(() -> Thread.sleep(60_000));
        t.start();
        k.start();
        assertThat(t.isAlive()).isTrue();
        assertThat(t.exitCode()).isEmpty();
        t.terminate();
        k.kill();
        t.join();
        k.join();
        assertThat(t.exitCode()).hasValue(-15);
        assertThat(k.exitCode()).hasValue(-9);
        assertThat(t.isAlive()).isFalse();
    }

    @Test
    void joinWithTimeoutReturnsOnTimeWhileTheChildLives() {
        Process p = new Process(() -> Thread.sleep(60_000));
        p.start();
        long t0 = System.nanoTime();
        boolean ended = p.join(Duration.ofMillis(300));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ended).isFalse();
        assertThat(ms).isBetween(290L, 3_000L);
        assertThat(p.isAlive()).isTrue();
        p.kill();
        p.join();
    }

    @Test
    void fiftyChildrenAreStartedJoinedAndReaped() throws Exception {
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            ps.add(new Process(() -> {
                if (n < 0) throw new AssertionError();
            }));
        }
        for (Process p : ps) p.start();
        for (Process p : ps) p.join();
        for (Process p : ps) assertThat(p.exitCode()).hasValue(0);
        assertThat(Multiprocessing.activeChildren()).isEmpty();
        for (Process p : ps) assertThat(isZombieOrAlive(p.pid())).as("pid %d", p.pid()).isFalse();
    }

    /** True if /proc shows the pid as a zombie (or any live process: a reused pid would also count). */
    static boolean isZombieOrAlive(long pid) throws Exception {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) return false;
        String s = Files.readString(stat);
        String state = s.substring(s.lastIndexOf(')') + 2, s.lastIndexOf(')') + 3);
        if (state.equals("Z")) return true;
        return ProcessHandle.of(pid).flatMap(h -> h.parent()).map(pp -> pp.pid() == ProcessHandle.current().pid()).orElse(false);
    }

    @Test
    void namesAndIdentityFollowPython() {
        Process a = new Process(() -> {});
        Process b = new Process(() -> {}, "worker");
        assertThat(a.name()).matches("Process-\\d+");
        assertThat(b.name()).isEqualTo("worker");
        assertThat(b.identity()[0]).isEqualTo(a.identity()[0] + 1);
        assertThat(Multiprocessing.currentProcess().name()).isEqualTo("MainProcess");
        assertThat(Multiprocessing.parentProcess()).isEmpty();
        assertThat(Multiprocessing.cpuCount()).isPositive();
    }

    @Test
    void misuseGetsClearErrors() {
        Process p = new Process(() -> Thread.sleep(60_000));
        assertThatThrownBy(p::join).isInstanceOf(IllegalStateException.class).hasMessageContaining("started");
        assertThatThrownBy(p::pid).isInstanceOf(IllegalStateException.class).hasMessageContaining("not been started");
        assertThatThrownBy(p::terminate).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> p.join(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        p.start();
        assertThatThrownBy(p::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> p.setDaemon(true)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(p::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("still running");
        p.kill();
        p.join();
        p.close();
        assertThatThrownBy(p::isAlive).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> new Process((io.github.concurrent4j.function.SerializableRunnable) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aTaskThatCannotBeSentFailsInTheParentWithTheReason() {
        Object notAllowed = new Thread();
        Process p = new Process(() -> System.out.println(notAllowed));
        assertThatThrownBy(p::start).isInstanceOf(ProcessException.class).hasMessageContaining("java.lang.Thread");
    }

    static final class Worker extends Process {
        final int n;

        Worker(int n) {
            this.n = n;
        }

        @Override
        public void run() {
            System.out.println("worker " + n + " named " + Multiprocessing.currentProcess().name()
                    + " parent " + Multiprocessing.parentProcess().map(ParentProcess::name).orElse("-"));
        }
    }

    @Test
    void aSubclassOverridingRunIsSentWithItsFields() {
        try (CapturedOutput out = new CapturedOutput()) {
            Worker w = new Worker(7);
            w.start();
            w.join();
            assertThat(w.exitCode()).hasValue(0);
            await().atMost(Duration.ofSeconds(5)).until(() -> out.out().contains("worker 7 named " + w.name() + " parent MainProcess"));
        }
    }

    @Test
    void aChildReadsEndOfFileOnStdinAndItsOutputSurvivesACrash() {
        try (CapturedOutput out = new CapturedOutput()) {
            Process reader = new Process(() -> System.out.println("stdin read " + System.in.read()));
            Process crasher = new Process(() -> {
                System.out.println("last words");
                Runtime.getRuntime().halt(3);
            });
            reader.start();
            crasher.start();
            reader.join();
            crasher.join();
            assertThat(out.out()).contains("stdin read -1").contains("last words");
            assertThat(crasher.exitCode()).hasValue(3);
        }
    }

    static void use(Connection w, Object o) {
        w.send(o);
    }

    /** Issue 13, point 5: a start that fails while encoding its task takes back the pipe end it lent. */
    @Test
    void aFailedStartTakesBackThePipeEndItLent() {
        Pipe pipe = Pipe.open(false);
        Connection r = pipe.conn1(), w = pipe.conn2();
        Object notAllowed = new Thread();
        Process p = new Process(() -> use(w, notAllowed)); // w is encoded (lent) before the refusal
        assertThatThrownBy(p::start).isInstanceOf(ProcessException.class).hasMessageContaining("java.lang.Thread");
        w.close();
        assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThatThrownBy(r::recv).isInstanceOf(EOFException.class));
        r.close();
    }

    /**
     * Issue 13, point 5: a pipe end is lent under the receiving child's pid, so a child killed
     * before it takes the end (or after) does not hold the end open.
     */
    @Test
    void aChildKilledBeforeTakingItsPipeEndDoesNotHoldItOpen() {
        for (StartMethod m : StartMethod.values()) {
            Pipe pipe = Pipe.open(false);
            Connection r = pipe.conn1(), w = pipe.conn2();
            Process p = new Process(() -> {
                w.send("hello");
                Thread.sleep(60_000);
            });
            p.setStartMethod(m);
            p.start();
            p.kill(); // most likely before the child has decoded its task
            p.join();
            w.close();
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                while (true) {
                    try {
                        assertThat((String) r.recv()).isEqualTo("hello");
                    } catch (EOFException expected) {
                        break;
                    }
                }
            });
            r.close();
        }
    }

    /** Issue 13, point 9: after close(), pid() and sentinel() throw too, as every method does in Python (ValueError). */
    @Test
    void aClosedProcessRefusesEveryMethodThatConcernsTheOsProcess() {
        Process p = new Process(() -> {}, "closing");
        p.start();
        p.join();
        p.close();
        List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> calls = List.of(p::pid, p::sentinel, p::exitCode,
                p::isAlive, p::join, () -> p.join(Duration.ZERO), p::terminate, p::kill, p::start);
        for (var call : calls) {
            assertThatThrownBy(call).isInstanceOf(IllegalStateException.class).hasMessageContaining("closing is closed");
        }
        assertThat(p.name()).isEqualTo("closing");
        assertThat(p.isDaemon()).isFalse();
        assertThat(p.authkey()).isNotEmpty();
        assertThat(p.toString()).contains("closed");
        p.close(); // again: nothing happens
    }

    /** Issue 13, point 10: a negative timeout follows the one rule ({@code Timeouts}) everywhere. */
    @Test
    void negativeTimeoutsAreRefusedByTheOneRule() {
        Duration negative = Duration.ofSeconds(-1);
        Process p = new Process(() -> {});
        for (var call : List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
                () -> p.join(negative),
                () -> Multiprocessing.prestart(negative),
                () -> Multiprocessing.prestart(1, negative),
                () -> new ParentProcess("parent", ProcessHandle.current().pid()).join(negative))) {
            assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        }
    }

    /** Issue 13, point 10: a child JVM that cannot start is a public ProcessException, with no internal type in its causes. */
    @Test
    void startFailuresAreOnlyPublicExceptions() throws Exception {
        try (JavaProgram program = JavaProgram.start(ParentPrograms.BrokenChildOptions.class)) {
            for (String what : List.of("SPAWN", "WARM", "PRESTART")) {
                String chain = program.awaitLine(what + " ", Duration.ofSeconds(90));
                assertThat(chain).startsWith(what + " " + ProcessException.class.getName()).doesNotContain(".internal.");
                assertThat(program.awaitLine(what + " MESSAGE", Duration.ofSeconds(10))).contains("exited with code");
            }
            assertThat(program.awaitExit(Duration.ofSeconds(60))).isZero();
        }
    }
}
