package io.github.concurrent4j.multiprocessing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.internal.Config;
import io.github.concurrent4j.multiprocessing.Process;
import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.multiprocessing.connection.Pipe;

/**
 * A child started from a standby sees its parent's {@code c4j.*} settings as they are at
 * {@code start()}, not as they were when the standby was launched: a manager client in a child
 * once used rings after its parent had turned them off, because its standby predated the change.
 */
@Tag("integration")
class ChildSettingsTest {
    private static final String PROBE = "c4j.test.settingsProbe";
    private static final String SETTING = Config.Setting.GREEN_STALL_MILLIS.key();

    @Test
    @Timeout(120)
    void a_child_from_a_standby_sees_the_settings_its_parent_has_at_start() {
        Standbys pool = Standbys.pool();
        System.setProperty(SETTING, "777");
        try {
            pool.drain();
            pool.awaitFilled(Duration.ofMinutes(1)); // these standbys are launched with SETTING=777 and no PROBE
            System.clearProperty(SETTING);
            System.setProperty(PROBE, "set after the standbys were launched");

            Pipe pipe = Pipe.open(false);
            Connection in = pipe.conn1(), out = pipe.conn2();
            String probe = PROBE, setting = SETTING;
            Process p = new Process(() -> out.send(Arrays.asList(System.getProperty(probe), System.getProperty(setting))));
            p.start();
            out.close();
            List<Object> seen = in.recv();
            p.join();
            in.close();
            assertThat(p.exitCode()).hasValue(0);
            assertThat(seen).containsExactly("set after the standbys were launched", null);
        } finally {
            System.clearProperty(SETTING);
            System.clearProperty(PROBE);
            pool.drain();
        }
    }
}
