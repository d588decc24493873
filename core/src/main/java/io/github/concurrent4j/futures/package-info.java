/**
 * Python's {@code concurrent.futures}: {@link io.github.concurrent4j.futures.Future} (also a
 * JDK {@code Future} and a {@code CompletionStage}), the
 * {@link io.github.concurrent4j.futures.Executor} interface that every executor of
 * concurrent4j implements (threads here; processes and machines in the packages above),
 * {@link io.github.concurrent4j.futures.ThreadPoolExecutor},
 * {@link io.github.concurrent4j.futures.Futures#wait} and
 * {@link io.github.concurrent4j.futures.Futures#asCompleted}, and progress reporting for long
 * maps ({@link io.github.concurrent4j.futures.Progress}).
 *
 * <p>This package is at the bottom of concurrent4j's layers, beside {@code threading} and
 * {@code queue}: it is built on {@code java.util.concurrent} and knows nothing of processes.
 * Executors that run tasks elsewhere live above it (Python's
 * {@code concurrent.futures.process} is {@code io.github.concurrent4j.futures.process}) and
 * complete their futures through {@link io.github.concurrent4j.futures.Promise}.
 *
 * <p>Names: Python's {@code CancelledError}, {@code TimeoutError}, {@code InvalidStateError},
 * {@code BrokenExecutor} and {@code BrokenThreadPool} are
 * {@link io.github.concurrent4j.futures.CancelledException},
 * {@link io.github.concurrent4j.futures.FuturesTimeoutException},
 * {@link io.github.concurrent4j.futures.InvalidStateException},
 * {@link io.github.concurrent4j.futures.BrokenExecutorException} and
 * {@link io.github.concurrent4j.futures.BrokenThreadPoolException}, all unchecked. Timeouts
 * are {@link java.time.Duration}s, and every timed method has an overload that waits forever.
 * The design note is {@code docs/futures.md}.
 */
package io.github.concurrent4j.futures;
