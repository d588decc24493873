package io.github.concurrent4j.function;

import java.io.Serializable;
import java.util.function.Consumer;

/** A {@link Consumer} that can be sent to another process; see {@link SerializableRunnable}. */
@FunctionalInterface
public interface SerializableConsumer<T> extends Consumer<T>, Serializable {}
