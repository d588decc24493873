/**
 * The coroutine runtime shared by {@code c4j.green} and {@code c4j.asyncio}: the
 * {@link io.github.concurrent4j.green.internal.Loop} (run queue, timers, selector, baton),
 * {@link io.github.concurrent4j.green.internal.Fiber}s on virtual threads, single-use
 * {@link io.github.concurrent4j.green.internal.Waiter}s, and the stall watchdog. Not an API: its types are public only so that both packages can use them.
 */
package io.github.concurrent4j.green.internal;
