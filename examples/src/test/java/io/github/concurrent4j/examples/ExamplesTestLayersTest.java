package io.github.concurrent4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.concurrent4j.testing.TestLayers;

/** Every examples test class has a layer tag (README, "Test layers"). */
@Tag("unit")
class ExamplesTestLayersTest {
    @Test
    void everyTestClassHasALayerTag() throws Exception {
        assertThat(TestLayers.testClassCount(ExamplesTestLayersTest.class)).isGreaterThanOrEqualTo(3);
        assertThat(TestLayers.untagged(ExamplesTestLayersTest.class)).isEmpty();
    }
}
