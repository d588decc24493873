package io.github.concurrent4j.function;

import java.io.Serializable;

/**
 * A task with no result that can be sent to another process: the target of a
 * {@code Process}, the body of a pool task. Declare it with a lambda; because the type is
 * {@link Serializable}, the compiler makes the lambda serializable, and the codec sends it
 * as its implementation method plus its captured arguments.
 *
 * <p>Captured arguments must themselves be serializable and allowed by the codec's
 * allow-list. The body may throw any exception; it is reported as the task's failure.
 */
@FunctionalInterface
public interface SerializableRunnable extends Serializable {
    void run() throws Exception;
}
