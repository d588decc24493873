package io.github.concurrent4j.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.concurrent4j.function.SerializableFunction;
import io.github.concurrent4j.transport.AllowList;
import io.github.concurrent4j.transport.ClassNotAllowedException;
import io.github.concurrent4j.transport.Codec;
import io.github.concurrent4j.transport.SerializationException;

/**
 * Lambdas that capture nothing are described once per class when sent and made once per
 * description when received (a manager's {@code merge(key, 1, Integer::sum)} sends one with
 * every call); lambdas with captured values are made afresh; the allow-list still decides.
 */
@Tag("unit")
class LambdaSerializerTest {
    private static final AllowList THIS_CLASS = AllowList.of(List.of(AllowList.LAMBDA_PREFIX + LambdaSerializerTest.class.getName()));

    static SerializableFunction<Integer, Integer> plusOne() {
        return x -> x + 1;
    }

    static SerializableFunction<Integer, Integer> plus(int n) {
        return x -> x + n;
    }

    @SuppressWarnings("unchecked")
    static SerializableFunction<Integer, Integer> fn(Object decoded) {
        return (SerializableFunction<Integer, Integer>) decoded;
    }

    @Test
    void aLambdaThatCapturesNothingIsReceivedAsOneObject() {
        Codec codec = new KryoCodec(() -> THIS_CLASS);
        SerializableFunction<Integer, Integer> a = fn(codec.decode(codec.encode(plusOne())));
        SerializableFunction<Integer, Integer> b = fn(codec.decode(codec.encode(plusOne())));
        SerializableFunction<Integer, Integer> sum = fn(codec.decode(codec.encode((SerializableFunction<Integer, Integer>) Math::abs)));
        assertThat(a).isSameAs(b);
        assertThat(a.apply(41)).isEqualTo(42);
        assertThat(sum.apply(-3)).isEqualTo(3);
        assertThat(sum).isNotSameAs(a);
    }

    @Test
    void aLambdaThatCapturesNothingIsDescribedAndMadeOnce() {
        Codec codec = new KryoCodec(() -> THIS_CLASS);
        SerializableFunction<Integer, Integer> f = x -> x * 3;
        long[] slow = LambdaSerializer.SLOW_PATHS.get();
        long described = slow[0], recreated = slow[1];
        for (int i = 0; i < 5; i++) assertThat(fn(codec.decode(codec.encode(f))).apply(i)).isEqualTo(3 * i);
        assertThat(slow[0] - described).isEqualTo(1);
        assertThat(slow[1] - recreated).isEqualTo(1);
        long again = slow[1];
        for (int i = 0; i < 5; i++) fn(codec.decode(codec.encode(plus(i)))); // captured values: made every time
        assertThat(slow[1] - again).isEqualTo(5);
    }

    @Test
    void aLambdaWithCapturedValuesIsMadeAfreshWithThem() {
        Codec codec = new KryoCodec(() -> THIS_CLASS);
        SerializableFunction<Integer, Integer> two = fn(codec.decode(codec.encode(plus(2))));
        SerializableFunction<Integer, Integer> five = fn(codec.decode(codec.encode(plus(5))));
        assertThat(two).isNotSameAs(five);
        assertThat(two.apply(1)).isEqualTo(3);
        assertThat(five.apply(1)).isEqualTo(6);
    }

    @Test
    void aLambdaReceivedBeforeIsRefusedOnceTheAllowListNoLongerAllowsIt() {
        AtomicReference<AllowList> allow = new AtomicReference<>(THIS_CLASS);
        Codec codec = new KryoCodec(allow::get);
        byte[] message = codec.encode(plusOne());
        assertThat(fn(codec.decode(message)).apply(1)).isEqualTo(2);
        allow.set(AllowList.of(List.of()));
        assertThatThrownBy(() -> codec.decode(message))
                .isInstanceOfAny(ClassNotAllowedException.class, SerializationException.class)
                .hasMessageContaining(LambdaSerializerTest.class.getName());
    }
}
