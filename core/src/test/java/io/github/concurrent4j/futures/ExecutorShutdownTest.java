package io.github.concurrent4j.futures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;


/**
 * {@code ExecutorShutdownTest} of CPython 3.13's
 * {@code Lib/test/test_concurrent_futures/test_shutdown.py}, ported with its names, for every
 * kind of executor; the child programs CPython runs with {@code assert_python_ok} are
 * {@link #exitProgram()}'s modes, run in a real child JVM. Issue 11's acceptance 7 (thread
 * parts) is {@link #test_cancel_futures()} and {@link #test_hang_gh83386()}.
 */
public abstract class ExecutorShutdownTest extends ExecutorMixin {

    /** The program whose modes are those of {@link ExecutorExitMain}, for this kind of executor. */
    protected abstract Class<?> exitProgram();

    /** Runs {@code mode} of {@link #exitProgram()} in a child JVM to its end; returns [stdout, stderr]. */
    protected String[] runChild(String mode) throws Exception {
        Path out = Files.createTempFile("c4j-exit-", ".out");
        Path err = Files.createTempFile("c4j-exit-", ".err");
        try {
            java.lang.Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    exitProgram().getName(), mode)
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            p.getOutputStream().close();
            boolean ended = p.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(mode + ": the JVM did not exit within 60 s (a hang at exit); stderr:\n"
                        + Files.readString(err));
            }
            assertThat(p.exitValue()).as("exit code; stderr:\n" + Files.readString(err)).isZero();
            return new String[] {Files.readString(out).strip(), Files.readString(err).strip()};
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    public void test_run_after_shutdown() {
        executor.shutdown();
        assertThatThrownBy(() -> executor.submit(ExecutorMixin::pow, 2L, 5L)).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    public void test_interpreter_shutdown() throws Exception {
        // Test the exit hook for shutdown of worker threads and processes
        String[] r = runChild("interpreter_shutdown");
        assertThat(r[1]).isEmpty();
        assertThat(r[0]).isEqualTo("apple");
    }

    @Test
    public void test_submit_after_interpreter_shutdown() throws Exception {
        // CPython's atexit hooks run after the executors' exit hook, so a submit there is always
        // refused. The JVM runs shutdown hooks in no order: a submit from another hook is either
        // refused (naming the JVM's shutdown) or runs before the JVM ends. Either way: no hang.
        String[] r = runChild("submit_after_exit");
        if (r[0].equals("runtime-error")) {
            assertThat(r[1]).contains("cannot schedule new futures after JVM shutdown");
        } else {
            assertThat(r[0]).isEqualTo("ran");
        }
    }

    @Test
    public void test_hang_issue12364() {
        List<Future<Object>> fs = new ArrayList<>();
        for (int i = 0; i < 50; i++) fs.add(executor.submit(() -> sleep(Duration.ofMillis(100))));
        executor.shutdown();
        for (Future<Object> f : fs) f.result();
    }

    @Test
    public void test_cancel_futures() {
        assertThat(workerCount()).as("test needs few workers").isLessThanOrEqualTo(5);
        List<Future<Object>> fs = new ArrayList<>();
        for (int i = 0; i < 50; i++) fs.add(executor.submit(() -> sleep(Duration.ofMillis(100))));
        executor.shutdown(true, true);
        // We can't guarantee the exact number of cancellations, but we can guarantee that
        // *some* were cancelled. With few workers, many of the submitted futures should have
        // been cancelled.
        List<Future<Object>> cancelled = fs.stream().filter(Future::cancelled).toList();
        assertThat(cancelled.size()).isGreaterThan(20);
        // Ensure the other futures were able to finish.
        List<Future<Object>> others = fs.stream().filter(f -> !f.cancelled()).toList();
        for (Future<Object> fut : others) {
            assertThat(fut.done()).as(fut.toString()).isTrue();
            assertThat(fut.exception()).isEmpty();
        }
        // Similar to the number of cancelled futures, we can't guarantee the exact number that
        // completed. But, we can guarantee that at least one finished.
        assertThat(others).isNotEmpty();
    }

    @Test
    public void test_hang_gh83386() throws Exception {
        // shutdown(wait=False) doesn't hang at exit with running futures.
        String[] r = runChild("gh83386");
        assertThat(r[1]).isEmpty();
        assertThat(r[0]).isEqualTo("apple");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS) // CPython's signal.alarm(5)
    public void test_hang_gh94440() {
        // shutdown(wait=True) doesn't hang when a future was submitted and quickly canceled
        // right before shutdown.
        Executor e = newExecutor(1);
        e.submit(() -> 0).result();
        e.submit(() -> 0).cancel();
        e.shutdown(true);
    }
}
