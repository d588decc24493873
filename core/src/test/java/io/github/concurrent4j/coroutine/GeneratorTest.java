package io.github.concurrent4j.coroutine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Generators: Python's yield / next / send / throw / close semantics. */
@Tag("unit")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GeneratorTest {

    @Test
    void nextRunsTheBodyToEachYieldAndStopIterationCarriesTheReturnValue() {
        List<String> log = new ArrayList<>();
        Generator<Integer> g = Generator.returning(() -> {
            log.add("start");
            Generator.yield(1);
            log.add("after 1");
            Generator.yield(2);
            log.add("after 2");
            return "done";
        });
        assertThat(log).isEmpty();   // nothing runs before the first next()
        assertThat(g.next()).isEqualTo(1);
        assertThat(log).containsExactly("start");
        assertThat(g.next()).isEqualTo(2);
        assertThatThrownBy(g::next).isInstanceOfSatisfying(StopIterationException.class,
                e -> assertThat(e.value()).contains("done"));
        assertThat(log).containsExactly("start", "after 1", "after 2");
        // exhausted: a bare StopIteration from now on
        assertThatThrownBy(g::next).isInstanceOfSatisfying(StopIterationException.class,
                e -> assertThat(e.value()).isEmpty());
        assertThat(g.isClosed()).isTrue();
    }

    @Test
    void sendResumesYieldWithTheValueAndAJustStartedGeneratorRefusesNonNull() {
        Generator<String> consumer = Generator.of(() -> {
            String r = "";
            while (true) {
                Integer n = Generator.yield(r);
                if (n == null) return;
                r = "200 OK " + n;
            }
        });
        assertThatThrownBy(() -> consumer.send(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("just-started");
        assertThat(consumer.send(null)).isEmpty();
        assertThat(consumer.send(1)).isEqualTo("200 OK 1");
        assertThat(consumer.send(2)).isEqualTo("200 OK 2");
        assertThatThrownBy(() -> consumer.send(null)).isInstanceOf(StopIterationException.class);
    }

    @Test
    void closeRaisesGeneratorExitInTheBodySoFinallyRuns() {
        List<String> log = new ArrayList<>();
        Generator<Integer> g = Generator.of(() -> {
            try {
                for (int i = 0; ; i++) Generator.yield(i);
            } catch (GeneratorExitException e) {
                log.add("GeneratorExit");
                throw e;
            } finally {
                log.add("finally");
            }
        });
        assertThat(g.next()).isZero();
        assertThat(g.next()).isEqualTo(1);
        g.close();
        assertThat(log).containsExactly("GeneratorExit", "finally");
        assertThat(g.isClosed()).isTrue();
        assertThatThrownBy(g::next).isInstanceOf(StopIterationException.class);
        g.close();   // idempotent

        Generator<Integer> stubborn = Generator.of(() -> {
            while (true) {
                try {
                    Generator.yield(1);
                } catch (GeneratorExitException ignored) {
                    // yields again: breaks the protocol
                }
            }
        });
        stubborn.next();
        assertThatThrownBy(stubborn::close).isInstanceOf(IllegalStateException.class)
                .hasMessage("generator ignored GeneratorExit");

        Generator<Integer> unstarted = Generator.of(() -> log.add("never runs"));
        unstarted.close();
        assertThatThrownBy(unstarted::next).isInstanceOf(StopIterationException.class);
        assertThat(log).doesNotContain("never runs");
    }

    @Test
    void throwIntoRaisesAtTheYieldAndExceptionsPropagateToTheCaller() {
        Generator<String> g = Generator.of(() -> {
            try {
                Generator.yield("a");
            } catch (IllegalArgumentException e) {
                Generator.yield("handled " + e.getMessage());
            }
            throw new IllegalStateException("boom");
        });
        assertThat(g.next()).isEqualTo("a");
        assertThat(g.throwInto(new IllegalArgumentException("x"))).isEqualTo("handled x");
        assertThatThrownBy(g::next).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(g.isClosed()).isTrue();
        // a finished generator: throw raises the exception directly
        RuntimeException e = new RuntimeException("direct");
        assertThatThrownBy(() -> g.throwInto(e)).isSameAs(e);

        List<String> ran = new ArrayList<>();
        Generator<String> unstarted = Generator.of(() -> ran.add("body"));
        assertThatThrownBy(() -> unstarted.throwInto(new IllegalArgumentException("early")))
                .hasMessage("early");
        assertThat(ran).isEmpty();
    }

    @Test
    void forEachIteratesAndReentryIsRefused() {
        Generator<Integer> g = Generator.of(() -> {
            for (int i = 0; i < 5; i++) Generator.yield(i * i);
        });
        List<Integer> out = new ArrayList<>();
        for (int v : g) out.add(v);
        assertThat(out).containsExactly(0, 1, 4, 9, 16);

        Generator<Integer>[] self = new Generator[1];
        self[0] = Generator.of(() -> self[0].next());
        assertThatThrownBy(self[0]::next).isInstanceOf(IllegalStateException.class)
                .hasMessage("generator already executing");
        assertThatThrownBy(() -> Generator.yield(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStopIterationEscapingTheBodyBecomesIllegalState() {
        Generator<Integer> inner = Generator.of(() -> {});
        Generator<Integer> outer = Generator.of(() -> Generator.yield(inner.next()));
        assertThatThrownBy(outer::next).isInstanceOf(IllegalStateException.class)
                .hasMessage("generator raised StopIteration");
    }

    @Test
    void anAbandonedGeneratorIsClosedByTheCollector() throws Exception {
        CountDownLatch finallyRan = new CountDownLatch(1);
        WeakReference<Generator<Integer>> ref = abandoned(finallyRan);
        Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> {
            System.gc();
            return ref.get() == null && finallyRan.getCount() == 0;
        });
    }

    private static WeakReference<Generator<Integer>> abandoned(CountDownLatch finallyRan) {
        Generator<Integer> g = Generator.of(() -> {
            try {
                while (true) Generator.yield(1);
            } finally {
                finallyRan.countDown();
            }
        });
        g.next();
        return new WeakReference<>(g);
    }
}
