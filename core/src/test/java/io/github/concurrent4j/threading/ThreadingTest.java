package io.github.concurrent4j.threading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Acceptance 8: enumerate() lists the main thread and live started threads, not finished
 * ones; a daemon thread does not keep the JVM alive. Plus the other module functions.
 */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreadingTest {

    @Test
    void enumerateListsTheMainThreadAndLiveStartedThreadsButNotFinishedOnes() {
        CountDownLatch release = new CountDownLatch(1);
        Thread running = Threading.start("running", () -> awaitQuietly(release));
        Thread finished = Threading.start("finished", () -> {});
        Threading.join(finished);
        Thread virtual = Threading.thread().virtual().name("virtual").start(() -> awaitQuietly(release));

        List<Thread> listed = Threading.enumerate();
        assertThat(listed.getFirst()).isSameAs(Threading.mainThread());
        assertThat(Threading.mainThread().getName()).isEqualTo("main");
        assertThat(listed).contains(running, virtual).doesNotContain(finished);
        assertThat(listed.indexOf(running)).isLessThan(listed.indexOf(virtual)); // start order
        assertThat(Threading.activeCount()).isEqualTo(Threading.enumerate().size());

        release.countDown();
        Threading.join(running);
        Threading.join(virtual);
        assertThat(Threading.enumerate()).doesNotContain(running, virtual, finished);
    }

    @Test
    void aThreadSubclassStartedThroughThreadingIsListedWhileAlive() {
        CountDownLatch release = new CountDownLatch(1);
        class MyThread extends Thread {
            MyThread() {
                super("my-thread");
            }

            @Override
            public void run() {
                awaitQuietly(release);
            }
        }
        MyThread t = new MyThread();
        assertThat(Threading.start(t)).isSameAs(t);
        assertThat(Threading.enumerate()).contains(t);
        release.countDown();
        Threading.join(t);
        assertThat(Threading.enumerate()).doesNotContain(t);
    }

    @Test
    void aDaemonThreadDoesNotKeepTheJvmAliveButANonDaemonOneDoes() throws Exception {
        Process daemon = child("daemon");
        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).as("JVM with only a daemon thread left exits").isTrue();
        assertThat(daemon.exitValue()).isZero();
        assertThat(new String(daemon.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("main done");

        Process nonDaemon = child("non-daemon");
        try {
            assertThat(new String(nonDaemon.getInputStream().readNBytes("main done".length()), StandardCharsets.UTF_8))
                    .isEqualTo("main done");
            // main has returned; the non-daemon thread keeps the JVM alive until its input ends
            assertThat(nonDaemon.waitFor(300, TimeUnit.MILLISECONDS)).isFalse();
            nonDaemon.getOutputStream().close();
            assertThat(nonDaemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(nonDaemon.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("son done");
        } finally {
            nonDaemon.destroyForcibly().waitFor();
        }
    }

    private static Process child(String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), DaemonMain.class.getName(), mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    @Test
    void builderNamesDaemonFlagAndVirtualThreads() {
        Thread named = Threading.start("child thread", () -> {});
        assertThat(named.getName()).isEqualTo("child thread");
        assertThat(Threading.start(() -> {}).getName()).matches("Thread-\\d+");
        assertThat(Threading.start("d", true, () -> {}).isDaemon()).isTrue();
        assertThat(Threading.thread().unstarted(() -> {}).isDaemon()).isEqualTo(Thread.currentThread().isDaemon());
        Thread v = Threading.thread().virtual().unstarted(() -> {});
        assertThat(v.isVirtual()).isTrue();
        assertThat(v.isDaemon()).isTrue();
        assertThatThrownBy(() -> Threading.thread().virtual().daemon(false).unstarted(() -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("always a daemon");
        assertThatThrownBy(() -> Threading.join(v)).isInstanceOf(IllegalStateException.class).hasMessageContaining("before it is started");
    }

    @Test
    void identsAndCurrentThread() {
        CompletableFuture<Long> ident = new CompletableFuture<>();
        CompletableFuture<Thread> current = new CompletableFuture<>();
        Thread t = Threading.start(() -> {
            ident.complete(Threading.getIdent());
            current.complete(Threading.currentThread());
        });
        Threading.join(t);
        assertThat(ident.join()).isEqualTo(t.threadId());
        assertThat(current.join()).isSameAs(t);
        assertThat(Threading.join(t, Duration.ofMillis(10))).isTrue();
    }

    @Test
    void anUncaughtExceptionGoesToTheExcepthook() {
        Consumer<Threading.ExceptHookArgs> previous = Threading.excepthook();
        CompletableFuture<Threading.ExceptHookArgs> seen = new CompletableFuture<>();
        Threading.setExcepthook(seen::complete);
        try {
            Thread t = Threading.start("failing", () -> {
                throw new IllegalStateException("boom");
            });
            Threading.ExceptHookArgs args = seen.join();
            assertThat(args.thread()).isSameAs(t);
            assertThat(args.exception()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        } finally {
            Threading.setExcepthook(previous);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
