package io.github.concurrent4j.transport.internal;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A Python tuple received through the pickle codec: an unmodifiable {@code List} with value
 * equality (so tuples work as map keys, as in Python), which the codec sends back as a tuple.
 * Elements may be {@code null} (Python's {@code None}).
 */
public final class PyTuple extends AbstractList<Object> implements RandomAccess {
    private final Object[] items;
    final boolean hashable;
    final int depth;

    PyTuple(Object[] items, boolean hashable, int depth) {
        this.items = items;
        this.hashable = hashable;
        this.depth = depth;
    }

    @Override
    public Object get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < items.length; i++) {
            if (i > 0) b.append(", ");
            b.append(items[i] == this ? "(this tuple)" : String.valueOf(items[i]));
        }
        return b.append(items.length == 1 ? ",)" : ")").toString();
    }
}
