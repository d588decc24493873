package io.github.concurrent4j.multiprocessing.managers;

import java.util.Map;

import io.github.concurrent4j.function.SerializableBiFunction;
import io.github.concurrent4j.function.SerializableFunction;

/**
 * The equivalent of Python's {@code DictProxy} ({@code Manager().dict()}): a
 * {@link java.util.Map} whose entries live in the manager's process, shared by every process
 * that holds the proxy (pass it to a child as any other captured value).
 *
 * <p>Each method is one atomic operation on the server. A compound update such as the seeds'
 * {@code d["count"] -= 1} (a {@code get} then a {@code put}) is two operations and needs a lock,
 * as in Python; {@link #compute}, {@link #merge}, {@link #computeIfAbsent} and
 * {@link #computeIfPresent} are single atomic operations and the better way: a serializable
 * function (a lambda whose target type is one of the {@code Serializable...} overloads below)
 * runs on the server in one round trip; any other function runs here in an optimistic loop of
 * {@code get} and compare-and-set, which is still atomic. {@link #keySet()}, {@link #values()}
 * and {@link #entrySet()} are unmodifiable snapshots (Python's {@code keys()}, {@code values()},
 * {@code items()} return lists too); {@link #copy()} is a plain copy.
 *
 * <p>Values are copied in and out, as Python pickles them: mutating a plain object returned by
 * {@code get} changes only the copy (put it back to share the change). A proxy stored as a
 * value (a {@link ListProxy} in a dict) stays a proxy: what is done through it is shared.
 * Null keys and values are allowed (Python's {@code None}); the atomic operations treat a null
 * value as absent, as {@link Map} does.
 *
 * <p>Thread-safe. Memory consistency effects: actions in a thread before a call that changes the
 * dict happen-before the actions after a later call, in any process, that observes the change.
 *
 * @param <K> the keys (allowed by the codec in every process that uses the dict)
 * @param <V> the values
 */
public interface DictProxy<K, V> extends Map<K, V> {
    /** A plain copy of the dict: Python's {@code d.copy()}. */
    Map<K, V> copy();

    /** Removes and returns the most recently inserted entry: Python's {@code popitem()}; throws {@link java.util.NoSuchElementException} if empty. */
    Map.Entry<K, V> popitem();

    /** {@link #compute} in one round trip: the function runs on the server. */
    V compute(K key, SerializableBiFunction<? super K, ? super V, ? extends V> remapping);

    /** {@link #merge} in one round trip: the function runs on the server. */
    V merge(K key, V value, SerializableBiFunction<? super V, ? super V, ? extends V> remapping);

    /** {@link #computeIfAbsent} in one round trip: the function runs on the server. */
    V computeIfAbsent(K key, SerializableFunction<? super K, ? extends V> mapping);

    /** {@link #computeIfPresent} in one round trip: the function runs on the server. */
    V computeIfPresent(K key, SerializableBiFunction<? super K, ? super V, ? extends V> remapping);
}
