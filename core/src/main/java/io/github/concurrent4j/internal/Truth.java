package io.github.concurrent4j.internal;

import java.util.Optional;

/**
 * Python's truth test for the values a Java predicate returns ({@code Condition.wait_for}
 * loops until its predicate's value is true, and returns that value): {@code null},
 * {@link Boolean#FALSE} and an empty {@link Optional} are false; everything else is true.
 * (Python also counts zero and empty containers as false; a Java predicate that means
 * "nothing yet" returns null, false or an empty Optional.)
 */
public final class Truth {
    private Truth() {}

    /** Whether {@code value} counts as true. */
    public static boolean test(Object value) {
        return value != null && value != Boolean.FALSE && !(value instanceof Optional<?> o && o.isEmpty());
    }
}
