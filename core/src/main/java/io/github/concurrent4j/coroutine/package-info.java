/**
 * What Python's generators, greenlets and asyncio have in common: {@link
 * io.github.concurrent4j.coroutine.Generator} ({@code yield}, {@code next}, {@code send}), the
 * exception a loop raises instead of hanging ({@link io.github.concurrent4j.coroutine.LoopExitException},
 * gevent's {@code LoopExit}), and the report of a coroutine that held its loop too long
 * ({@link io.github.concurrent4j.coroutine.StallReport}). {@code c4j.green} and
 * {@code c4j.asyncio} are built on the runtime in {@code coroutine.internal}.
 */
package io.github.concurrent4j.coroutine;
