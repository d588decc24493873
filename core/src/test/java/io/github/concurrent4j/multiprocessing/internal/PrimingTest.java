package io.github.concurrent4j.multiprocessing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.concurrent4j.transport.Serialization;

/** The parent's side of priming: what standbys are sent, and that a stand-in is sent once. */
@Tag("unit")
class PrimingTest {

    @Test
    void aSampleIsRememberedOnceAndSentToEveryNewStandby() {
        Priming p = new Priming();
        byte[] sample = Serialization.codec().encode(List.of("stand-in"));
        byte[] frame = p.rememberSample("sample", sample);
        assertThat(frame).isNotNull();
        assertThat(Control.type(frame)).isEqualTo(Control.PRIME);
        assertThat(p.rememberSample("sample", sample)).as("the same stand-in again").isNull();
        assertThat(p.all()).containsExactly(frame);
    }

    @Test
    void aStandbyDecodesASampleAndAGarbledOneWithoutFailing() {
        Priming p = new Priming();
        byte[] frame = p.rememberSample("sample", Serialization.codec().encode(List.of(1, 2, 3)));
        assertThatCode(() -> Priming.prime(frame)).doesNotThrowAnyException();
        byte[] garbled = p.rememberSample("garbled", new byte[] {1, 2, 3, 4});
        assertThatCode(() -> Priming.prime(garbled)).as("priming is best effort").doesNotThrowAnyException();
    }

    @Test
    void inheritingKnownAllowListEntriesAddsNothing() {
        List<String> before = Serialization.allowList().entries();
        Serialization.inherit(before);
        assertThat(Serialization.allowList().entries()).isEqualTo(before);
    }
}
