package io.github.concurrent4j.multiprocessing.managers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ported from CPython 3.13 {@code Lib/test/_test_multiprocessing.py}, class
 * {@code _TestContainers} (the manager flavour, its only one). Python's leading underscore
 * marks a mixin; the Java class drops it so that the test runner finds it.
 * {@code test_list_isinstance}/{@code test_dict_isinstance} become checks that the proxies are
 * a {@link List} and a {@link Map}.
 */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TestContainers {
    private Manager manager;

    @BeforeEach
    void start() {
        manager = Manager.start();
    }

    @AfterEach
    void stop() {
        manager.shutdown();
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void test_list() {
        ListProxy<Object> a = manager.list(range(10));
        assertThat(a.copy()).isEqualTo(range(10));
        ListProxy<Object> b = manager.list();
        assertThat(b.copy()).isEmpty();
        b.addAll(range(5));                           // extend
        assertThat(b.copy()).isEqualTo(range(5));
        assertThat(b.get(2)).isEqualTo(2);
        assertThat(b.subList(2, 5)).isEqualTo(List.of(2, 3, 4)); // b[2:10]
        b.addAll(b.copy());                           // b *= 2
        assertThat(b.copy()).isEqualTo(List.of(0, 1, 2, 3, 4, 0, 1, 2, 3, 4));
        List<Object> plus = new ArrayList<>(b);       // b + [5, 6]
        plus.addAll(List.of(5, 6));
        assertThat(plus).isEqualTo(List.of(0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 5, 6));
        assertThat(a.copy()).isEqualTo(range(10));
        ListProxy<ListProxy<Object>> e = manager.list(List.of(a, b));
        assertThat(e.copy().stream().map(ListProxy::copy).toList())
                .isEqualTo(List.of(range(10), List.of(0, 1, 2, 3, 4, 0, 1, 2, 3, 4)));
        ListProxy<ListProxy<Object>> f = manager.list(List.of(a));
        a.add("hello");
        List<Object> expected = new ArrayList<>(range(10));
        expected.add("hello");
        assertThat(f.get(0).copy()).isEqualTo(expected);
    }

    @Test
    void test_list_isinstance() {
        assertThat(manager.list()).isInstanceOf(List.class);
    }

    @Test
    void test_list_iter() {
        ListProxy<Integer> a = manager.list(range(10));
        Iterator<Integer> it = a.iterator();
        List<Integer> seen = new ArrayList<>();
        it.forEachRemaining(seen::add);
        assertThat(seen).isEqualTo(range(10));
        assertThat(it.hasNext()).isFalse(); // exhausted
        // Python's iterator reads the proxy index by index and sees a[0] = 100 made after it was
        // created; a Java iterator walks a snapshot taken in one call (see ListProxy).
        it = a.iterator();
        a.set(0, 100);
        assertThat(it.next()).isEqualTo(0);
        assertThat(a.iterator().next()).isEqualTo(100);
    }

    @Test
    void test_list_proxy_in_list() {
        List<ListProxy<Integer>> inner = new ArrayList<>();
        for (int i = 0; i < 3; i++) inner.add(manager.list(range(3)));
        ListProxy<ListProxy<Integer>> a = manager.list(inner);
        assertThat(a.copy().stream().map(ListProxy::copy).toList()).isEqualTo(List.of(range(3), range(3), range(3)));
        a.get(0).set(2, 55);                           // a[0][-1] = 55
        assertThat(a.get(0).copy()).isEqualTo(List.of(0, 1, 55));
        for (int i = 1; i < 3; i++) assertThat(a.get(i).copy()).isEqualTo(List.of(0, 1, 2));
        assertThat(a.get(1).remove(2)).isEqualTo(2);   // a[1].pop()
        assertThat(a.get(1).size()).isEqualTo(2);
        for (int i = 0; i < 3; i += 2) assertThat(a.get(i).size()).isEqualTo(3);
        ListProxy<Object> b = manager.list();
        b.add(b);                                      // a list holding a proxy of itself
        assertThat(b.get(0)).isEqualTo(b);
    }

    @Test
    void test_dict() {
        DictProxy<Integer, String> d = manager.dict();
        List<Integer> indices = IntStream.range(65, 70).boxed().toList();
        for (int i : indices) d.put(i, String.valueOf((char) i));
        Map<Integer, String> expected = new LinkedHashMap<>();
        for (int i : indices) expected.put(i, String.valueOf((char) i));
        assertThat(d.copy()).isEqualTo(expected);
        assertThat(d.keySet().stream().sorted().toList()).isEqualTo(indices);
        assertThat(d.values().stream().sorted().toList()).isEqualTo(indices.stream().map(i -> String.valueOf((char) (int) i)).toList());
        assertThat(List.copyOf(d.entrySet())).isEqualTo(List.copyOf(expected.entrySet()));
    }

    @Test
    void test_dict_isinstance() {
        assertThat(manager.dict()).isInstanceOf(Map.class);
    }

    @Test
    void test_dict_iter() {
        DictProxy<Integer, String> d = manager.dict();
        List<Integer> indices = IntStream.range(65, 70).boxed().toList();
        for (int i : indices) d.put(i, String.valueOf((char) i));
        Iterator<Integer> it = d.keySet().iterator();
        List<Integer> seen = new ArrayList<>();
        it.forEachRemaining(seen::add);
        assertThat(seen).isEqualTo(indices);
        assertThat(it.hasNext()).isFalse();
        // Python raises RuntimeError ("dictionary changed size during iteration") when the dict
        // is cleared under an iterator; a Java iterator walks a snapshot and finishes it.
        it = d.keySet().iterator();
        d.clear();
        assertThat(it.next()).isEqualTo(65);
    }

    @Test
    void test_dict_proxy_nested() {
        DictProxy<String, Integer> pets = manager.dict(Map.of("ferrets", 2, "hamsters", 4));
        DictProxy<String, Integer> supplies = manager.dict(Map.of("water", 10, "feed", 3));
        DictProxy<String, DictProxy<String, Integer>> d = manager.dict(Map.of("pets", pets, "supplies", supplies));
        assertThat(supplies.get("water")).isEqualTo(10);
        assertThat(d.get("supplies").get("water")).isEqualTo(10);
        d.get("supplies").put("blankets", 5);
        assertThat(supplies.get("blankets")).isEqualTo(5);
        assertThat(d.get("supplies").get("blankets")).isEqualTo(5);
        d.get("supplies").put("water", 7);
        assertThat(supplies.get("water")).isEqualTo(7);
        assertThat(d.get("supplies").get("water")).isEqualTo(7);
        assertThat(d.get("pets").get("ferrets")).isEqualTo(2);
        d.get("supplies").put("blankets", 11);
        assertThat(d.get("supplies").get("blankets")).isEqualTo(11);
        DictProxy<String, Integer> pets2 = d.get("pets");
        DictProxy<String, Integer> supplies2 = d.get("supplies");
        supplies2.put("water", 7);
        assertThat(supplies2.get("water")).isEqualTo(7);
        assertThat(d.get("supplies").get("water")).isEqualTo(7);
        d.clear();
        assertThat(d.size()).isZero();
        assertThat(supplies2.get("water")).isEqualTo(7);
        assertThat(pets2.get("hamsters")).isEqualTo(4);
        ListProxy<DictProxy<String, Integer>> l = manager.list(List.of(pets2, supplies2));
        l.get(0).put("marmots", 1);
        assertThat(pets2.get("marmots")).isEqualTo(1);
        assertThat(l.get(0).get("marmots")).isEqualTo(1);
        ListProxy<Object> outer = manager.list(List.of(new ArrayList<>(List.of(88, 99)), l));
        assertThat(outer.get(0)).isInstanceOf(List.class).isNotInstanceOf(ListProxy.class); // a plain list is a copy
        @SuppressWarnings("unchecked")
        ListProxy<DictProxy<String, Integer>> last = (ListProxy<DictProxy<String, Integer>>) outer.get(1);
        assertThat(last.get(1).get("feed")).isEqualTo(3);
    }

    @Test
    void test_nested_queue() {
        ListProxy<QueueProxy<Integer>> a = manager.list(); // a queue inside a list
        a.add(manager.queue());
        a.get(0).put(123);
        assertThat(a.get(0).get()).isEqualTo(123);
        DictProxy<Integer, QueueProxy<Integer>> b = manager.dict(); // a queue inside a dict
        b.put(0, manager.queue());
        b.get(0).put(456);
        assertThat(b.get(0).get()).isEqualTo(456);
    }

    @Test
    void test_namespace() {
        NamespaceProxy n = manager.namespace();
        n.set("name", "Bob");
        n.set("job", "Builder");
        n.set("_hidden", "hidden");
        assertThat(List.of(n.<String>get("name"), n.<String>get("job"))).isEqualTo(List.of("Bob", "Builder"));
        n.delete("job");
        // Python hides underscore names from str(n); this Namespace shows every attribute.
        assertThat(n.toString()).isEqualTo("Namespace(name=Bob, _hidden=hidden)");
        assertThat(n.contains("name")).isTrue();
        assertThat(n.contains("job")).isFalse();
        assertThatThrownBy(() -> n.get("job")).isInstanceOf(NoSuchElementException.class); // AttributeError
    }

    /** A mutated copy is not shared, as in Python: put it back to share the change. */
    @Test
    void a_plain_nested_object_returned_is_a_copy() {
        DictProxy<String, List<Integer>> d = manager.dict();
        d.put("l", new ArrayList<>(List.of(1)));
        List<Integer> copy = d.get("l");
        copy.add(2);
        assertThat(d.get("l")).containsExactly(1);
        d.put("l", copy);
        assertThat(d.get("l")).containsExactly(1, 2);
    }
}
