package io.github.concurrent4j.multiprocessing.managers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.concurrent4j.multiprocessing.connection.Client;
import io.github.concurrent4j.multiprocessing.connection.Connection;
import io.github.concurrent4j.queue.EmptyException;

/**
 * Ported from CPython 3.13 {@code Lib/test/_test_multiprocessing.py}, class
 * {@code TestManagerExceptions}. Python's tests check that the exceptions hold no reference
 * cycles (gh-106558), which has no JVM meaning; what remains is the exceptions themselves:
 * {@code test_queue_get} (the server's {@code queue.Empty} is re-raised as such) and
 * {@code test_dispatch} (a message that is not a request gets an error reply, and the server
 * goes on). Plus the server's other refusals.
 */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TestManagerExceptions {
    private Manager mgr;

    @BeforeEach
    void setUp() {
        mgr = Manager.start();
    }

    @AfterEach
    void tearDown() {
        mgr.shutdown();
    }

    @Test
    void test_queue_get() {
        QueueProxy<Integer> queue = mgr.queue();
        assertThatThrownBy(queue::getNowait).isInstanceOf(EmptyException.class);
    }

    @Test
    void test_dispatch() {
        try (Connection c = Client.connect(mgr.address(), mgr.authkey())) {
            c.send("not a request");
            assertThat(c.<Object>recv()).isInstanceOfSatisfying(Wire.Failure.class,
                    f -> assertThat(f.toException()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a manager request"));
            c.send(new Wire.Request(Wire.SERVER, "ping", null));
            assertThat(c.<Object>recv()).isEqualTo("pong");
        }
    }

    @Test
    void the_server_refuses_unknown_objects_methods_and_bad_arguments_and_goes_on() {
        DictProxy<String, Integer> d = mgr.dict();
        ListProxy<Integer> l = mgr.list();
        Calls.Endpoint e = mgr.base().endpoint();
        assertThatThrownBy(() -> Calls.call(e, 999, "get", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no shared object");
        assertThatThrownBy(() -> Calls.call(e, 1, "getClass")).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("not exposed");
        assertThatThrownBy(() -> Calls.call(e, 2, "get", "not an index")).isInstanceOf(ClassCastException.class);
        assertThatThrownBy(() -> l.get(5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Calls.call(e, Wire.SERVER, "create", "no such type", new Object[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown typeid");
        org.assertj.core.api.Assertions.assertThatCode(() -> d.put("bad", null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> mgr.value("text").incrementAndGet()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> mgr.value(Integer.MAX_VALUE).incrementAndGet()).isInstanceOf(ArithmeticException.class);
        d.put("ok", 1);
        assertThat(d.get("ok")).isEqualTo(1);
    }
}
