/**
 * The equivalent of Python's {@code concurrent.futures.process}: {@link
 * io.github.concurrent4j.futures.process.ProcessPoolExecutor}, the executor of worker processes. It is a
 * package of its own because it stands on the process layer ({@code multiprocessing.pool}),
 * while {@code io.github.concurrent4j.futures} is in-process and below every other layer.
 */
package io.github.concurrent4j.futures.process;
