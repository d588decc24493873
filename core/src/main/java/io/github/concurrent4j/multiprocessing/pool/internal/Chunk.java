package io.github.concurrent4j.multiprocessing.pool.internal;

import java.util.Objects;

import io.github.concurrent4j.futures.internal.Outcomes;

/**
 * A unit of work sent to one worker: a job's function and some of its items. The engine
 * assigns it to a worker, records it as that worker's until the outcomes come back, and sends
 * it again (retries) or fails it if the worker is lost first.
 *
 * <p>What crosses to a worker process is {@link #id()}, {@link #function()} and
 * {@link #items()}; the worker returns {@link #run}'s outcomes with the id. The job and the
 * attempt count stay in the parent.
 */
public final class Chunk {
    private final long id;
    private final Job job;
    private final int index;
    private final Object[] items;
    private int attempts; // guarded by the engine's lock

    /**
     * A chunk of {@code job}: {@code items} are the job's items from position {@code index}
     * on. The id is given by the engine when the chunk is submitted.
     */
    public Chunk(Job job, int index, Object[] items, long id) {
        this.job = Objects.requireNonNull(job, "job");
        this.index = index;
        this.items = Objects.requireNonNull(items, "items");
        this.id = id;
    }

    public long id() {
        return id;
    }

    public Job job() {
        return job;
    }

    /** The position of the first item in the job. */
    public int index() {
        return index;
    }

    public Object[] items() {
        return items;
    }

    public int size() {
        return items.length;
    }

    public TaskFunction function() {
        return job.function();
    }

    /** How many times the chunk has been sent to a worker. */
    public int attempts() {
        return attempts;
    }

    /** The engine sends the chunk (once more); called under the engine's lock. */
    public void recordAttempt() {
        attempts++;
    }

    /** The chunk came back unstarted (its worker died before reaching it); called under the engine's lock. */
    public void undoAttempt() {
        attempts--;
    }

    /**
     * What a worker does with a chunk: {@code fn} applied to each item, the result or an
     * {@link Outcomes.Failure} per item. Every item runs whatever the others do, so a chunk's
     * size never changes the outcomes.
     */
    public static Object[] run(TaskFunction fn, Object[] items) {
        return Outcomes.runEach(fn::apply, items);
    }

    @Override
    public String toString() {
        return "Chunk[" + id + ", items " + index + ".." + (index + items.length - 1) + "]";
    }
}
