package io.github.concurrent4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.concurrent4j.internal.Config.Setting;

@Tag("unit")
class ConfigTest {
    @AfterEach
    void clear() {
        System.clearProperty(Setting.STANDBYS_MAX.key());
        System.clearProperty(Setting.DEADLOCK_WATCHDOG.key());
    }

    @Test
    void readsValuesAndFallsBackWhenUnset() {
        assertThat(Config.intValue(Setting.STANDBYS_MAX, 8, 0)).isEqualTo(8);
        System.setProperty(Setting.STANDBYS_MAX.key(), " 12 ");
        assertThat(Config.intValue(Setting.STANDBYS_MAX, 8, 0)).isEqualTo(12);
        System.setProperty(Setting.DEADLOCK_WATCHDOG.key(), "1.5s");
        assertThat(Config.duration(Setting.DEADLOCK_WATCHDOG)).contains(Duration.ofMillis(1500));
    }

    @Test
    void aBadValueIsRefusedByName() {
        System.setProperty(Setting.STANDBYS_MAX.key(), "lots");
        assertThatThrownBy(() -> Config.intValue(Setting.STANDBYS_MAX, 8, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dc4j.standbys.max=lots").hasMessageContaining("an integer >= 0");
        System.setProperty(Setting.STANDBYS_MAX.key(), "-1");
        assertThatThrownBy(() -> Config.intValue(Setting.STANDBYS_MAX, 8, 0)).hasMessageContaining("-Dc4j.standbys.max=-1");
    }

    @Test
    void theReadmeListsEverySetting() throws Exception {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        for (Setting s : Setting.values()) {
            assertThat(text).as("README's configuration table lists " + s.key()).contains("`" + s.key() + "`");
        }
    }
}
