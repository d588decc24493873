package io.github.concurrent4j.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("unit")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SimpleQueueTest {

    @Test
    void putNeverBlocksAndGetFormsBehaveAsPythons() {
        SimpleQueue<String> q = new SimpleQueue<>();
        assertThat(q.empty()).isTrue();
        assertThatThrownBy(q::getNowait).isInstanceOf(EmptyException.class);
        assertThatThrownBy(() -> q.get(Duration.ofMillis(20))).isInstanceOf(EmptyException.class);
        for (int i = 0; i < 10_000; i++) {
            q.put("item " + i);
        }
        q.putNowait("last");
        assertThat(q.qsize()).isEqualTo(10_001);
        assertThat(q.get()).isEqualTo("item 0");
        assertThat(q.getNowait()).isEqualTo("item 1");
        assertThat(q.get(Duration.ofSeconds(1))).isEqualTo("item 2");
        assertThatThrownBy(() -> q.put(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aBlockedGetWakesOnPut() {
        SimpleQueue<Integer> q = new SimpleQueue<>();
        QueueContractTest.Call<Integer> getter = QueueContractTest.inThread(q::get).awaitBlocked();
        q.put(7);
        assertThat(getter.join()).isEqualTo(7);
    }
}
