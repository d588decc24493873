package io.github.concurrent4j.function;

import java.io.Serializable;
import java.util.function.BiFunction;

/** A {@link BiFunction} that can be sent to another process; see {@link SerializableRunnable}. */
@FunctionalInterface
public interface SerializableBiFunction<T, U, R> extends BiFunction<T, U, R>, Serializable {}
