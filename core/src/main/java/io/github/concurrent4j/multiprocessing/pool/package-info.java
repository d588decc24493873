/**
 * Python's {@code multiprocessing.pool}: {@link io.github.concurrent4j.multiprocessing.pool.Pool}
 * ({@code apply}, {@code applyAsync}, {@code map}, {@code mapAsync}, {@code imap},
 * {@code imapUnordered}, {@code starmap}, {@code starmapAsync}, {@code close},
 * {@code terminate}, {@code join}), {@link io.github.concurrent4j.multiprocessing.pool.AsyncResult},
 * and {@link io.github.concurrent4j.multiprocessing.pool.ThreadPool}.
 *
 * <p><b>One engine, any kind of worker.</b> Every pool is the same engine over a backend that
 * starts workers and carries chunks to them and outcomes back; the engine does not know
 * whether its workers are threads or child JVMs. It tracks which chunks each worker holds, so
 * that a lost worker fails exactly the tasks it held (with
 * {@link io.github.concurrent4j.multiprocessing.pool.WorkerLostException}, or re-runs them up
 * to {@code retries} times), replaces workers (lost ones, and after {@code maxTasksPerChild}
 * chunks), and is fast for tiny tasks (chunks, and a deeper window of chunks per worker once
 * they are known to take microseconds) and fair for long ones (a worker holds at most 2 chunks of
 * a task that takes a millisecond or more, so a long task does not keep queued work from an
 * idle worker).
 *
 * <pre>
 *  caller threads            engine (this JVM)                        workers (threads or JVMs)
 *  ──────────────            ────────────────────────────             ──────────────────────────
 *  map / apply ──chunks──▶   queue ──▶ dispatch: each worker ──send──▶ run chunk: fn per item
 *  imap ──▶ task thread ──▶  (FIFO)    gets ≤ window chunks            (initializer first)
 *           (reads input                in flight, recorded per        │
 *            lazily)                    worker                          │ outcomes (result or
 *                                                                        │ Failure per item)
 *  AsyncResult / IMapIterator ◀── job.completed ◀── in-flight removed ◀─┘
 *  callbacks ◀── result thread     worker lost: its in-flight chunks re-queued (retries) or
 *                                  failed; the maintainer thread starts a replacement
 * </pre>
 *
 * <p><b>The backend interface</b> a kind of worker implements is
 * {@code internal.WorkerBackend} (start a worker), {@code internal.WorkerHandle} (send a chunk,
 * retire, kill) and the events it reports to {@code internal.WorkerEvents} (ready, completed,
 * initializer failed, exited); what crosses to a worker is a {@code internal.Chunk}'s id,
 * {@code internal.TaskFunction} and items, and what comes back is {@code Chunk.run}'s outcomes.
 * {@code docs/futures.md} gives the contract in full.
 */
package io.github.concurrent4j.multiprocessing.pool;
