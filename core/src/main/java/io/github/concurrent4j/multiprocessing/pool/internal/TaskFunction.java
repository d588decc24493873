package io.github.concurrent4j.multiprocessing.pool.internal;

import java.io.Serializable;

/**
 * What a worker applies to each item of a chunk: the user's function, wrapped so that every
 * kind of task (apply, map, starmap) has one shape. It is sent to worker processes with the
 * chunk, so it is {@link Serializable}; the wrappers are lambdas of the pool classes, which
 * capture the user's serializable lambda.
 */
@FunctionalInterface
public interface TaskFunction extends Serializable {
    Object apply(Object item) throws Exception;
}
