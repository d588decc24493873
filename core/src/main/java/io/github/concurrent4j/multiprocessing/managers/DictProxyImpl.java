package io.github.concurrent4j.multiprocessing.managers;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.github.concurrent4j.function.SerializableBiFunction;
import io.github.concurrent4j.function.SerializableFunction;

/** The client side of {@code dict}: each method one call (see {@link DictProxy}). */
final class DictProxyImpl<K, V> extends AbstractProxy implements DictProxy<K, V> {
    DictProxyImpl(Wire.Token token, Calls.Endpoint endpoint) {
        super(token, endpoint);
    }

    @Override
    public int size() {
        return (Integer) call("size");
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return (Boolean) call("containsKey", key);
    }

    @Override
    public boolean containsValue(Object value) {
        return (Boolean) call("containsValue", value);
    }

    @Override
    public V get(Object key) {
        return ask("get", key);
    }

    @Override
    public V getOrDefault(Object key, V defaultValue) {
        return ask("getOrDefault", key, defaultValue);
    }

    @Override
    public V put(K key, V value) {
        return ask("put", key, value);
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return ask("putIfAbsent", key, value);
    }

    @Override
    public V remove(Object key) {
        return ask("remove", key);
    }

    @Override
    public boolean remove(Object key, Object value) {
        return (Boolean) call("removeIf", key, value);
    }

    @Override
    public V replace(K key, V value) {
        return ask("replace", key, value);
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        return (Boolean) call("replaceIf", key, oldValue, newValue);
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> m) {
        call("putAll", new LinkedHashMap<>(m));
    }

    @Override
    public void clear() {
        call("clear");
    }

    @Override
    public Map<K, V> copy() {
        return ask("copy");
    }

    @Override
    public Map.Entry<K, V> popitem() {
        List<Object> kv = ask("popitem");
        @SuppressWarnings("unchecked")
        Map.Entry<K, V> e = new java.util.AbstractMap.SimpleImmutableEntry<>((K) kv.get(0), (V) kv.get(1));
        return e;
    }

    @Override
    public Set<K> keySet() {
        List<K> keys = ask("keys");
        return Collections.unmodifiableSet(new LinkedHashSet<>(keys));
    }

    @Override
    public Collection<V> values() {
        List<V> values = ask("values");
        return Collections.unmodifiableList(values);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Set<Map.Entry<K, V>> entrySet() {
        List<Object> flat = ask("items");
        Set<Map.Entry<K, V>> out = new LinkedHashSet<>();
        for (int i = 0; i < flat.size(); i += 2) {
            out.add(new java.util.AbstractMap.SimpleImmutableEntry<>((K) flat.get(i), (V) flat.get(i + 1)));
        }
        return Collections.unmodifiableSet(out);
    }

    // The atomic updates: a serializable function runs on the server in one call; any other
    // runs here, in an optimistic loop of get and compare-and-set (ConcurrentMap's defaults).

    @Override
    public V compute(K key, SerializableBiFunction<? super K, ? super V, ? extends V> f) {
        return ask("compute", key, f);
    }

    @Override
    public V compute(K key, BiFunction<? super K, ? super V, ? extends V> f) {
        Objects.requireNonNull(f, "remappingFunction");
        if (f instanceof Serializable) return ask("compute", key, f);
        while (true) {
            Snapshot<V> old = snapshot(key);
            V nv = f.apply(key, old.value());
            if (cas(key, old, nv)) return nv;
        }
    }

    @Override
    public V merge(K key, V value, SerializableBiFunction<? super V, ? super V, ? extends V> f) {
        return ask("merge", key, value, f);
    }

    @Override
    public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> f) {
        Objects.requireNonNull(f, "remappingFunction");
        Objects.requireNonNull(value, "value");
        if (f instanceof Serializable) return ask("merge", key, value, f);
        while (true) {
            Snapshot<V> old = snapshot(key);
            V nv = old.value() == null ? value : f.apply(old.value(), value);
            if (cas(key, old, nv)) return nv;
        }
    }

    @Override
    public V computeIfAbsent(K key, SerializableFunction<? super K, ? extends V> f) {
        return ask("computeIfAbsent", key, f);
    }

    @Override
    public V computeIfAbsent(K key, Function<? super K, ? extends V> f) {
        Objects.requireNonNull(f, "mappingFunction");
        if (f instanceof Serializable) return ask("computeIfAbsent", key, f);
        while (true) {
            Snapshot<V> old = snapshot(key);
            if (old.value() != null) return old.value();
            V nv = f.apply(key);
            if (nv == null) return null;
            if (cas(key, old, nv)) return nv;
        }
    }

    @Override
    public V computeIfPresent(K key, SerializableBiFunction<? super K, ? super V, ? extends V> f) {
        return ask("computeIfPresent", key, f);
    }

    @Override
    public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> f) {
        Objects.requireNonNull(f, "remappingFunction");
        if (f instanceof Serializable) return ask("computeIfPresent", key, f);
        while (true) {
            Snapshot<V> old = snapshot(key);
            if (old.value() == null) return null;
            V nv = f.apply(key, old.value());
            if (cas(key, old, nv)) return nv;
        }
    }

    /** A key's state as one call saw it. */
    private record Snapshot<V>(boolean present, V value) {}

    private Snapshot<V> snapshot(K key) {
        List<Object> pv = ask("copyEntry", key);
        @SuppressWarnings("unchecked")
        V v = (V) pv.get(1);
        return new Snapshot<>((Boolean) pv.get(0), v);
    }

    /** Sets {@code key} to {@code nv} (removes it for null) if it is still as {@code old} saw it. */
    private boolean cas(K key, Snapshot<V> old, V nv) {
        return (Boolean) call("casEntry", key, old.present(), old.value(), nv != null, nv);
    }

    @Override
    public boolean equals(Object o) {
        if (sameObject(o) || Server.hostsServer()) return sameObject(o); // in a server, by identity (see remoteToString)
        return o instanceof Map<?, ?> m && copy().equals(m instanceof DictProxy<?, ?> d ? d.copy() : m);
    }

    @Override
    public int hashCode() {
        if (Server.hostsServer()) return super.hashCode();
        return (Integer) call("hashCode");
    }

    @Override
    public String toString() {
        return remoteToString();
    }

}
