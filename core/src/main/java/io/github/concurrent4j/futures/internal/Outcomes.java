package io.github.concurrent4j.futures.internal;

import java.io.Serializable;
import java.util.concurrent.CompletionException;

/**
 * How concurrent4j runs a function over a chunk of items and hands back what happened to each
 * (an executor's chunked {@code map}, a pool's chunks): one outcome per item, the result or a
 * {@link Failure}, so that a chunk's size never changes what the caller sees; and the one rule
 * by which a stored exception is thrown to the caller.
 */
public final class Outcomes {
    private Outcomes() {}

    /** A function over one item that may throw anything. */
    @FunctionalInterface
    public interface ItemFunction {
        Object apply(Object item) throws Exception;
    }

    /**
     * One item's exception among a chunk's outcomes. It travels back from a worker process with
     * the outcomes, so a process backend must be able to encode it (and the exception in it,
     * or a description of it).
     *
     * @param error what the function threw for that item
     */
    public record Failure(Throwable error) implements Serializable {}

    /** {@code fn} applied to each item: its result, or a {@link Failure} if it threw. Every item runs. */
    public static Object[] runEach(ItemFunction fn, Object[] items) {
        Object[] out = new Object[items.length];
        for (int i = 0; i < items.length; i++) {
            try {
                out[i] = fn.apply(items[i]);
            } catch (Throwable t) {
                out[i] = new Failure(t);
            }
        }
        return out;
    }

    /**
     * Throws {@code t} to a caller waiting for a result: an unchecked exception or an error as it
     * is (so that {@code catch (ArithmeticException e)} works as Python's
     * {@code except ZeroDivisionError}), a checked exception wrapped in
     * {@link CompletionException}. Declared to return so that callers can write {@code throw}.
     */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw new CompletionException(t);
    }
}
