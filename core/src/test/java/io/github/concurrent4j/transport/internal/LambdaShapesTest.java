package io.github.concurrent4j.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.concurrent4j.function.SerializableRunnable;

@Tag("unit")
class LambdaShapesTest {
    static final AtomicInteger RAN = new AtomicInteger();

    private final String field = "instance";

    @Test
    void aShapeCarriesNoCapturedValueAndPrimingRunsNothing() throws Exception {
        int n = 7;
        List<String> resource = List.of("must not travel");
        SerializableRunnable task = () -> RAN.addAndGet(n + resource.size() + field.length());
        List<Object> shape = LambdaShapes.shapeOf(task).orElseThrow();
        assertThat(shape.toString()).doesNotContain("must not travel");
        assertThat(shape.get(9)).isEqualTo(3); // this, n, resource
        int before = RAN.get();
        LambdaShapes.prime(shape, getClass().getClassLoader());
        assertThat(RAN.get()).isEqualTo(before);
        assertThat(LambdaShapes.key(shape)).contains("lambda$");
    }

    @Test
    void notALambdaHasNoShape() {
        assertThat(LambdaShapes.shapeOf("text")).isEmpty();
        assertThat(LambdaShapes.shapeOf(null)).isEmpty();
        Runnable plain = () -> {};
        assertThat(LambdaShapes.shapeOf(plain)).isEmpty();
    }
}
