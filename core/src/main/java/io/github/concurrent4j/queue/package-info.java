/**
 * Python's {@code queue} module: {@link io.github.concurrent4j.queue.Queue},
 * {@link io.github.concurrent4j.queue.LifoQueue},
 * {@link io.github.concurrent4j.queue.PriorityQueue} (with
 * {@link io.github.concurrent4j.queue.Prioritized} for Python's {@code (priority, item)}
 * tuples) and {@link io.github.concurrent4j.queue.SimpleQueue}, with Python's
 * {@code put/get} (blocking, timed, {@code Nowait}), {@code Full}/{@code Empty},
 * {@code task_done}/{@code join} and 3.13's {@code shutdown(immediate)}.
 *
 * <p>The FIFO queues pass items through a lock-free queue and take a lock only to sleep;
 * the design note ({@code docs/queue.md}) explains the counters that keep the bound, the task
 * count and shutdown exact without a lock.
 */
package io.github.concurrent4j.queue;
