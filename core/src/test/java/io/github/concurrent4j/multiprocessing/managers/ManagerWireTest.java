package io.github.concurrent4j.multiprocessing.managers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.concurrent4j.multiprocessing.Multiprocessing;
import io.github.concurrent4j.multiprocessing.connection.Address;
import io.github.concurrent4j.queue.EmptyException;
import io.github.concurrent4j.transport.Serialization;
import io.github.concurrent4j.transport.SerializationException;

/** The wire without a server: dispatch tables, exception mapping, and proxies through the codec. */
@Tag("unit")
class ManagerWireTest {
    public interface Greeter {
        String greet(String name);

        default String greetTwice(String name) {
            return greet(name) + greet(name);
        }
    }

    static final class Impl implements Greeter {
        @Override
        public String greet(String name) {
            return "hi " + name;
        }

        public String hidden() {
            return "hidden";
        }
    }

    @Test
    void a_registered_interface_table_holds_exactly_its_methods() throws Exception {
        Map<String, Types.Op> t = Types.table(Greeter.class);
        assertThat(t.keySet()).containsExactlyInAnyOrder("greet(Ljava/lang/String;)Ljava/lang/String;",
                "greetTwice(Ljava/lang/String;)Ljava/lang/String;");
        assertThat(t.get("greet(Ljava/lang/String;)Ljava/lang/String;").apply(new Impl(), new Object[] {"x"}, null)).isEqualTo("hi x");
        assertThat(t).doesNotContainKeys("hidden()Ljava/lang/String;", "getClass()Ljava/lang/Class;");
        assertThatThrownBy(() -> Types.table(Impl.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void built_in_tables_expose_no_object_methods() {
        for (Types.Type type : Containers.TYPES.values()) assertThat(type.ops()).doesNotContainKeys("getClass", "wait", "notify");
        for (Types.Type type : SyncTypes.TYPES.values()) assertThat(type.ops()).doesNotContainKeys("getClass", "wait", "notify");
    }

    @Test
    void server_exceptions_come_back_as_their_documented_types_or_as_remote_exceptions() {
        assertThat(Wire.Failure.of(new EmptyException("e")).toException()).isInstanceOf(EmptyException.class).hasMessage("e");
        assertThat(Wire.Failure.of(new IndexOutOfBoundsException("i")).toException()).isInstanceOf(IndexOutOfBoundsException.class);
        RuntimeException r = Wire.Failure.of(new java.io.UncheckedIOException(new java.io.IOException("disk"))).toException();
        assertThat(r).isInstanceOf(RemoteException.class).hasMessageContaining("UncheckedIOException").hasMessageContaining("disk");
        assertThat(((RemoteException) r).remoteTrace()).contains("ManagerWireTest");
    }

    @Test
    void proxies_travel_as_their_forms_and_come_back_as_proxies_of_the_same_object() {
        Serialization.allow(Greeter.class);
        Address a = Address.unix(Path.of("/tmp/nowhere.sock"));
        Calls.Endpoint e = Calls.Endpoint.of(a, Multiprocessing.currentProcess().authkey());
        Greeter g = Proxies.custom(Greeter.class, new Wire.Token("greeter", a, 7), e);
        DictProxy<String, Integer> d = new DictProxyImpl<>(new Wire.Token("dict", a, 8), e);
        Object back = Serialization.codec().decode(Serialization.codec().encode(List.of(g, d)));
        List<?> l = (List<?>) back;
        assertThat(l.get(0)).isInstanceOf(Greeter.class).isEqualTo(g).isNotSameAs(g);
        assertThat(l.get(1)).isInstanceOf(DictProxy.class).isEqualTo(d);
        assertThat(l.get(0).toString()).contains("greeter #7");
    }

    @Test
    void a_foreign_dynamic_proxy_is_refused() {
        Runnable r = (Runnable) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Runnable.class}, (p, m, args) -> null);
        assertThatThrownBy(() -> Serialization.codec().encode(r)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("dynamic proxy");
    }

    @Test
    void a_form_naming_an_interface_that_is_not_allowed_is_refused() {
        ProxyForm f = new ProxyForm(new Wire.Token("x", Address.unix(Path.of("/tmp/x.sock")), 1), null, "java.lang.Runnable");
        assertThatThrownBy(f::transferIn) // as the codec runs it when it decodes a proxy
                .isInstanceOf(SerializationException.class).hasMessageContaining("java.lang.Runnable");
    }
}
