package io.github.concurrent4j.multiprocessing.managers;

import java.util.Map;

/**
 * The equivalent of Python's {@code NamespaceProxy} ({@code Manager().Namespace()}): named
 * attributes shared between processes. Python's {@code ns.x = 1} is {@code set("x", 1)} and
 * {@code ns.x} is {@code get("x")}, which throws {@link java.util.NoSuchElementException}
 * (Python's {@code AttributeError}) for a name never set. Values are copied in and out.
 *
 * <p>Thread-safe; each method is one atomic operation on the server. Memory consistency
 * effects: actions before a {@code set} happen-before the actions after a {@code get} that
 * returns what it set.
 */
public interface NamespaceProxy {
    /** The attribute's value; throws {@link java.util.NoSuchElementException} if it was never set. */
    <T> T get(String name);

    /** Sets the attribute. */
    void set(String name, Object value);

    /** Removes the attribute and returns its value: Python's {@code del ns.x}. */
    <T> T delete(String name);

    /** Whether the attribute is set: Python's {@code hasattr}. */
    boolean contains(String name);

    /** A copy of every attribute. */
    Map<String, Object> toMap();
}
