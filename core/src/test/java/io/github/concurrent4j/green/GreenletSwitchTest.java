package io.github.concurrent4j.green;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Acceptance 1: explicit greenlet switches run in the order the seeds print. */
@Tag("unit")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GreenletSwitchTest {
    static Greenlet<Object> g1, g2;

    @Test
    void twoGreenletsSwitchingExplicitlyAlternate123456123456() {
        List<Integer> out = new ArrayList<>();
        try (Hub hub = Hub.open()) {
            g1 = Greenlet.create(() -> {
                out.add(123);
                g2.switchTo();
                out.add(123);
                g2.switchTo();
                return null;
            });
            g2 = Greenlet.create(() -> {
                out.add(456);
                g1.switchTo();
                out.add(456);
                return null;
            });
            g1.switchTo();
            // g1 suspended in its second switch to g2; g2 finished and returned to main
            assertThat(g2.isDead()).isTrue();
            assertThat(g1.isDead()).isFalse();
        }
        assertThat(out).containsExactly(123, 456, 123, 456);
    }

    @Test
    void theSeedsProgramAsWrittenPrints123_456_456_123AndLeavesG2Suspended() {
        // func1: print 123; g2.switch(); print 123      func2: print 456; print 456; g1.switch()
        List<Integer> out = new ArrayList<>();
        try (Hub hub = Hub.open()) {
            g1 = Greenlet.create(() -> {
                out.add(123);
                g2.switchTo();
                out.add(123);
                return null;
            });
            g2 = Greenlet.create(() -> {
                out.add(456);
                out.add(456);
                g1.switchTo();
                return null;
            });
            g1.switchTo();
            assertThat(g1.isDead()).isTrue();
            assertThat(g2.isDead()).isFalse();
            assertThat(hub.greenletCount()).isEqualTo(1);
        }   // close() kills the suspended g2 with GreenletExit
        assertThat(out).containsExactly(123, 456, 456, 123);
        assertThat(g2.isDead()).isTrue();
    }

    @Test
    void greenletDocsExamplePrints12_56_34AndNever78() {
        List<Integer> out = new ArrayList<>();
        try (Hub hub = Hub.open()) {
            g1 = Greenlet.create(() -> {
                out.add(12);
                g2.switchTo();
                out.add(34);
                return null;
            });
            g2 = Greenlet.create(() -> {
                out.add(56);
                g1.switchTo();
                out.add(78);
                return null;
            });
            g1.switchTo();
        }
        assertThat(out).containsExactly(12, 56, 34);
    }

    @Test
    void switchPassesValuesBothWaysAndTheResultGoesToTheParent() {
        try (Hub hub = Hub.open()) {
            Greenlet<String> child = Greenlet.create(args -> {
                assertThat(args).containsExactly("a", "b");
                Object back = Greenlet.getCurrent().parent().orElseThrow().switchTo("to-parent");
                return "done:" + back;
            });
            assertThat(child.parent()).contains(Greenlet.getCurrent());
            assertThat(child.switchTo("a", "b")).isEqualTo("to-parent");
            assertThat(child.isActive()).isTrue();
            assertThat(child.switchTo("x")).isEqualTo("done:x");
            assertThat(child.isDead()).isTrue();
            // switching to a dead greenlet goes to its parent: here, ourselves
            assertThat(child.switchTo("y")).isEqualTo("y");
        }
    }

    @Test
    void anExceptionPropagatesToTheParentAndThrowIntoKills() {
        try (Hub hub = Hub.open()) {
            Greenlet<Object> bad = Greenlet.create(() -> {
                throw new IllegalArgumentException("boom");
            });
            assertThatThrownBy(bad::switchTo).isInstanceOf(IllegalArgumentException.class).hasMessage("boom");
            assertThat(bad.isDead()).isTrue();
            assertThat(bad.exception()).containsInstanceOf(IllegalArgumentException.class);

            List<String> seen = new ArrayList<>();
            Greenlet<Object> sleeper = Greenlet.create(() -> {
                try {
                    Greenlet.getCurrent().parent().orElseThrow().switchTo();
                } catch (GreenletExitException e) {
                    seen.add("exit");
                    throw e;
                }
                return null;
            });
            sleeper.switchTo();
            Object r = sleeper.throwInto();   // GreenletExit does not propagate: it is returned
            assertThat(r).isInstanceOf(GreenletExitException.class);
            assertThat(seen).containsExactly("exit");
            assertThat(sleeper.isDead()).isTrue();

            Greenlet<Object> never = Greenlet.create(() -> {
                seen.add("ran");
                return null;
            });
            assertThatThrownBy(() -> never.throwInto(new IllegalStateException("x"))).hasMessage("x");
            assertThat(never.isDead()).isTrue();
            assertThat(seen).doesNotContain("ran");
        }
    }
}
