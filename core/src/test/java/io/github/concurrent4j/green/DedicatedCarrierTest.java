package io.github.concurrent4j.green;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dedicated-carrier mode (java.lang opened to concurrent4j) runs in a child JVM, since the
 * test JVM itself runs in the default (shared scheduler) mode: hub, sockets, stall report,
 * asyncio, all on one carrier thread per loop.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DedicatedCarrierTest {

    @Test
    void everythingWorksOnADedicatedCarrier() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(java, "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-Dc4j.green.carrier=dedicated", "-cp", System.getProperty("java.class.path"),
                DedicatedCarrierCheck.class.getName()))
                .redirectErrorStream(true).start();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    p.getInputStream().transferTo(out);
                } catch (java.io.IOException ignored) {
                    // the process ended
                }
            });
            assertThat(p.waitFor(100, TimeUnit.SECONDS)).as("child finished").isTrue();
            reader.join(5000);
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(text).isZero();
            assertThat(text).contains("OK dedicated=true");
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
