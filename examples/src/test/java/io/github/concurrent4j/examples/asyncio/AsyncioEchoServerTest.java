package io.github.concurrent4j.examples.asyncio;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.concurrent4j.testing.EchoLoad;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Acceptance 7 for the asyncio echo server: many clients, many round trips, exact echoes. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Tag("integration")
class AsyncioEchoServerTest {

    @Test
    void manyConcurrentClientsGetExactEchoesAndASilentClientBlocksNobody() throws Exception {
        try (AsyncioEchoServer.Running server = AsyncioEchoServer.startInBackground();
             Socket silent = new Socket("127.0.0.1", server.port())) {
            EchoLoad.Result r = EchoLoad.run(server.port(), 200, 100, 11, Duration.ofSeconds(90));
            assertThat(r.roundTrips()).isEqualTo(200 * 100);
            assertThat(silent.getInputStream().available()).isZero();
        }
    }
}
