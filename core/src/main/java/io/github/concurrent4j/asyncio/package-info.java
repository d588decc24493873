/**
 * Python's {@code asyncio} on the JVM: {@link io.github.concurrent4j.asyncio.Asyncio#run} runs a
 * coroutine (a {@code Callable}) on an event loop whose tasks run on virtual threads, one at a
 * time; the functions Python declares {@code async def} are plain methods that suspend only the
 * calling task, and {@code await fut} is {@link io.github.concurrent4j.asyncio.Future#await()}.
 *
 * <p>Tasks, futures, {@code gather}, {@code wait}, {@code as_completed}, {@code wait_for},
 * {@code timeout}, {@link io.github.concurrent4j.asyncio.TaskGroup}, queues and locks, streams
 * ({@code open_connection}, {@code start_server}) and threads ({@code run_in_executor},
 * {@code to_thread}). The loop is the green hub's runtime ({@code docs/green.md}).
 */
package io.github.concurrent4j.asyncio;
