package io.github.concurrent4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every core test class has a layer tag (README, "Test layers"): a new untagged one fails here. */
@Tag("unit")
class TestLayersTest {
    @Test
    void everyTestClassHasALayerTag() throws Exception {
        assertThat(TestLayers.testClassCount(TestLayersTest.class)).as("test classes found").isGreaterThan(50);
        assertThat(TestLayers.untagged(TestLayersTest.class))
                .as("test classes without @Tag(\"unit\"), @Tag(\"integration\"), @Tag(\"stress\") or @Tag(\"fuzz\")")
                .isEmpty();
    }

    @Test
    void tagsAreInheritedAsJUnitInheritsThem() {
        assertThat(TestLayers.layers(TestLayersTest.class)).containsExactly("unit");
        assertThat(TestLayers.layers(Untagged.class)).isEmpty();
        assertThat(TestLayers.layers(Inheriting.class)).containsExactly("unit");
    }

    static class Untagged {}

    static class Inheriting extends TestLayersTest {}
}
