package io.github.concurrent4j.function;

import java.io.Serializable;
import java.util.function.Function;

/** A {@link Function} that can be sent to another process; see {@link SerializableRunnable}. */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {}
