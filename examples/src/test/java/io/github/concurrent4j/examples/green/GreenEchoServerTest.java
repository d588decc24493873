package io.github.concurrent4j.examples.green;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.testing.EchoLoad;

/** Acceptance 7 for the green echo server: many clients, many round trips, exact echoes. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Tag("integration")
class GreenEchoServerTest {

    @Test
    void manyConcurrentClientsGetExactEchoesAndASilentClientBlocksNobody() throws Exception {
        try (GreenEchoServer.Running server = GreenEchoServer.startInBackground();
             Socket silent = new Socket("127.0.0.1", server.port())) {
            EchoLoad.Result r = EchoLoad.run(server.port(), 200, 100, 7, Duration.ofSeconds(90));
            assertThat(r.roundTrips()).isEqualTo(200 * 100);
            assertThat(silent.getInputStream().available()).isZero();
        }
    }
}
