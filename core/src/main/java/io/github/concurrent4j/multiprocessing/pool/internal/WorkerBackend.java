package io.github.concurrent4j.multiprocessing.pool.internal;

import io.github.concurrent4j.function.SerializableRunnable;

/**
 * A kind of worker for the {@link Engine}: threads ({@link ThreadBackend}) or child JVMs. The
 * engine decides everything else — which worker gets which chunk, what is in flight where,
 * what a lost worker means, when a worker is replaced or retired — so a backend only starts
 * workers, moves chunks to them and outcomes back, and reports what happens to them through
 * {@link WorkerEvents}. See {@code docs/futures.md} for the data flow.
 *
 * <p>The contract a backend keeps, for each worker it starts:
 * <ol>
 *   <li>The worker runs the initializer (if any) before anything else, then reports
 *       {@link WorkerEvents#ready} once, or {@link WorkerEvents#initializerFailed} and ends.</li>
 *   <li>It runs the chunks it is sent, one at a time, in the order received, with
 *       {@link Chunk#run}, and reports each one's outcomes with
 *       {@link WorkerEvents#completed} and the chunk's id.</li>
 *   <li>It ends after {@link WorkerHandle#retire()} once it has reported every chunk it was
 *       sent; at once after {@link WorkerHandle#kill()}.</li>
 *   <li>{@link WorkerEvents#exited} is reported exactly once, last, whatever the reason —
 *       retired, killed, crashed, killed from outside — as soon as the backend can tell (for a
 *       process: its exit, seen through a blocking wait, not by polling). The engine knows what
 *       the worker held, so it needs nothing else to fail or re-run exactly those chunks.</li>
 * </ol>
 * Events may be reported from any thread. The engine never sends a worker more than
 * {@link #maxPrefetch()} chunks it has not reported.
 */
public interface WorkerBackend {
    /** The kind of worker, for names and messages ({@code "thread"}, {@code "process"}). */
    String kind();

    /**
     * How many chunks each worker may hold at once: 1 when handing one over costs nothing
     * (threads), more to hide a transport's latency (processes). Higher is faster for tiny
     * tasks and less fair for long ones: a held chunk waits for its worker even if another is
     * free.
     */
    int prefetch();

    /**
     * How many chunks a worker may hold once their time is known to be short: the engine
     * widens a worker's window from {@link #prefetch()} up to this for tiny tasks, so that a
     * transport's round trip never idles the worker (see {@code Engine.window}). By default the
     * same as {@link #prefetch()}: no widening.
     */
    default int maxPrefetch() {
        return prefetch();
    }

    /**
     * Starts worker number {@code id} (1, 2, ... over the pool's life), which will run
     * {@code initializer} (null: none) and then serve chunks, reporting to {@code events}.
     * Returns once the worker exists; it reports {@code ready} later.
     *
     * @throws RuntimeException if the worker cannot be started (the engine cleans up and
     *         reports it)
     */
    WorkerHandle start(int id, SerializableRunnable initializer, WorkerEvents events);
}
