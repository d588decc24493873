package io.github.concurrent4j.futures.internal;

import java.util.List;

import io.github.concurrent4j.function.SerializableFunction;
import io.github.concurrent4j.futures.Future;

/**
 * An executor that can schedule many calls of one function as one step, which {@code map}
 * uses when an executor offers it: a process executor then queues all of a map's tasks under
 * its engine's lock once, instead of taking it (and sending from the caller's thread) once per
 * task while its I/O thread is busy with the first results.
 */
public interface SubmitEach {
    /**
     * Schedules {@code fn(arg)} for each of {@code args}, in order; the futures are in the same
     * order. Either every call is scheduled or, if this throws, none is.
     *
     * @throws java.util.concurrent.RejectedExecutionException after a shutdown
     */
    <T, R> List<Future<R>> submitEach(SerializableFunction<? super T, ? extends R> fn, List<? extends T> args);
}
