package io.github.concurrent4j.multiprocessing.managers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static java.util.Map.entry;

/**
 * The server side of the built-in containers: {@code dict} (a {@link LinkedHashMap}, ordered as
 * Python's dict), {@code list} (an {@link ArrayList}), {@code namespace}, {@code value} and
 * {@code array}. Every operation runs under the object's monitor: one call, one atomic step,
 * including {@code compute}/{@code merge}/{@code updateAndGet} with the caller's function.
 * Results are copies (a {@code keys()} list, a {@code copy()} map), as Python's are.
 */
final class Containers {
    private Containers() {}

    /** A {@code value}'s slot. */
    static final class Cell {
        Object value;

        Cell(Object value) {
            this.value = value;
        }
    }

    /** An {@code array}'s slots: fixed length, as Python's {@code Array}. */
    record Slots(Object[] items) {}

    @FunctionalInterface
    private interface Body<T> {
        Object apply(T target, Object[] a) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> Types.Op locked(Body<T> body) {
        return (target, a, s) -> {
            synchronized (target) {
                return body.apply((T) target, a);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> map(Object o) {
        return (Map<Object, Object>) o;
    }

    private static final Map<String, Types.Op> DICT = Map.ofEntries(
            entry("size", Containers.<Map<Object, Object>>locked((m, a) -> m.size())),
            entry("get", Containers.<Map<Object, Object>>locked((m, a) -> m.get(a[0]))),
            entry("getOrDefault", Containers.<Map<Object, Object>>locked((m, a) -> m.getOrDefault(a[0], a[1]))),
            entry("containsKey", Containers.<Map<Object, Object>>locked((m, a) -> m.containsKey(a[0]))),
            entry("containsValue", Containers.<Map<Object, Object>>locked((m, a) -> m.containsValue(a[0]))),
            entry("put", Containers.<Map<Object, Object>>locked((m, a) -> m.put(a[0], a[1]))),
            entry("putIfAbsent", Containers.<Map<Object, Object>>locked((m, a) -> m.putIfAbsent(a[0], a[1]))),
            entry("remove", Containers.<Map<Object, Object>>locked((m, a) -> m.remove(a[0]))),
            entry("removeIf", Containers.<Map<Object, Object>>locked((m, a) -> m.remove(a[0], a[1]))),
            entry("replace", Containers.<Map<Object, Object>>locked((m, a) -> m.replace(a[0], a[1]))),
            entry("replaceIf", Containers.<Map<Object, Object>>locked((m, a) -> m.replace(a[0], a[1], a[2]))),
            entry("putAll", Containers.<Map<Object, Object>>locked((m, a) -> {
                m.putAll(map(a[0]));
                return null;
            })),
            entry("clear", Containers.<Map<Object, Object>>locked((m, a) -> {
                m.clear();
                return null;
            })),
            entry("copy", Containers.<Map<Object, Object>>locked((m, a) -> new LinkedHashMap<>(m))),
            entry("keys", Containers.<Map<Object, Object>>locked((m, a) -> new ArrayList<>(m.keySet()))),
            entry("values", Containers.<Map<Object, Object>>locked((m, a) -> new ArrayList<>(m.values()))),
            entry("items", Containers.<Map<Object, Object>>locked((m, a) -> {
                ArrayList<Object> flat = new ArrayList<>(m.size() * 2);
                m.forEach((k, v) -> {
                    flat.add(k);
                    flat.add(v);
                });
                return flat;
            })),
            entry("popitem", Containers.<Map<Object, Object>>locked((m, a) -> {
                if (m.isEmpty()) throw new NoSuchElementException("popitem(): dictionary is empty");
                Map.Entry<Object, Object> last = null;
                for (Map.Entry<Object, Object> e : m.entrySet()) last = e; // LIFO, as Python's popitem
                m.remove(last.getKey());
                return new ArrayList<>(Arrays.asList(last.getKey(), last.getValue()));
            })),
            entry("compute", Containers.<Map<Object, Object>>locked((m, a) -> m.compute(a[0], bi(a[1])))),
            entry("computeIfAbsent", Containers.<Map<Object, Object>>locked((m, a) -> m.computeIfAbsent(a[0], fn(a[1])))),
            entry("computeIfPresent", Containers.<Map<Object, Object>>locked((m, a) -> m.computeIfPresent(a[0], bi(a[1])))),
            entry("merge", Containers.<Map<Object, Object>>locked((m, a) -> m.merge(a[0], a[1], bi(a[2])))),
            entry("copyEntry", Containers.<Map<Object, Object>>locked((m, a) ->
                    new ArrayList<>(Arrays.asList(m.containsKey(a[0]), m.get(a[0]))))),
            // One step of the optimistic loop a function that cannot travel falls back on.
            entry("casEntry", Containers.<Map<Object, Object>>locked((m, a) -> {
                boolean present = m.containsKey(a[0]);
                if (present != (Boolean) a[1] || present && !Objects.equals(m.get(a[0]), a[2])) return false;
                if ((Boolean) a[3]) m.put(a[0], a[4]);
                else m.remove(a[0]);
                return true;
            })),
            entry("equals", Containers.<Map<Object, Object>>locked((m, a) -> m.equals(a[0]))),
            entry("hashCode", Containers.<Map<Object, Object>>locked((m, a) -> m.hashCode())),
            entry("toString", Containers.<Map<Object, Object>>locked((m, a) -> m.toString())));

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static Collection<Object> coll(Object o) {
        return (Collection<Object>) o;
    }

    private static final Map<String, Types.Op> LIST = Map.ofEntries(
            entry("size", Containers.<List<Object>>locked((l, a) -> l.size())),
            entry("get", Containers.<List<Object>>locked((l, a) -> l.get((Integer) a[0]))),
            entry("set", Containers.<List<Object>>locked((l, a) -> l.set((Integer) a[0], a[1]))),
            entry("add", Containers.<List<Object>>locked((l, a) -> l.add(a[0]))),
            entry("addAt", Containers.<List<Object>>locked((l, a) -> {
                l.add((Integer) a[0], a[1]);
                return null;
            })),
            entry("addAll", Containers.<List<Object>>locked((l, a) -> l.addAll(coll(a[0])))),
            entry("addAllAt", Containers.<List<Object>>locked((l, a) -> l.addAll((Integer) a[0], coll(a[1])))),
            entry("removeAt", Containers.<List<Object>>locked((l, a) -> l.remove((int) (Integer) a[0]))),
            entry("remove", Containers.<List<Object>>locked((l, a) -> l.remove(a[0]))),
            entry("removeAll", Containers.<List<Object>>locked((l, a) -> l.removeAll(coll(a[0])))),
            entry("retainAll", Containers.<List<Object>>locked((l, a) -> l.retainAll(coll(a[0])))),
            entry("containsAll", Containers.<List<Object>>locked((l, a) -> l.containsAll(coll(a[0])))),
            entry("contains", Containers.<List<Object>>locked((l, a) -> l.contains(a[0]))),
            entry("indexOf", Containers.<List<Object>>locked((l, a) -> l.indexOf(a[0]))),
            entry("lastIndexOf", Containers.<List<Object>>locked((l, a) -> l.lastIndexOf(a[0]))),
            entry("count", Containers.<List<Object>>locked((l, a) -> Collections.frequency(l, a[0]))),
            entry("clear", Containers.<List<Object>>locked((l, a) -> {
                l.clear();
                return null;
            })),
            entry("reverse", Containers.<List<Object>>locked((l, a) -> {
                Collections.reverse(l);
                return null;
            })),
            entry("sort", Containers.<List<Object>>locked((l, a) -> {
                @SuppressWarnings("unchecked")
                Comparator<Object> c = (Comparator<Object>) a[0];
                l.sort(c);
                return null;
            })),
            entry("replaceAll", Containers.<List<Object>>locked((l, a) -> {
                @SuppressWarnings("unchecked")
                UnaryOperator<Object> f = (UnaryOperator<Object>) a[0];
                l.replaceAll(f);
                return null;
            })),
            // One step of the optimistic loop a comparator or function that cannot travel falls back on.
            entry("casAll", Containers.<List<Object>>locked((l, a) -> {
                if (!l.equals(a[0])) return false;
                l.clear();
                l.addAll(coll(a[1]));
                return true;
            })),
            entry("copy", Containers.<List<Object>>locked((l, a) -> new ArrayList<>(l))),
            entry("subList", Containers.<List<Object>>locked((l, a) -> new ArrayList<>(l.subList((Integer) a[0], (Integer) a[1])))),
            entry("equals", Containers.<List<Object>>locked((l, a) -> l.equals(a[0]))),
            entry("hashCode", Containers.<List<Object>>locked((l, a) -> l.hashCode())),
            entry("toString", Containers.<List<Object>>locked((l, a) -> l.toString())));

    private static final Map<String, Types.Op> NAMESPACE = Map.ofEntries(
            entry("get", Containers.<Map<Object, Object>>locked((m, a) -> {
                if (!m.containsKey(a[0])) throw new NoSuchElementException("Namespace has no attribute '" + a[0] + "'");
                return m.get(a[0]);
            })),
            entry("set", Containers.<Map<Object, Object>>locked((m, a) -> {
                m.put(a[0], a[1]);
                return null;
            })),
            entry("delete", Containers.<Map<Object, Object>>locked((m, a) -> {
                if (!m.containsKey(a[0])) throw new NoSuchElementException("Namespace has no attribute '" + a[0] + "'");
                return m.remove(a[0]);
            })),
            entry("contains", Containers.<Map<Object, Object>>locked((m, a) -> m.containsKey(a[0]))),
            entry("copy", Containers.<Map<Object, Object>>locked((m, a) -> new LinkedHashMap<>(m))),
            entry("toString", Containers.<Map<Object, Object>>locked((m, a) -> {
                StringBuilder b = new StringBuilder("Namespace(");
                Iterator<Map.Entry<Object, Object>> it = m.entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<Object, Object> e = it.next();
                    b.append(e.getKey()).append('=').append(e.getValue()).append(it.hasNext() ? ", " : "");
                }
                return b.append(')').toString();
            })));

    private static final Map<String, Types.Op> VALUE = Map.ofEntries(
            entry("get", Containers.<Cell>locked((c, a) -> c.value)),
            entry("set", Containers.<Cell>locked((c, a) -> {
                c.value = a[0];
                return null;
            })),
            entry("getAndSet", Containers.<Cell>locked((c, a) -> {
                Object old = c.value;
                c.value = a[0];
                return old;
            })),
            entry("compareAndSet", Containers.<Cell>locked((c, a) -> {
                if (!Objects.equals(c.value, a[0])) return false;
                c.value = a[1];
                return true;
            })),
            entry("addAndGet", Containers.<Cell>locked((c, a) -> c.value = add(c.value, (Number) a[0]))),
            entry("getAndAdd", Containers.<Cell>locked((c, a) -> {
                Object old = c.value;
                c.value = add(c.value, (Number) a[0]);
                return old;
            })),
            entry("updateAndGet", Containers.<Cell>locked((c, a) -> c.value = fn(a[0]).apply(c.value))),
            entry("toString", Containers.<Cell>locked((c, a) -> String.valueOf(c.value))));

    private static final Map<String, Types.Op> ARRAY = Map.ofEntries(
            entry("length", Containers.<Slots>locked((s, a) -> s.items().length)),
            entry("get", Containers.<Slots>locked((s, a) -> s.items()[(Integer) a[0]])),
            entry("set", Containers.<Slots>locked((s, a) -> {
                Object[] items = s.items();
                int i = (Integer) a[0];
                Object old = items[i];
                if (old != null && a[1] != null && old.getClass() != a[1].getClass()) {
                    throw new ClassCastException("array of " + old.getClass().getSimpleName() + " cannot hold a "
                            + a[1].getClass().getSimpleName());
                }
                items[i] = a[1];
                return null;
            })),
            entry("copy", Containers.<Slots>locked((s, a) -> new ArrayList<>(Arrays.asList(s.items())))),
            entry("toString", Containers.<Slots>locked((s, a) -> Arrays.toString(s.items()))));

    /** Adds keeping the value's own numeric type (an Integer stays an Integer; overflow throws, Python would grow). */
    private static Number add(Object value, Number delta) {
        return switch (value) {
            case Integer i -> Math.addExact(i, Math.toIntExact(delta.longValue()));
            case Long l -> Math.addExact(l, delta.longValue());
            case Short s -> (short) Math.addExact(s, delta.shortValue());
            case Byte b -> (byte) (b + delta.byteValue());
            case Double d -> d + delta.doubleValue();
            case Float f -> f + delta.floatValue();
            case java.math.BigInteger b -> b.add(java.math.BigInteger.valueOf(delta.longValue()));
            case null -> throw new IllegalStateException("the value is null, not a number");
            default -> throw new UnsupportedOperationException("the value is a " + value.getClass().getName() + ", not a number");
        };
    }

    @SuppressWarnings("unchecked")
    private static BiFunction<Object, Object, Object> bi(Object f) {
        return (BiFunction<Object, Object, Object>) Objects.requireNonNull(f, "function");
    }

    @SuppressWarnings("unchecked")
    private static Function<Object, Object> fn(Object f) {
        return (Function<Object, Object>) Objects.requireNonNull(f, "function");
    }

    @SuppressWarnings("unchecked")
    static final Map<String, Types.Type> TYPES = Map.of(
            "dict", new Types.Type(a -> a.length > 0 && a[0] != null ? new LinkedHashMap<>((Map<Object, Object>) a[0])
                    : new LinkedHashMap<>(), DICT),
            "list", new Types.Type(a -> a.length > 0 && a[0] != null ? new ArrayList<>((Collection<Object>) a[0])
                    : new ArrayList<>(), LIST),
            "namespace", new Types.Type(a -> new LinkedHashMap<>(), NAMESPACE),
            "value", new Types.Type(a -> new Cell(a.length > 0 ? a[0] : null), VALUE),
            "array", new Types.Type(a -> new Slots(((Collection<Object>) a[0]).toArray()), ARRAY));
}
