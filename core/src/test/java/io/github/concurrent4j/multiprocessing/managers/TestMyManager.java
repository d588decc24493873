package io.github.concurrent4j.multiprocessing.managers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.Process;

/**
 * Ported from CPython 3.13 {@code Lib/test/_test_multiprocessing.py}, class
 * {@code _TestMyManager} (and its {@code FooBar}, {@code baz}, {@code MyManager}). Python's
 * {@code exposed=('f', '_h')} is an interface of its own here ({@link Bar}); {@code hasattr}
 * on a proxy becomes the interface's methods; {@code _callmethod} of an unexposed name is a
 * raw call, which the server refuses; Python's generator type {@code baz} with its
 * {@code IteratorProxy} becomes a method returning the squares (no iterator proxies here).
 */
@Tag("integration")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TestMyManager {
    public interface Foo {
        String f();

        String g();
    }

    public interface Bar {
        String f();

        String _h();
    }

    public interface Baz {
        List<Integer> squares();
    }

    public static final class FooBar implements Foo, Bar {
        @Override
        public String f() {
            return "f()";
        }

        @Override
        public String g() {
            throw new IllegalArgumentException("g"); // Python's ValueError
        }

        @Override
        public String _h() {
            return "_h()";
        }
    }

    static BaseManager.Builder myManager() {
        return BaseManager.builder()
                .register("Foo", Foo.class, args -> new FooBar())
                .register("Bar", Bar.class, args -> new FooBar())
                .register("baz", Baz.class, args -> () -> IntStream.range(0, 10).map(i -> i * i).boxed().toList());
    }

    @Test
    void test_mymanager() {
        BaseManager manager = myManager().start();
        common(manager);
        manager.shutdown();
        assertThat(manager.process().orElseThrow().exitCode().getAsInt()).isIn(0, -15);
    }

    @Test
    void test_mymanager_context() {
        BaseManager manager;
        try (BaseManager m = myManager().start()) {
            manager = m;
            common(m);
        }
        assertThat(manager.process().orElseThrow().exitCode().getAsInt()).isIn(0, -15);
    }

    @Test
    void test_mymanager_context_prestarted() {
        BaseManager manager = myManager().start();
        try (manager) {
            common(manager);
        }
        assertThat(manager.process().orElseThrow().exitCode()).hasValue(0);
    }

    private static void common(BaseManager manager) {
        Foo foo = manager.create("Foo");
        Bar bar = manager.create("Bar");
        Baz baz = manager.create("baz");
        assertThat(foo.f()).isEqualTo("f()");
        assertThatThrownBy(foo::g).isInstanceOf(IllegalArgumentException.class);
        // foo._callmethod('_h'): Foo does not expose _h, and the server refuses the name.
        Wire.Token fooToken = new Wire.Token("Foo", manager.address(), 1);
        assertThatThrownBy(() -> Calls.call(manager.endpoint(), fooToken.id(), "_h()Ljava/lang/String;"))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("not exposed");
        assertThat(bar.f()).isEqualTo("f()");
        assertThat(bar._h()).isEqualTo("_h()");
        assertThat(baz.squares()).isEqualTo(IntStream.range(0, 10).map(i -> i * i).boxed().toList());
    }

    /** Acceptance 5: a registered type used from two processes; only its interface's methods are callable. */
    @Test
    void a_registered_type_is_shared_by_two_processes_and_only_its_interface_is_exposed() {
        try (BaseManager m = BaseManager.builder()
                .register("counter", Counter.class, args -> new CounterImpl((Integer) args[0])).start()) {
            Counter c = m.create("counter", 10);
            Process p = new Process(() -> {
                for (int i = 0; i < 5; i++) c.increment();
            });
            p.start();
            for (int i = 0; i < 5; i++) c.increment();
            p.join();
            assertThat(p.exitCode()).hasValue(0);
            assertThat(c.value()).isEqualTo(20);
            assertThat(c).isEqualTo(c).hasSameHashCodeAs(c);
            // A method of the implementation that the interface does not declare, and a JDK method:
            for (String name : List.of("secret()V", "getClass()Ljava/lang/Class;", "wait()V", "notify()V")) {
                assertThatThrownBy(() -> Calls.call(m.endpoint(), 1, name))
                        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("not exposed");
            }
            assertThat(c.value()).isEqualTo(20);
        }
    }

    public interface Counter {
        void increment();

        int value();
    }

    public static final class CounterImpl implements Counter {
        private int n;

        CounterImpl(int start) {
            n = start;
        }

        @Override
        public synchronized void increment() {
            n++;
        }

        @Override
        public synchronized int value() {
            return n;
        }

        public void secret() {
            n = -1;
        }
    }
}
